"""Registries counted by the indicators: legal aid (cases, consultations), legal-education events,
leaders' legal-study sessions (会前学法、中心组学法). Each record through one service (forms, API,
Excel import alike), permission-checked and audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core import audit
from fazhi.org.models import Agency, User

from ..choices import Audience, ConsultationChannel, EducationKind, LegalAidKind, StudyKind
from ..models import LegalAidCase, LegalAidConsultation, LegalEducationEvent, StudySession
from .common import check_dates, may, next_number

__all__ = [
    "record_consultation",
    "record_education_event",
    "record_legal_aid_case",
    "record_study_session",
]


def _choice(
    field: str, value: str, choices: type[models.TextChoices], label: str
) -> dict[str, ValidationError]:
    if value in choices.values:
        return {}
    return {
        field: ValidationError(
            f"{label}“{value}”无效，可选：{'、'.join(choices.labels)}。", code="invalid_choice"
        )
    }


def _text(field: str, value: str, label: str) -> dict[str, ValidationError]:
    return {} if (value or "").strip() else {field: ValidationError(f"{label}：不能为空。", code="required")}


def _count(field: str, value: Any, label: str) -> dict[str, ValidationError]:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return {}
    return {field: ValidationError(f"{label}：应为不小于0的整数。", code="invalid_number")}


def _save(
    actor: User, obj: models.Model, action: str, errors: dict[str, ValidationError], **dates: Any
) -> Any:
    if errors:
        raise ValidationError(errors)
    check_dates(**dates)
    obj.save()
    audit.record(actor=actor, action=action, obj=obj, after={"pk": obj.pk})
    return obj


def _may(actor: User, agency: Agency) -> None:
    may(actor, "affairs.keep_registry", agency, "您无权登记该单位的台账。")


@transaction.atomic
def record_legal_aid_case(
    *,
    actor: User,
    agency: Agency,
    kind: str,
    applicant: str,
    matter: str,
    received_on: date,
    recipients: int = 1,
    closed_on: date | None = None,
    losses_recovered: Decimal | None = None,
    documents_drafted: int = 0,
    number: str = "",
) -> LegalAidCase:
    _may(actor, agency)
    errors = {
        **_choice("kind", kind, LegalAidKind, "案件类别"),
        **_text("applicant", applicant, "受援人"),
        **_text("matter", matter, "案由"),
        **_count("recipients", recipients, "受援人数"),
        **_count("documents_drafted", documents_drafted, "代写法律文书"),
    }
    if closed_on and received_on and closed_on < received_on:
        errors["closed_on"] = ValidationError("结案日期不能早于受理日期。", code="date_order")
    if losses_recovered is not None and losses_recovered < 0:
        errors["losses_recovered"] = ValidationError("挽回经济损失：不能为负数。", code="invalid_number")
    number = (number or "").strip() or next_number(
        LegalAidCase,
        f"{agency.jurisdiction.name}法援",
        received_on.year,
        jurisdiction_id=agency.jurisdiction_id,
    )
    if LegalAidCase.objects.filter(jurisdiction_id=agency.jurisdiction_id, number=number).exists():
        errors["number"] = ValidationError(f"案号“{number}”已登记。", code="duplicate")
    obj = LegalAidCase(
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        number=number,
        kind=kind,
        applicant=(applicant or "").strip(),
        matter=(matter or "").strip(),
        received_on=received_on,
        recipients=recipients,
        closed_on=closed_on,
        losses_recovered=losses_recovered,
        documents_drafted=documents_drafted,
    )
    return _save(
        actor,
        obj,
        "affairs.legal_aid_case.record",
        errors,
        received_on=(received_on, "受理日期"),
        closed_on=(closed_on, "结案日期"),
    )


@transaction.atomic
def record_consultation(
    *, actor: User, agency: Agency, held_on: date, channel: str, topic: str, persons: int = 1
) -> LegalAidConsultation:
    _may(actor, agency)
    errors = {
        **_choice("channel", channel, ConsultationChannel, "咨询方式"),
        **_text("topic", topic, "咨询事项"),
        **_count("persons", persons, "咨询人次"),
    }
    obj = LegalAidConsultation(
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        held_on=held_on,
        channel=channel,
        topic=(topic or "").strip(),
        persons=persons,
    )
    return _save(actor, obj, "affairs.consultation.record", errors, held_on=(held_on, "咨询日期"))


@transaction.atomic
def record_education_event(
    *,
    actor: User,
    agency: Agency,
    held_on: date,
    kind: str,
    title: str,
    audience: str,
    participants: int = 0,
    materials: int = 0,
    promo_items: int = 0,
) -> LegalEducationEvent:
    _may(actor, agency)
    errors = {
        **_choice("kind", kind, EducationKind, "活动类型"),
        **_choice("audience", audience, Audience, "受众"),
        **_text("title", title, "活动名称"),
        **_count("participants", participants, "参加人次"),
        **_count("materials", materials, "发放普法资料"),
        **_count("promo_items", promo_items, "发放宣传品"),
    }
    obj = LegalEducationEvent(
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        held_on=held_on,
        kind=kind,
        title=(title or "").strip(),
        audience=audience,
        participants=participants,
        materials=materials,
        promo_items=promo_items,
    )
    return _save(actor, obj, "affairs.education_event.record", errors, held_on=(held_on, "日期"))


@transaction.atomic
def record_study_session(
    *,
    actor: User,
    agency: Agency,
    held_on: date,
    kind: str,
    topic: str,
    lecturer: str = "",
    participants: int = 0,
) -> StudySession:
    _may(actor, agency)
    errors = {
        **_choice("kind", kind, StudyKind, "学法形式"),
        **_text("topic", topic, "学习内容"),
        **_count("participants", participants, "参加人数"),
    }
    obj = StudySession(
        jurisdiction_id=agency.jurisdiction_id,
        agency=agency,
        held_on=held_on,
        kind=kind,
        topic=(topic or "").strip(),
        lecturer=(lecturer or "").strip(),
        participants=participants,
    )
    return _save(actor, obj, "affairs.study_session.record", errors, held_on=(held_on, "日期"))
