"""Every write of the org app: agencies and staff accounts. Each service locks, checks permission,
validates, writes and audits (STYLE.md §2.2); nothing is partly saved."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import audit, ids
from fazhi.core.errors import field_error
from fazhi.org.choices import AgencyKind, Role
from fazhi.org.models import Agency, Jurisdiction, User

AGENCY_FIELDS = (
    "name",
    "short_name",
    "uscc",
    "uscc_override_reason",
    "kind",
    "parent",
    "has_enforcement_authority",
    "address",
    "phone",
    "is_active",
)
# What an agency_admin may change on their own agency; the rest is the justice bureau's.
AGENCY_CONTACT_FIELDS = frozenset({"short_name", "address", "phone"})
USER_FIELDS = ("full_name", "role", "agency", "is_head", "id_number", "phone", "email")
# Roles that see the whole jurisdiction (ADR 0002) and the kinds of organ they must belong to.
JURISDICTION_ROLE_KINDS = {
    Role.SUPERVISOR: {AgencyKind.JUSTICE_BUREAU},
    # 《行政复议法》(2023) 第四条: the reconsideration organ is the county government, whose
    # reconsideration office sits in the justice bureau.
    Role.RECONSIDERATION_STAFF: {AgencyKind.JUSTICE_BUREAU, AgencyKind.GOVERNMENT},
}


def _label(model: Any, field: str) -> str:
    return str(getattr(model._meta.get_field(field), "verbose_name", field))


def _snapshot(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields:
        value = getattr(obj, f"{f}_id") if f in {"parent", "agency"} else getattr(obj, f)
        out[f] = value
    return out


# --- Agencies ----------------------------------------------------------------------------------


def check_uscc(
    *,
    actor: User,
    jurisdiction: Jurisdiction,
    uscc: str,
    override_reason: str = "",
    exclude_pk: int | None = None,
) -> tuple[str, str, list[str]]:
    """Validate a USCC (GB 32100-2015); return (code, accepted override reason, warnings).

    A code failing the checksum is accepted only with a reason given by a supervisor
    (LEGAL_RULES.md §12 "legacy anomalies"); the reason is kept and audited.
    """
    reason = (override_reason or "").strip()
    try:
        result = ids.validate_uscc(uscc)
        reason = ""  # a valid code needs no override
    except ValidationError as exc:
        if exc.code != "uscc_checksum":
            raise ValidationError({"uscc": exc}) from None
        if not reason:
            raise field_error(
                "uscc",
                exc.messages[0]
                + "如确属早期试点地区校验位不符的合法历史代码，须由司法局监督人员填写接受理由。",
                "uscc_checksum",
            ) from None
        if not actor.has_perm("org.override_uscc", jurisdiction):
            raise PermissionDenied("只有司法局监督人员可以接受校验位不符的历史统一社会信用代码。") from None
        result = ids.validate_uscc(uscc, allow_bad_checksum=True)
    others = Agency.objects.filter(uscc=result.value)
    clash = (others.exclude(pk=exclude_pk) if exclude_pk is not None else others).first()
    if clash is not None:
        raise field_error(
            "uscc", f"统一社会信用代码“{result.value}”已被“{clash.name}”使用。", "uscc_duplicate"
        )
    warnings = list(result.warnings)
    if reason:
        warnings.append(f"统一社会信用代码校验位不符，已按历史代码接受（理由：{reason}），并记入审计日志。")
    return result.value, reason, warnings


def _validate_agency(agency: Agency) -> None:
    """Field lengths, choices and the jurisdiction's rules for one agency row."""
    if not (agency.name or "").strip():
        raise field_error("name", "名称不能为空。", "required")
    agency.name = agency.name.strip()
    try:
        agency.full_clean(
            exclude=["uscc", "jurisdiction", "parent"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ValidationError(
            {f: [f"{_label(Agency, f)}：{m}" for m in ms] for f, ms in exc.message_dict.items()}
        ) from None
    if (
        Agency.objects.filter(jurisdiction_id=agency.jurisdiction_id, name=agency.name)
        .exclude(pk=agency.pk)
        .exists()
    ):
        raise field_error("name", f"名称：本行政区划已有名为“{agency.name}”的机关。", "name_duplicate")
    if agency.parent_id is not None:
        parent = Agency.objects.filter(pk=agency.parent_id).first()
        if parent is None or parent.jurisdiction_id != agency.jurisdiction_id:
            raise field_error("parent", "上级机关须属于同一行政区划。", "parent_jurisdiction")
        # Walk up from the database (not stale in-memory objects) to refuse a cycle.
        seen = {agency.pk}
        pid: int | None = parent.pk
        while pid is not None:
            if pid in seen:
                raise field_error("parent", "上级机关不能是本机关或其下级机关。", "parent_cycle")
            seen.add(pid)
            pid = Agency.objects.filter(pk=pid).values_list("parent_id", flat=True).first()


@transaction.atomic
def create_agency(
    *,
    actor: User,
    jurisdiction: Jurisdiction,
    name: str,
    uscc: str,
    kind: str = AgencyKind.DEPARTMENT,
    short_name: str = "",
    parent: Agency | None = None,
    has_enforcement_authority: bool = False,
    address: str = "",
    phone: str = "",
    uscc_override_reason: str = "",
) -> tuple[Agency, list[str]]:
    """新增行政机关 — returns the agency and the USCC warnings to show (GB 32100-2015)."""
    if not actor.has_perm("org.add_agency", jurisdiction):
        raise PermissionDenied("您无权在该行政区划新增行政机关。")
    code, reason, warnings = check_uscc(
        actor=actor, jurisdiction=jurisdiction, uscc=uscc, override_reason=uscc_override_reason
    )
    agency = Agency(
        jurisdiction=jurisdiction,
        name=name,
        short_name=(short_name or "").strip(),
        uscc=code,
        uscc_override_reason=reason,
        kind=kind,
        parent=parent,
        has_enforcement_authority=bool(has_enforcement_authority),
        address=(address or "").strip(),
        phone=(phone or "").strip(),
    )
    _validate_agency(agency)
    agency.save()
    audit.record(
        actor=actor,
        action="org.create_agency",
        obj=agency,
        after=_snapshot(agency, AGENCY_FIELDS),
        note=f"历史代码校验位不符，经授权接受：{reason}" if reason else "",
    )
    return agency, warnings


@transaction.atomic
def update_agency(*, actor: User, agency: Agency, **changes: Any) -> tuple[Agency, list[str]]:
    """修改行政机关信息 — the supervisor changes anything; an agency_admin only the contact fields."""
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise ValueError(f"unknown agency fields: {sorted(unknown)}")
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not actor.has_perm("org.change_agency", agency):
        raise PermissionDenied("您无权修改该行政机关的信息。")
    before = _snapshot(agency, AGENCY_FIELDS)
    changed = {f: v for f, v in changes.items() if (getattr(v, "pk", v) if f == "parent" else v) != before[f]}
    if set(changed) - AGENCY_CONTACT_FIELDS and not actor.has_perm("org.change_agency_core", agency):
        raise PermissionDenied("部门管理员只能修改本机关的简称、地址和联系电话；其他信息由司法局修改。")
    warnings: list[str] = []
    reason = ""
    if "uscc" in changed or "uscc_override_reason" in changed:
        code, reason, warnings = check_uscc(
            actor=actor,
            jurisdiction=agency.jurisdiction,
            uscc=changed.get("uscc", agency.uscc),
            override_reason=changed.get("uscc_override_reason", agency.uscc_override_reason),
            exclude_pk=agency.pk,
        )
        changed["uscc"], changed["uscc_override_reason"] = code, reason
    for f, v in changed.items():
        setattr(agency, f, v.strip() if isinstance(v, str) else v)
    _validate_agency(agency)
    agency.save()
    after = _snapshot(agency, AGENCY_FIELDS)
    diff = [f for f in AGENCY_FIELDS if before[f] != after[f]]
    if diff:
        audit.record(
            actor=actor,
            action="org.update_agency",
            obj=agency,
            before={f: before[f] for f in diff},
            after={f: after[f] for f in diff},
            note=f"历史代码校验位不符，经授权接受：{reason}" if reason and "uscc" in diff else "",
        )
    return agency, warnings


# --- Staff accounts ----------------------------------------------------------------------------


def _check_role(actor: User, role: str, agency: Agency) -> None:
    """Role, agency and jurisdiction consistent (ADR 0002)."""
    if role not in Role.values:
        raise field_error("role", f"角色“{role}”无效，可选：{'、'.join(Role.labels)}。", "role_invalid")
    kinds = JURISDICTION_ROLE_KINDS.get(Role(role))
    if kinds is None:
        return
    if not actor.has_perm("org.assign_jurisdiction_roles", agency):
        raise PermissionDenied(f"只有司法局监督人员可以设置“{Role(role).label}”角色。")
    if agency.kind not in kinds:
        allowed = "、".join(AgencyKind(k).label for k in sorted(kinds))
        raise field_error(
            "role",
            f"角色“{Role(role).label}”须设在{allowed}，“{agency.name}”不是。",
            "role_agency_mismatch",
        )


def _clean_id_number(value: str) -> str:
    if not (value or "").strip():
        return ""
    try:
        return ids.validate_id_number(value).value
    except ValidationError as exc:
        raise ValidationError({"id_number": exc}) from None


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise field_error(
            "password", "初始密码不符合要求：" + "".join(exc.messages), "password_invalid"
        ) from None


def _user_after(user: User) -> dict[str, Any]:
    data = _snapshot(user, USER_FIELDS)
    data["id_number"] = bool(user.id_number)  # personal data stays out of the log: only whether set
    data["is_active"] = user.is_active
    return data


@transaction.atomic
def create_user(
    *,
    actor: User,
    username: str,
    full_name: str,
    role: str,
    agency: Agency,
    password: str,
    is_head: bool = False,
    id_number: str = "",
    phone: str = "",
    email: str = "",
) -> User:
    """新增工作人员账号 — in the actor's scope, with a role that fits the agency."""
    if agency is None:
        raise field_error("agency", "所在机关不能为空。", "required")
    if not actor.has_perm("org.manage_staff", agency):
        raise PermissionDenied(f"您无权为“{agency.name}”新增工作人员。")
    if not agency.is_active:
        raise field_error("agency", f"所在机关“{agency.name}”已停用。", "agency_inactive")
    _check_role(actor, role, agency)
    username = (username or "").strip()
    if not username:
        raise field_error("username", "用户名不能为空。", "required")
    if User.objects.filter(username__iexact=username).exists():
        raise field_error("username", f"用户名“{username}”已被使用。", "username_duplicate")
    if not (full_name or "").strip():
        raise field_error("full_name", "姓名不能为空。", "required")
    user = User(
        username=username,
        full_name=full_name.strip(),
        role=role,
        agency=agency,
        jurisdiction_id=agency.jurisdiction_id,
        is_head=bool(is_head),
        id_number=_clean_id_number(id_number),
        phone=(phone or "").strip(),
        email=(email or "").strip(),
    )
    try:
        user.full_clean(
            exclude=["password", "agency", "jurisdiction"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ValidationError(
            {f: [f"{_label(User, f)}：{m}" for m in ms] for f, ms in exc.message_dict.items()}
        ) from None
    _check_password(password, user)
    user.set_password(password)
    user.save()
    audit.record(actor=actor, action="org.create_user", obj=user, after=_user_after(user))
    return user


@transaction.atomic
def update_user(*, actor: User, user: User, password: str = "", **changes: Any) -> User:
    """修改工作人员账号 — role, agency, head flag, contact data; a new password when given."""
    unknown = set(changes) - set(USER_FIELDS)
    if unknown:
        raise ValueError(f"unknown user fields: {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    if not actor.has_perm("org.manage_staff", user):
        raise PermissionDenied("您无权修改该工作人员的账号。")
    before = _user_after(user)
    agency = changes.get("agency", user.agency)
    if agency is None:
        raise field_error("agency", "所在机关不能为空。", "required")
    if agency.pk != user.agency_id and not actor.has_perm("org.manage_staff", agency):
        raise PermissionDenied(f"您无权把工作人员调入“{agency.name}”。")
    role = changes.get("role", user.role)
    if role != user.role or agency.pk != user.agency_id:
        _check_role(actor, role, agency)
    if "id_number" in changes:
        changes["id_number"] = _clean_id_number(changes["id_number"])
    for f, v in changes.items():
        setattr(user, f, v.strip() if isinstance(v, str) else v)
    user.jurisdiction_id = agency.jurisdiction_id
    if not (user.full_name or "").strip():
        raise field_error("full_name", "姓名不能为空。", "required")
    if password:
        _check_password(password, user)
        user.set_password(password)
    user.save()
    if password:
        from fazhi.org.auth import revoke_tokens

        revoke_tokens(user, actor=actor, reason="密码已重设，API 令牌作废")
    after = _user_after(user)
    diff = [f for f in after if before[f] != after[f]]
    if diff or password:
        audit.record(
            actor=actor,
            action="org.update_user",
            obj=user,
            before={f: before[f] for f in diff},
            after={f: after[f] for f in diff},
            note="重设密码" if password else "",
        )
    return user


@transaction.atomic
def deactivate_user(*, actor: User, user: User, reason: str = "") -> User:
    """停用账号 — the account can no longer sign in; its records and audit trail stay."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not actor.has_perm("org.manage_staff", user):
        raise PermissionDenied("您无权停用该工作人员的账号。")
    if user.pk == actor.pk:
        raise ValidationError("不能停用自己的账号。", code="deactivate_self")
    if not user.is_active:
        raise ValidationError(f"账号“{user.username}”已是停用状态。", code="already_inactive")
    user.is_active = False
    user.save(update_fields=["is_active"])
    from fazhi.org.auth import revoke_tokens

    revoke_tokens(user, actor=actor, reason="账号停用，API 令牌作废")
    audit.record(
        actor=actor,
        action="org.deactivate_user",
        obj=user,
        before={"is_active": True},
        after={"is_active": False},
        note=reason,
    )
    return user


@transaction.atomic
def activate_user(*, actor: User, user: User) -> User:
    """恢复账号."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not actor.has_perm("org.manage_staff", user):
        raise PermissionDenied("您无权恢复该工作人员的账号。")
    if user.is_active:
        raise ValidationError(f"账号“{user.username}”已是启用状态。", code="already_active")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="org.activate_user",
        obj=user,
        before={"is_active": False},
        after={"is_active": True},
    )
    return user
