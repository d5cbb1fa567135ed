"""一单两库: the inspection matter list, the entity directory and the inspector pool (国发〔2019〕5号)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import audit, ids
from fazhi.org.models import Certificate, CertificateKind, CertificateStatus

from ..choices import CODED_KINDS, FLAG_LABELS, CreditGrade, EntityKind, InspectionMethod, MatterCategory
from ..models import Entity, InspectionMatter, Inspector, InspectorConflict
from ._common import err, not_future, require


@transaction.atomic
def create_matter(
    *,
    actor: Any,
    agency: Any,
    code: str,
    name: str,
    legal_basis: str,
    object_kind: str,
    method: str,
    category: str = MatterCategory.GENERAL,
    ratio: Decimal | str | None = None,
    frequency: str = "",
) -> InspectionMatter:
    """Add a line to the agency's inspection matter list (抽查事项清单)."""
    probe = InspectionMatter(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    require(actor, "inspection.manage_matters", probe, "维护该部门的抽查事项清单")
    errors: dict[str, str] = {}
    if not (code or "").strip():
        errors["code"] = "事项编码：不能为空。"
    elif InspectionMatter.objects.filter(agency=agency, code=code.strip()).exists():
        errors["code"] = f"事项编码：本部门已有编码为“{code.strip()}”的抽查事项。"
    if not (name or "").strip():
        errors["name"] = "抽查事项：不能为空。"
    if not (legal_basis or "").strip():
        errors["legal_basis"] = "检查依据：抽查事项必须写明检查依据。"
    if object_kind not in EntityKind.values:
        errors["object_kind"] = "检查对象类型无效。"
    if method not in InspectionMethod.values:
        errors["method"] = "检查方式无效。"
    if category not in MatterCategory.values:
        errors["category"] = "事项类别无效。"
    value: Decimal | None = None
    if ratio not in (None, ""):
        try:
            value = Decimal(str(ratio))
        except InvalidOperation:
            errors["ratio"] = "抽查比例上限：应为数字。"
        else:
            if value <= 0 or value > 100:
                errors["ratio"] = "抽查比例上限：应大于0%且不超过100%。"
    if errors:
        raise ValidationError({k: ValidationError(v, code="invalid") for k, v in errors.items()})
    matter = InspectionMatter.objects.create(
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        code=code.strip(),
        name=name.strip(),
        legal_basis=legal_basis.strip(),
        object_kind=object_kind,
        method=method,
        category=category,
        ratio=value,
        frequency=frequency.strip(),
    )
    audit.record(actor=actor, action="inspection.create_matter", obj=matter, after={"code": matter.code})
    return matter


def clean_entity(values: dict[str, Any]) -> dict[str, Any]:
    """Validate one directory row (form or import): USCC through fazhi.core.ids, a code for products
    and projects, a kind, a grade A–D and known flags. Returns the cleaned fields with `key`."""
    kind = values.get("kind") or ""
    if kind not in EntityKind.values:
        raise err("kind", f"对象类型：“{kind}”无效。", "invalid_choice")
    uscc = (values.get("uscc") or "").strip()
    code = (values.get("code") or "").strip()
    if kind in CODED_KINDS:
        if not code:
            raise err(
                "code", "对象编码：产品、项目类检查对象须填写编码（如产品批准文号、项目编号）。", "required"
            )
        if uscc:
            uscc = ids.validate_uscc(uscc).value
        key = f"{kind.upper()}-{code}"
    else:
        try:
            uscc = ids.validate_uscc(uscc).value
        except ValidationError as exc:
            raise ValidationError({"uscc": exc}) from None
        key = uscc
    name = (values.get("name") or "").strip()
    if not name:
        raise err("name", "名称：不能为空。", "required")
    grade = (values.get("credit_grade") or "B").strip().upper()[:1]
    if grade not in CreditGrade.values:
        raise err("credit_grade", "信用风险分类：应为A、B、C、D之一。", "invalid_choice")
    flags = values.get("flags") or []
    if isinstance(flags, str):
        by_label = {label: code for code, label in FLAG_LABELS.items()}
        flags = [
            by_label.get(f.strip(), f.strip())
            for f in flags.replace("，", ",").replace("、", ",").split(",")
            if f.strip()
        ]
    unknown = [f for f in flags if f not in FLAG_LABELS]
    if unknown:
        raise err(
            "flags",
            f"标记：“{'、'.join(unknown)}”无效，可选：{'、'.join(FLAG_LABELS.values())}。",
            "invalid_choice",
        )
    return {
        "key": key,
        "uscc": uscc,
        "name": name[:200],
        "kind": kind,
        "industry": (values.get("industry") or "").strip()[:50],
        "address": (values.get("address") or "").strip()[:200],
        "area": (values.get("area") or "").strip()[:50],
        "credit_grade": grade,
        "flags": sorted(set(flags)),
    }


@transaction.atomic
def save_entity(*, actor: Any, jurisdiction: Any, on: date, **values: Any) -> tuple[Entity, bool]:
    """Add or update (same USCC / code → the same row) an object of the directory."""
    require(actor, "inspection.manage_directory", jurisdiction, "维护本地区的检查对象名录库")
    fields = clean_entity(values)
    entity, created = Entity.objects.update_or_create(
        key=fields.pop("key"), defaults={**fields, "jurisdiction": jurisdiction, "updated_on": on}
    )
    audit.record(
        actor=actor,
        action="inspection.save_entity",
        obj=entity,
        after={"key": entity.key, "credit_grade": entity.credit_grade, "created": created},
    )
    return entity, created


def valid_certificate(officer: Any, agency_id: int, on: date) -> Certificate | None:
    return (
        Certificate.objects.filter(
            holder=officer,
            agency_id=agency_id,
            kind=CertificateKind.ENFORCEMENT,
            status=CertificateStatus.VALID,
            valid_from__lte=on,
            valid_until__gte=on,
        )
        .order_by("number")
        .first()
    )


@transaction.atomic
def add_inspector(*, actor: Any, officer: Any, on: date, specialties: str = "") -> Inspector:
    """Enter an officer into the inspector pool: only with a valid enforcement certificate (国发〔2019〕5号;
    行政处罚法第四十二条)."""
    agency = officer.agency
    if agency is None:
        raise err("officer", "执法人员：该人员未设置所在机关。", "no_agency")
    probe = Inspector(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    require(actor, "inspection.manage_inspectors", probe, "维护该部门的检查人员名录库")
    not_future(on)
    if valid_certificate(officer, agency.pk, on) is None:
        raise err(
            "officer",
            f"执法人员：{officer.display_name}没有本机关有效的行政执法证，不能列入检查人员名录库。",
            "no_valid_certificate",
        )
    inspector, _ = Inspector.objects.update_or_create(
        officer=officer,
        defaults={
            "agency": agency,
            "jurisdiction_id": agency.jurisdiction_id,
            "specialties": specialties.strip(),
            "is_active": True,
        },
    )
    audit.record(actor=actor, action="inspection.add_inspector", obj=inspector, after={"officer": officer.pk})
    return inspector


@transaction.atomic
def add_conflict(
    *, actor: Any, inspector: Inspector, entity: Entity, reason: str, on: date
) -> InspectorConflict:
    """申报回避: a declared interest in an object (行政处罚法第四十三条)."""
    require(actor, "inspection.manage_inspectors", inspector, "为该检查人员登记回避")
    not_future(on)
    if not (reason or "").strip():
        raise err("reason", "回避事由：不能为空。", "required")
    conflict, _ = InspectorConflict.objects.update_or_create(
        inspector=inspector, entity=entity, defaults={"reason": reason.strip(), "declared_on": on}
    )
    audit.record(
        actor=actor,
        action="inspection.add_conflict",
        obj=inspector,
        after={"entity": entity.key, "reason": reason},
    )
    return conflict
