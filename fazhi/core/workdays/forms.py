"""The form staff use to enter a year: one line per rest period / make-up working day."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .services import MakeupDay, RestPeriod

_DATE = r"(\d{4}-\d{1,2}-\d{1,2})"
_REST_LINE = re.compile(rf"^{_DATE}(?:\s*(?:至|到|~|～|–|—|－|\s)\s*{_DATE})?\s*(.*)$")
_WORK_LINE = re.compile(rf"^{_DATE}\s*(.*)$")


def _to_date(text: str, line_no: int) -> date:
    try:
        y, m, d = (int(p) for p in text.split("-"))
        return date(y, m, d)
    except ValueError:
        raise ValidationError(f"第 {line_no} 行：“{text}”不是有效日期。", code="bad_date") from None


def parse_rest_lines(text: str) -> list[RestPeriod]:
    """ "2027-02-06 至 2027-02-13 春节" or "2027-01-01 元旦" → RestPeriod; errors name the line."""
    out, errors = [], []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        m = _REST_LINE.match(line)
        if not m:
            errors.append(
                ValidationError(
                    f"第 {no} 行：“{line}”格式不对，应为“开始日期 至 结束日期 节日名称”，例如“2027-02-06 至 2027-02-13 春节”。",
                    code="bad_line",
                )
            )
            continue
        try:
            start = _to_date(m.group(1), no)
            end = _to_date(m.group(2), no) if m.group(2) else start
        except ValidationError as exc:
            errors.append(exc)
            continue
        out.append(RestPeriod(start, end, m.group(3).strip()))
    if errors:
        raise ValidationError(errors)
    return out


def parse_work_lines(text: str) -> list[MakeupDay]:
    """ "2027-02-20 春节" → MakeupDay."""
    out, errors = [], []
    for no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        m = _WORK_LINE.match(line)
        if not m:
            errors.append(
                ValidationError(
                    f"第 {no} 行：“{line}”格式不对，应为“日期 节日名称”，例如“2027-02-20 春节”。",
                    code="bad_line",
                )
            )
            continue
        try:
            out.append(MakeupDay(_to_date(m.group(1), no), m.group(2).strip()))
        except ValidationError as exc:
            errors.append(exc)
    if errors:
        raise ValidationError(errors)
    return out


class HolidayYearForm(forms.Form):
    year = forms.IntegerField(
        label="年度", min_value=1999, max_value=2100, error_messages={"required": "请填写年度。"}
    )
    notice_title = forms.CharField(
        label="通知标题",
        max_length=200,
        error_messages={"required": "请填写通知标题。"},
        help_text="例如：国务院办公厅关于2027年部分节假日安排的通知",
    )
    notice_number = forms.CharField(label="文号", max_length=100, required=False)
    published_on = forms.DateField(
        label="发布日期",
        required=False,
        # <input type="date"> reads only YYYY-MM-DD; the localised default (2026年11月5日) is blanked
        # by the browser, so 更正本年度 would lose the date on saving
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "发布日期格式错误，应为 YYYY-MM-DD。"},
    )
    source_url = forms.URLField(
        label="来源网址",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "请填写有效的网址。"},
    )
    rest_periods = forms.CharField(
        label="放假时段",
        widget=forms.Textarea(attrs={"rows": 8, "cols": 50}),
        error_messages={"required": "请至少录入一个放假时段。"},
        help_text="每行一个时段：开始日期 至 结束日期 节日名称（含其间的周末），如“2027-02-06 至 2027-02-13 春节”；单日可只写一个日期。",
    )
    makeup_days = forms.CharField(
        label="调休上班日",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 50}),
        required=False,
        help_text="每行一个周六或周日：日期 节日名称，如“2027-02-20 春节”。",
    )
    note = forms.CharField(
        label="备注（更正原因等）", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_rest_periods(self) -> list[RestPeriod]:
        return parse_rest_lines(self.cleaned_data["rest_periods"])

    def clean_makeup_days(self) -> list[MakeupDay]:
        return parse_work_lines(self.cleaned_data.get("makeup_days") or "")

    def service_kwargs(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def initial_from_year(data: Any) -> dict[str, Any]:
    """Prefill the form from a source.YearData (to correct a known year)."""
    runs: list[tuple[date, date, str]] = []
    for d, name in sorted(data.rest.items()):
        if runs and (d - runs[-1][1]).days == 1 and runs[-1][2] == name:
            runs[-1] = (runs[-1][0], d, name)
        else:
            runs.append((d, d, name))
    rest = "\n".join(
        f"{a.isoformat()} 至 {b.isoformat()} {n}".strip() if a != b else f"{a.isoformat()} {n}".strip()
        for a, b, n in runs
    )
    work = "\n".join(f"{d.isoformat()} {n}".strip() for d, n in sorted(data.work.items()))
    return {
        "year": data.year,
        "notice_title": data.notice_title,
        "notice_number": data.notice_number,
        "published_on": data.published_on,
        "source_url": data.source_url,
        "rest_periods": rest,
        "makeup_days": work,
    }
