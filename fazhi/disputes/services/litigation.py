"""Litigation defence (行政应诉) — every write, with the rules of LEGAL_RULES.md §2."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from fazhi.core import audit, procedures, workdays
from fazhi.core.errors import field_error
from fazhi.org.models import Agency, Jurisdiction, User

from ..choices import AbsenceReason, Instance, Judgment
from ..models import EnforcementApplication, LitigationCase, LitigationHearing, LossRule
from ..models.litigation import DEFAULT_LOSS_JUDGMENTS
from ..procedures import ENFORCEMENT_DEMAND_WAIT, LITIGATION
from .dates import refuse_future, refuse_future_on

__all__ = [
    "close_litigation_instance",
    "file_defence",
    "loss_judgments",
    "record_litigation_hearing",
    "register_enforcement_application",
    "register_litigation_case",
    "set_loss_rule",
]


def _agency(value: Any) -> Agency:
    if not isinstance(value, Agency):
        raise field_error("agency", "被告机关：必须是行政机关。", "not_agency")
    return value


@transaction.atomic
def register_litigation_case(
    *,
    actor: User,
    agency: Any,
    court: str,
    case_number: str,
    plaintiff: str,
    cause: str,
    served_on: date,
    instance: str = Instance.FIRST,
    previous: LitigationCase | None = None,
    filed_on: date | None = None,
    government_is_defendant: bool = False,
) -> LitigationCase:
    """登记应诉案件; the engine's defence clock runs 15 days from service (《行政诉讼法》第六十七条).
    A case served late in December with next year's calendar not entered gets a provisional due
    date (待日历确认), never a refusal."""
    agency = _agency(agency)
    probe = LitigationCase(agency=agency, jurisdiction=agency.jurisdiction)
    if not actor.has_perm("disputes.manage_litigation", probe):
        raise PermissionDenied("您无权登记该机关的行政应诉案件。")
    if instance not in Instance.values:
        raise field_error("instance", f"审级：“{instance}”无效。", "bad_instance")
    refuse_future({"served_on": ("收到起诉状副本日期", served_on), "filed_on": ("立案日期", filed_on)})
    for key, value, label in (
        ("court", court, "法院"),
        ("case_number", case_number, "案号"),
        ("plaintiff", plaintiff, "原告"),
        ("cause", cause, "案由"),
    ):
        if not (value or "").strip():
            raise field_error(key, f"{label}：不能为空。", "required")
    if LitigationCase.objects.filter(court=court.strip(), case_number=case_number.strip()).exists():
        raise field_error("case_number", f"案号：{court}的“{case_number}”已经登记。", "duplicate")
    if instance != Instance.FIRST and previous is None:
        raise field_error(
            "previous", "前审：二审、再审案件应当关联前审案件，以便按审级统计负责人出庭。", "required"
        )
    case = LitigationCase.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        government_is_defendant=government_is_defendant,
        court=court.strip(),
        case_number=case_number.strip(),
        instance=instance,
        previous=previous,
        plaintiff=plaintiff.strip(),
        cause=cause.strip(),
        filed_on=filed_on,
        served_on=served_on,
    )
    audit.record(
        actor=actor, action="disputes.register_litigation_case", obj=case, after={"served_on": served_on}
    )
    procedures.start_clock(case, LITIGATION, "defence", actor=actor, on=served_on)
    return case


def _locked(case: LitigationCase, actor: User) -> LitigationCase:
    case = LitigationCase.objects.select_for_update().get(pk=case.pk)
    if not actor.has_perm("disputes.manage_litigation", case):
        raise PermissionDenied("您无权办理该应诉案件。")
    return case


@transaction.atomic
def file_defence(*, actor: User, case: LitigationCase, on: date) -> LitigationCase:
    """提交答辩状和证据 (第六十七条): stops the defence clock, met or missed; late evidence counts as
    none (第三十四条) — the page shows it."""
    case = _locked(case, actor)
    refuse_future_on(on, "提交日期")
    if on < case.served_on:
        raise field_error("on", "提交日期：不能早于收到起诉状副本的日期。", "bad_date")
    if case.defence_filed_on is not None:
        raise field_error(
            "on",
            f"提交日期：答辩状已于{case.defence_filed_on.isoformat()}提交，不能重复登记。",
            "already_filed",
        )
    case.defence_filed_on = on
    case.save(update_fields=["defence_filed_on"])
    audit.record(actor=actor, action="disputes.file_defence", obj=case, after={"on": on})
    procedures.stop_clock(case, LITIGATION, "defence", actor=actor, on=on)
    return case


@transaction.atomic
def record_litigation_hearing(
    *,
    actor: User,
    case: LitigationCase,
    held_on: date,
    head_appeared: bool,
    head_name: str = "",
    head_post: str = "",
    absence_reason: str = "",
    absence_detail: str = "",
    staff_attending: str = "",
) -> LitigationHearing:
    """开庭 and head appearance (《行政诉讼法》第三条第三款; 2020规定第八、十条)."""
    case = _locked(case, actor)
    refuse_future({"held_on": ("开庭日期", held_on)})
    if head_appeared and not head_name.strip():
        raise field_error(
            "head_name", "出庭负责人：负责人出庭的，应填写其姓名（2020规定第六条）。", "required"
        )
    if not head_appeared:
        if absence_reason not in AbsenceReason.values:
            raise field_error(
                "absence_reason", "未出庭理由：负责人未出庭的，应当说明理由（2020规定第八条）。", "required"
            )
        if not staff_attending.strip():
            raise field_error(
                "staff_attending",
                "出庭工作人员：负责人不能出庭的，应当委托相应的工作人员出庭，不得仅委托律师出庭（行诉解释第一百二十八条）。",
                "required",
            )
    hearing = LitigationHearing.objects.create(
        case=case,
        held_on=held_on,
        head_appeared=head_appeared,
        head_name=head_name.strip(),
        head_post=head_post.strip(),
        absence_reason="" if head_appeared else absence_reason,
        absence_detail=absence_detail.strip(),
        staff_attending=staff_attending.strip(),
    )
    audit.record(
        actor=actor,
        action="disputes.record_litigation_hearing",
        obj=case,
        after={"held_on": held_on, "head_appeared": head_appeared},
    )
    return hearing


@transaction.atomic
def close_litigation_instance(
    *, actor: User, case: LitigationCase, judgment: str, on: date, appealed: bool = False
) -> LitigationCase:
    """裁判结果 (《行政诉讼法》第六十二、六十九至七十八条)."""
    case = _locked(case, actor)
    if judgment not in Judgment.values:
        raise field_error("judgment", f"裁判结果：“{judgment}”无效。", "bad_judgment")
    refuse_future_on(on, "裁判日期")
    if on < case.served_on:
        raise field_error("on", "裁判日期：不能早于收到起诉状副本的日期。", "bad_date")
    before = {"judgment": case.judgment, "judgment_on": case.judgment_on}
    case.judgment, case.judgment_on, case.appealed = judgment, on, appealed
    case.save(update_fields=["judgment", "judgment_on", "appealed"])
    if procedures.open_deadline(case, LITIGATION, "defence") is not None:
        # judged with no defence on record: the period is over (missed unless judged within it)
        procedures.stop_clock(case, LITIGATION, "defence", actor=actor, on=on)
    audit.record(
        actor=actor,
        action="disputes.close_litigation_instance",
        obj=case,
        before=before,
        after={"judgment": judgment, "judgment_on": on},
    )
    return case


def loss_judgments(jurisdiction: Jurisdiction | int) -> frozenset[str]:
    """What counts as 败诉 here: the jurisdiction's rule, else the defaults (LEGAL_RULES.md §2, UNCONFIRMED)."""
    jid = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    rule = LossRule.objects.filter(jurisdiction_id=jid).first()
    return frozenset(rule.judgments) if rule else frozenset(DEFAULT_LOSS_JUDGMENTS)


