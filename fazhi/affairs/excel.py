"""Excel import/export of the registries through core.excel (all-or-nothing, per-row Chinese errors);
each row becomes a record through the same service as the web form (never retype)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from fazhi.core import excel as cx
from fazhi.core.excel import Column, ImportFileError, ImportResult

from . import services
from .choices import Audience, ConsultationChannel, EducationKind, LegalAidKind, StudyKind

__all__ = ["COLUMNS", "ImportFileError", "export", "import_rows", "response", "row_cells", "template"]

COLUMNS: dict[str, tuple[Column, ...]] = {
    "legal_aid": (
        Column("number", "案号", "留空由系统编号"),
        Column("kind", "案件类别", "刑事/民事/行政/其他", required=True, choices=tuple(LegalAidKind.choices)),
        Column("applicant", "受援人", "姓名或名称", required=True),
        Column("matter", "案由", "", required=True),
        Column("received_on", "受理日期", "格式 2025-03-01", required=True),
        Column("recipients", "受援人数", "整数，默认1"),
        Column("closed_on", "结案日期", "未结案留空"),
        Column("losses_recovered", "挽回经济损失（元）", "金额，可留空"),
        Column("documents_drafted", "代写法律文书（件）", "整数，默认0"),
    ),
    "consultations": (
        Column("held_on", "咨询日期", "格式 2025-03-01", required=True),
        Column(
            "channel",
            "咨询方式",
            "来访/电话（12348）/网络",
            required=True,
            choices=tuple(ConsultationChannel.choices),
        ),
        Column("topic", "咨询事项", "", required=True),
        Column("persons", "咨询人次", "整数，默认1"),
    ),
    "education": (
        Column("held_on", "日期", "格式 2025-03-01", required=True),
        Column("kind", "活动类型", "", required=True, choices=tuple(EducationKind.choices)),
        Column("title", "活动名称", "", required=True),
        Column("audience", "受众", "", required=True, choices=tuple(Audience.choices)),
        Column("participants", "参加（受众）人次", "整数"),
        Column("materials", "发放普法资料（册、份）", "整数"),
        Column("promo_items", "发放宣传品（个）", "整数"),
    ),
    "study": (
        Column("held_on", "日期", "格式 2025-03-01", required=True),
        Column("kind", "学法形式", "", required=True, choices=tuple(StudyKind.choices)),
        Column("topic", "学习内容", "", required=True),
        Column("lecturer", "主讲人", ""),
        Column("participants", "参加人数", "整数"),
    ),
}
SERVICES: dict[str, Any] = {
    "legal_aid": services.record_legal_aid_case,
    "consultations": services.record_consultation,
    "education": services.record_education_event,
    "study": services.record_study_session,
}
TITLES = {
    "legal_aid": "法律援助案件",
    "consultations": "法律援助咨询",
    "education": "普法活动",
    "study": "领导干部学法",
}
DATE_FIELDS = {"received_on", "closed_on", "held_on"}
INT_FIELDS = {"recipients", "documents_drafted", "persons", "participants", "materials", "promo_items"}
DEFAULTS = {"recipients": 1, "persons": 1}


def _value(obj: Any, c: Column) -> Any:
    if c.choices:
        return getattr(obj, f"get_{c.field}_display")()
    v = getattr(obj, c.field)
    return "" if v is None else v


def row_cells(key: str, obj: Any) -> list[Any]:
    return [obj.agency.name, *(_value(obj, c) for c in COLUMNS[key])]


def template(key: str) -> bytes:
    return cx.template(TITLES[key], COLUMNS[key])


def export(key: str, qs: Any) -> bytes:
    return cx.export(TITLES[key], COLUMNS[key], ([_value(o, c) for c in COLUMNS[key]] for o in qs))


def response(content: bytes, filename: str) -> HttpResponse:
    resp = HttpResponse(content, content_type=cx.XLSX_CONTENT_TYPE)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return resp


def _parse(key: str, values: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in COLUMNS[key]:
        raw = (values.get(c.field) or "").strip()
        if c.choices:
            out[c.field] = cx.choice(raw, c)
        elif c.field in DATE_FIELDS:
            if not raw:
                out[c.field] = None
                continue
            try:
                out[c.field] = date.fromisoformat(cx.date_text(raw))
            except ValueError:
                raise cx.field_error(
                    c.field, f"{c.header}“{raw}”不是有效日期，格式应为 2025-03-01。", "invalid_date"
                ) from None
        elif c.field in INT_FIELDS:
            try:
                out[c.field] = int(raw) if raw else DEFAULTS.get(c.field, 0)
            except ValueError:
                raise cx.field_error(
                    c.field, f"{c.header}应为整数，实际为“{raw}”。", "invalid_number"
                ) from None
        elif c.field == "losses_recovered":
            try:
                out[c.field] = Decimal(raw) if raw else None
            except InvalidOperation:
                raise cx.field_error(
                    c.field, f"{c.header}应为金额，实际为“{raw}”。", "invalid_number"
                ) from None
        else:
            out[c.field] = raw
    return out


def import_rows(key: str, content: bytes, *, actor: Any, agency: Any) -> ImportResult:
    """All or nothing: any broken row and nothing is written (ADR 0001)."""
    rows = cx.read_rows(content, COLUMNS[key])

    def handle(values: dict[str, str], result: ImportResult, number: int) -> None:
        if agency is None:
            raise PermissionDenied("您的账号未设置所在机关，不能导入台账。")
        SERVICES[key](actor=actor, agency=agency, **_parse(key, values))
        result.created += 1

    return cx.run_rows(rows, COLUMNS[key], handle)


def numbers_from_post(post: Any, prefix: str) -> dict[str, list[Any]]:
    """Table cells posted as `{prefix}:{row key}:{i}` → {row key: [numbers]} (blank = 0; a cell that
    is not a number becomes -1 and is refused by the service with its label)."""
    out: dict[str, dict[int, Any]] = {}
    for name, value in post.items():
        parts = name.split(":")
        if len(parts) != 3 or parts[0] != prefix or not parts[2].isdigit():
            continue
        try:
            d = Decimal((value or "0").strip() or "0")
            n: Any = int(d) if d == d.to_integral_value() else float(d)
        except InvalidOperation:
            n = -1
        out.setdefault(parts[1], {})[int(parts[2])] = n
    return {k: [v[i] for i in sorted(v)] for k, v in out.items()}
