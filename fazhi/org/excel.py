"""Excel (.xlsx) import and export of agencies and staff (openpyxl, via fazhi.core.excel).

An import reads every row, runs each through the same service as the web form (so the same rules,
permissions and audit apply), collects one message per broken cell ("第 N 行 / 列名 / 错误") and
writes nothing when any row fails (ADR 0001): the whole import is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import audit
from fazhi.core.excel import (
    XLSX_CONTENT_TYPE,
    Column,
    ImportFileError,
    ImportResult,
    RowError,
    choice,
    error_report,
    export,
    parse_bool,
    read_rows,
    run_rows,
    template,
    yes_no,
)
from fazhi.org import services
from fazhi.org.choices import AgencyKind, Role
from fazhi.org.models import Agency, Jurisdiction, User

__all__ = [
    "AGENCY_COLUMNS",
    "STAFF_COLUMNS",
    "XLSX_CONTENT_TYPE",
    "Column",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "agency_template",
    "error_report",
    "export_agencies",
    "export_staff",
    "import_agencies",
    "import_staff",
    "read_rows",
    "staff_template",
]

AGENCY_COLUMNS = (
    Column(
        "name",
        "名称",
        "机关全称，如“安吉县市场监督管理局”。同一行政区划内不得重名。",
        required=True,
        width=32,
    ),
    Column("short_name", "简称", "可不填。"),
    Column(
        "uscc",
        "统一社会信用代码",
        "18位，按 GB 32100-2015 校验。已存在的代码视为更新该机关。",
        required=True,
        width=22,
    ),
    Column("kind", "机关类型", "从下拉列表选择。", choices=tuple(AgencyKind.choices), width=24),
    Column(
        "parent", "上级机关", "填写本行政区划内已有机关的名称（或本表前面行中的机关），可不填。", width=28
    ),
    Column("has_enforcement_authority", "具有行政执法主体资格", "填“是”或“否”。", is_bool=True),
    Column("address", "地址", "可不填。", width=30),
    Column("phone", "联系电话", "可不填。"),
    Column(
        "uscc_override_reason",
        "校验不通过的历史代码接受理由",
        "仅当代码为早期试点地区校验位不符的合法历史代码时填写，须由司法局监督人员导入，记入审计日志。",
        width=30,
    ),
)

STAFF_COLUMNS = (
    Column(
        "username",
        "用户名",
        "登录用的用户名，字母、数字或 @.+-_。已存在的用户名视为更新该账号。",
        required=True,
    ),
    Column("full_name", "姓名", "", required=True, width=12),
    Column("role", "角色", "从下拉列表选择。", required=True, choices=tuple(Role.choices), width=18),
    Column("agency", "所在机关", "填写本行政区划内已有机关的名称。", required=True, width=30),
    Column("is_head", "机关负责人", "填“是”或“否”。", is_bool=True, width=12),
    Column(
        "id_number", "居民身份证号码", "可不填；填写时按 GB 11643-1999 校验。请以文本格式填写。", width=22
    ),
    Column("phone", "手机号码", "可不填。"),
    Column("email", "电子邮箱", "可不填。", width=24),
    Column(
        "password",
        "初始密码",
        "新建账号必填：至少10位，不能全为数字，不能过于常见或与用户名相近。更新已有账号时留空表示不修改密码。",
        width=18,
    ),
)


def agency_template() -> bytes:
    return template("行政机关", AGENCY_COLUMNS)


def staff_template() -> bytes:
    return template("工作人员", STAFF_COLUMNS)


def export_agencies(agencies: Iterable[Agency]) -> bytes:
    """The visible agencies in the import layout (export → edit → import round-trips)."""
    return export(
        "行政机关",
        AGENCY_COLUMNS,
        (
            [
                a.name,
                a.short_name,
                a.uscc,
                a.get_kind_display(),
                a.parent.name if a.parent_id and a.parent else "",
                yes_no(a.has_enforcement_authority),
                a.address,
                a.phone,
                a.uscc_override_reason,
            ]
            for a in agencies
        ),
    )


def export_staff(users: Iterable[User]) -> bytes:
    """The visible staff in the import layout; passwords are never exported."""
    return export(
        "工作人员",
        STAFF_COLUMNS,
        (
            [
                u.username,
                u.full_name,
                u.get_role_display(),
                u.agency.name if u.agency_id and u.agency else "",
                yes_no(u.is_head),
                u.id_number,
                u.phone,
                u.email,
                "",
            ]
            for u in users
        ),
    )


# --- Importing ---------------------------------------------------------------------------------


def import_agencies(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """导入行政机关 — create new agencies, update those whose USCC already exists."""
    if not actor.has_perm("org.import_agencies", jurisdiction):
        raise PermissionDenied("只有司法局监督人员可以批量导入行政机关。")
    rows = read_rows(content, AGENCY_COLUMNS)
    cols = {c.field: c for c in AGENCY_COLUMNS}

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        fields: dict[str, Any] = {
            k: v for k, v in values.items() if k not in {"kind", "parent", "has_enforcement_authority"}
        }
        if "kind" in values:
            fields["kind"] = choice(values["kind"], cols["kind"]) if values["kind"] else AgencyKind.DEPARTMENT
        if "has_enforcement_authority" in values:
            fields["has_enforcement_authority"] = parse_bool(
                values["has_enforcement_authority"], cols["has_enforcement_authority"]
            )
        if values.get("parent"):
            parent = Agency.objects.filter(jurisdiction=jurisdiction, name=values["parent"]).first()
            if parent is None:
                raise services.field_error(
                    "parent",
                    f"上级机关“{values['parent']}”不存在（须已在系统中或在本表前面的行中）。",
                    "parent_missing",
                )
            fields["parent"] = parent
        elif "parent" in values:
            fields["parent"] = None
        existing = Agency.objects.filter(
            uscc=values["uscc"].strip().upper(), jurisdiction=jurisdiction
        ).first()
        if existing is not None:
            _, warnings = services.update_agency(actor=actor, agency=existing, **fields)
            result.updated += 1
        else:
            _, warnings = services.create_agency(actor=actor, jurisdiction=jurisdiction, **fields)
            result.created += 1
        result.warnings.extend(RowError(number, "统一社会信用代码", w) for w in warnings)

    result = run_rows(rows, AGENCY_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="org.import_agencies",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created, "updated": result.updated},
        )
    return result


def import_staff(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """导入工作人员 — create new accounts, update those whose username already exists."""
    if not actor.has_perm("org.import_staff"):
        raise PermissionDenied("您无权批量导入工作人员。")
    rows = read_rows(content, STAFF_COLUMNS)
    cols = {c.field: c for c in STAFF_COLUMNS}

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        agency = Agency.objects.filter(jurisdiction=jurisdiction, name=values["agency"]).first()
        if agency is None:
            raise services.field_error("agency", f"所在机关“{values['agency']}”不存在。", "agency_missing")
        fields: dict[str, Any] = {
            "full_name": values["full_name"],
            "role": choice(values["role"], cols["role"]),
            "agency": agency,
        }
        if "is_head" in values:
            fields["is_head"] = parse_bool(values["is_head"], cols["is_head"])
        for f in ("id_number", "phone", "email"):
            if f in values:
                fields[f] = values[f]
        password = values.get("password", "")
        existing = User.objects.filter(username=values["username"]).first()
        if existing is not None:
            services.update_user(actor=actor, user=existing, password=password, **fields)
            result.updated += 1
        else:
            if not password:
                raise services.field_error("password", "新建账号须填写初始密码。", "required")
            services.create_user(actor=actor, username=values["username"], password=password, **fields)
            result.created += 1

    result = run_rows(rows, STAFF_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="org.import_staff",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created, "updated": result.updated},
        )
    return result