@transaction.atomic
def set_loss_rule(
    *, actor: User, jurisdiction: Jurisdiction, judgments: Iterable[str], note: str = ""
) -> LossRule:
    """Configure the 败诉 definition (the justice bureau of the jurisdiction)."""
    if not (actor.is_superuser or (actor.role == "supervisor" and actor.jurisdiction_id == jurisdiction.pk)):
        raise PermissionDenied("只有本级司法局可以设置败诉认定规则。")
    values = sorted(set(judgments))
    bad = [j for j in values if j not in Judgment.values]
    if bad:
        raise field_error("judgments", f"裁判结果：{'、'.join(bad)} 无效。", "bad_judgment")
    before = sorted(loss_judgments(jurisdiction))
    rule, _ = LossRule.objects.update_or_create(
        jurisdiction=jurisdiction, defaults={"judgments": values, "note": note}
    )
    audit.record(
        actor=actor,
        action="disputes.set_loss_rule",
        obj=rule,
        before={"judgments": before},
        after={"judgments": values},
    )
    return rule


@transaction.atomic
def register_enforcement_application(
    *,
    actor: User,
    agency: Any,
    court: str,
    decision_number: str,
    respondent_name: str,
    demand_served_on: date,
    applied_on: date,
) -> EnforcementApplication:
    """非诉执行申请: only after the 10-day demand period (《行政强制法》第五十四条; 第六十九条: working days)."""
    agency = _agency(agency)
    probe = EnforcementApplication(agency=agency, jurisdiction=agency.jurisdiction)
    if not actor.has_perm("disputes.manage_litigation", probe):
        raise PermissionDenied("您无权登记该机关的非诉执行申请。")
    refuse_future(
        {"demand_served_on": ("催告送达日期", demand_served_on), "applied_on": ("申请日期", applied_on)}
    )
    wait = workdays.explain(demand_served_on, ENFORCEMENT_DEMAND_WAIT)
    if applied_on <= wait.due:
        raise field_error(
            "applied_on",
            f"申请日期：催告书送达十日后才可申请强制执行，应晚于{wait.due.isoformat()}（{wait.describe()}）。",
            "demand_period_running",
        )
    app = EnforcementApplication.objects.create(
        jurisdiction=agency.jurisdiction,
        agency=agency,
        court=court.strip(),
        decision_number=decision_number.strip(),
        respondent_name=respondent_name.strip(),
        demand_served_on=demand_served_on,
        applied_on=applied_on,
    )
    audit.record(
        actor=actor,
        action="disputes.register_enforcement_application",
        obj=app,
        after={"applied_on": applied_on},
    )
    return app
