"""Excel (.xlsx) for officers and statistics, on the shared import helper (fazhi.core.excel): every row
runs through the same service as the web form, one Chinese message per broken cell, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook

from fazhi.core import audit
from fazhi.core.excel import (
    Column,
    ImportResult,
    append_text_row,
    choice,
    date_text,
    export,
    field_error,
    read_rows,
    run_rows,
    template,
    workbook_bytes,
)
from fazhi.enforcement.selectors.supervision import STATISTICS_COLUMNS
from fazhi.enforcement.services import officers as officer_svc
from fazhi.enforcement.services._common import require_perm
from fazhi.org.models import Certificate, CertificateKind, Jurisdiction, User

CERTIFICATE_COLUMNS = (
    Column(
        "number",
        "证件编号",
        "按本省编号规则填写，不能与已有证件重复。请以文本格式填写。",
        required=True,
        width=22,
    ),
    Column("username", "持证人用户名", "持证人在本平台的用户名（须已在“机构人员”中登记）。", required=True),
    Column("full_name", "持证人姓名", "核对用，须与用户名对应的姓名一致。", width=12),
    Column(
        "kind",
        "证件类型",
        "从下拉列表选择。",
        required=True,
        choices=tuple(CertificateKind.choices),
        width=18,
    ),
    Column("issuing_authority", "发证机关", "如“示范省人民政府”。", required=True, width=20),
    Column("areas", "执法区域/执法类别", "可不填。", width=24),
    Column("valid_from", "有效期起", "日期，格式 YYYY-MM-DD。", required=True, width=14),
    Column("valid_until", "有效期至", "日期，格式 YYYY-MM-DD。", required=True, width=14),
    Column("status", "状态", "仅导出时填写，导入时忽略（新导入的证件均为“有效”）。", width=10),
)


def certificate_template() -> bytes:
    return template("执法证件", CERTIFICATE_COLUMNS)


def export_certificates(certificates: Iterable[Certificate]) -> bytes:
    return export(
        "执法证件",
        CERTIFICATE_COLUMNS,
        (
            [
                c.number,
                c.holder.username,
                c.holder.full_name,
                c.get_kind_display(),
                c.issuing_authority,
                c.areas,
                c.valid_from.isoformat(),
                c.valid_until.isoformat(),
                c.get_status_display(),
            ]
            for c in certificates
        ),
    )


def _row_user(values: dict[str, str], jurisdiction: Jurisdiction, name_label: str, missing_code: str) -> User:
    """The staff member a row names by username, checked against the row's name when it has one."""
    user = User.objects.filter(username=values["username"], jurisdiction=jurisdiction).first()
    if user is None:
        raise field_error(
            "username", f"本行政区划内没有用户名为“{values['username']}”的工作人员。", missing_code
        )
    if values.get("full_name") and values["full_name"] != user.full_name:
        raise field_error(
            "full_name",
            f"{name_label}“{values['full_name']}”与用户“{user.username}”的姓名“{user.full_name}”不一致。",
            "name_mismatch",
        )
    return user


def import_certificates(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """批量导入执法证件 — each row through `issue_certificate` (supervisor only; audited per row)."""
    require_perm(actor, "enforcement.manage_certificates", jurisdiction, "批量导入执法证件")
    rows = read_rows(content, CERTIFICATE_COLUMNS)
    cols = {c.field: c for c in CERTIFICATE_COLUMNS}

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        holder = _row_user(values, jurisdiction, "持证人姓名", "holder_missing")
        officer_svc.issue_certificate(
            actor=actor,
            holder=holder,
            kind=choice(values["kind"], cols["kind"]),
            number=values["number"],
            issuing_authority=values["issuing_authority"],
            areas=values.get("areas", ""),
            valid_from=date_text(values["valid_from"]),
            valid_until=date_text(values["valid_until"]),
        )
        result.created += 1

    result = run_rows(rows, CERTIFICATE_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="enforcement.import_certificates",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created},
        )
    return result


TRAINING_COLUMNS = (
    Column("username", "用户名", "执法人员在本平台的用户名。", required=True),
    Column("full_name", "姓名", "核对用，须与用户名对应的姓名一致。", width=12),
    Column("course", "培训内容", "如“行政处罚法专题培训”。", required=True, width=30),
    Column("hours", "学时", "大于0，最多一位小数。", required=True, width=8),
    Column(
        "completed_on", "完成日期", "日期，格式 YYYY-MM-DD；学时计入该日期所在年度。", required=True, width=14
    ),
)


def training_template() -> bytes:
    return template("培训学时", TRAINING_COLUMNS)


def import_training(*, actor: User, jurisdiction: Jurisdiction, content: bytes) -> ImportResult:
    """批量登记培训学时 — each row through `record_training` (supervisor: any officer of the
    jurisdiction; agency admin: their own agency's officers)."""
    rows = read_rows(content, TRAINING_COLUMNS)

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        officer = _row_user(values, jurisdiction, "姓名", "officer_missing")
        officer_svc.record_training(
            actor=actor,
            officer=officer,
            course=values["course"],
            hours=values["hours"],
            completed_on=date_text(values["completed_on"]),
        )
        result.created += 1

    result = run_rows(rows, TRAINING_COLUMNS, handle)
    if result.ok:
        audit.record(
            actor=actor,
            action="enforcement.import_training",
            obj=jurisdiction,
            after={"rows": result.rows, "created": result.created},
        )
    return result


def export_training_shortfall(short: Iterable[Any], year: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年学时不足人员"
    ws.append(["执法主体", "姓名", "用户名", "已完成学时", "应完成学时", "尚缺学时"])
    for s in short:
        append_text_row(
            ws,
            [s.officer.agency.name if s.officer.agency_id else "", s.officer.full_name, s.officer.username,
             float(s.hours), float(s.required), float(s.missing)],
        )  # fmt: skip
    ws.column_dimensions["A"].width = 32
    return workbook_bytes(wb)


def export_statistics(rows: list[dict[str, Any]], year: int) -> bytes:
    """年度行政执法统计表: one row per agency; the second header row carries the INDICATORS.md codes."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度执法统计"
    ws.append(["执法主体", *[label for _k, label, _c in STATISTICS_COLUMNS]])
    ws.append(["指标代码", *[code for _k, _l, code in STATISTICS_COLUMNS]])
    for r in rows:
        append_text_row(ws, [r["agency__name"], *[r[k] for k, _l, _c in STATISTICS_COLUMNS]])
    for k, _l, _c in STATISTICS_COLUMNS:
        if k.endswith("_yuan"):
            col = 2 + [c[0] for c in STATISTICS_COLUMNS].index(k)
            for row in ws.iter_rows(min_row=3, min_col=col, max_col=col):
                row[0].number_format = "#,##0.00"
    ws.column_dimensions["A"].width = 32
    ws.freeze_panes = "B3"
    return workbook_bytes(wb)
