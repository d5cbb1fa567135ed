"""The annual government-information-disclosure report (政府信息公开工作年度报告) in the national
format of 国办公开办函〔2021〕30号 — ../shared/DISCLOSURE_REPORT.md. Labels are printed verbatim.

Table 三 is computed from the requests (one application = one 件, in exactly one result row or carried
forward); tables 二 and 四 and the prose parts come from the `DisclosureReport` record, with the
penalty decisions of table 二 taken from the enforcement records. `agency=None` is the government's
report (every agency of the jurisdiction). Cross-sums (§8) are checked and reported, never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q

from .choices import DISCLOSURE_CLOSED_STATES, REPLY_TYPE_ROW, REPORT_ROWS, STATE_ROW, ApplicantKind
from .models import DisclosureReport, DisclosureRequest
from .procedures import ANNUAL_REPORT_BASIS, report_due

COLUMNS = [*ApplicantKind.values]  # the 6 applicant columns; 总计 is their sum
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
OVERVIEW_TOPICS = (
    "（一）主动公开情况",
    "（二）依申请公开情况",
    "（三）政府信息管理情况",
    "（四）政府信息公开平台建设情况",
    "（五）政府信息公开监督保障情况",
)
NEW_LABEL = "一、本年新收政府信息公开申请数量"
CARRIED_IN_LABEL = "二、上年结转政府信息公开申请数量"
RESULTS_LABEL = "三、本年度办理结果"
TOTAL_LABEL = "（七）总计"
CARRIED_OUT_LABEL = "四、结转下年度继续办理"

# Table 二: (block caption, header, [(key, row label)], kind) — DISCLOSURE_REPORT.md §4
TABLE2_BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    (
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        (("rules", "规章"), ("normative_docs", "行政规范性文件")),
    ),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (("licensing", "行政许可"),)),
    (
        "第二十条第（六）项",
        ("信息内容", "本年处理决定数量"),
        (("penalties", "行政处罚"), ("coercion", "行政强制")),
    ),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), (("fees", "行政事业性收费"),)),
)
TABLE4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
TABLE4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass
class Table3:
    new: list[int]
    carried_in: list[int]
    rows: dict[str, list[int]]  # result row key → 6 applicant columns
    carried_out: list[int]

    @property
    def closed_total(self) -> list[int]:
        return [sum(r[i] for r in self.rows.values()) for i in range(len(COLUMNS))]

    @staticmethod
    def with_total(values: list[int]) -> list[int]:
        return [*values, sum(values)]

    def errors(self) -> list[str]:
        """§8 rule 1, per column: 第一项 + 第二项 = 第三项（七）+ 第四项."""
        out = []
        labels = [*ApplicantKind.labels, "总计"]
        new, cin = self.with_total(self.new), self.with_total(self.carried_in)
        closed, cout = self.with_total(self.closed_total), self.with_total(self.carried_out)
        for i, label in enumerate(labels):
            if new[i] + cin[i] != closed[i] + cout[i]:
                out.append(
                    f"“{label}”列勾稽关系不成立：新收{new[i]}＋上年结转{cin[i]}≠办理结果总计{closed[i]}＋结转下年度{cout[i]}。"
                )
        return out

    def printed_rows(self) -> list[tuple[str, str, list[int]]]:
        """(group label, row label, 7 numbers) for the 21 leaf rows, in the format's order."""
        return [(g, label, self.with_total(self.rows[key])) for key, g, label in REPORT_ROWS]


def _requests(jurisdiction: Any, agency: Any) -> Any:
    qs = DisclosureRequest.objects.filter(jurisdiction=jurisdiction)
    return qs.filter(agency=agency) if agency is not None else qs


def table3(jurisdiction: Any, year: int, agency: Any = None) -> Table3:
    """Two queries: the stock counts per applicant column, and the results of Y by row."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = _requests(jurisdiction, agency)
    still_open_at = lambda d: Q(closed_on__isnull=True) | Q(closed_on__gt=d)  # noqa: E731
    stock = {
        r["applicant_kind"]: r
        for r in qs.values("applicant_kind").annotate(
            new=Count("pk", filter=Q(received_on__gte=start, received_on__lte=end)),
            carried_in=Count("pk", filter=Q(received_on__lt=start) & still_open_at(start - _DAY)),
            carried_out=Count("pk", filter=Q(received_on__lte=end) & still_open_at(end)),
        )
    }
    rows = {key: [0] * len(COLUMNS) for key, _, _ in REPORT_ROWS}
    closed = (
        qs.filter(
            state__in=DISCLOSURE_CLOSED_STATES, closed_on__gte=start, closed_on__lte=end, received_on__lte=end
        )
        .values("applicant_kind", "state", "reply_type")
        .annotate(n=Count("pk"))
    )
    for r in closed:
        key = REPLY_TYPE_ROW.get(r["reply_type"]) if r["state"] == "replied" else STATE_ROW.get(r["state"])
        rows[key or "other.3"][COLUMNS.index(r["applicant_kind"])] += r["n"]

    def col(name: str) -> list[int]:
        return [stock.get(k, {}).get(name, 0) for k in COLUMNS]

    return Table3(col("new"), col("carried_in"), rows, col("carried_out"))


_DAY = timedelta(days=1)


@dataclass
class Report:
    title: str
    organ: str
    year: int
    government: bool
    due: date
    record: DisclosureReport
    table2: dict[str, list[Any]]
    table3: Table3
    table4: dict[str, list[int]]
    errors: list[str] = field(default_factory=list)

    @property
    def basis(self) -> str:
        return ANNUAL_REPORT_BASIS

    @property
    def published_on(self) -> date | None:
        return self.record.published_on

    @property
    def published_on_time(self) -> bool | None:
        """第四十九条: published by 31 January (departments) / 31 March (governments) of Y+1."""
        return None if self.record.published_on is None else self.record.published_on <= self.due

    def overview_paragraphs(self) -> list[tuple[str, str]]:
        t = self.table3
        new, cin = sum(t.new), sum(t.carried_in)
        closed, cout = sum(t.closed_total), sum(t.carried_out)
        request_text = (
            f"{self.year}年共收到政府信息公开申请{new}件，上年结转{cin}件；"
            f"全年答复（办结）{closed}件（含上年度结转申请），结转下年度继续办理{cout}件。"
            f"因政府信息公开工作被申请行政复议{self.table4['行政复议'][4]}件，"
            f"被提起行政诉讼{self.table4['未经复议直接起诉'][4] + self.table4['复议后起诉'][4]}件。"
        )
        custom = self.record.overview.strip()
        return [
            (OVERVIEW_TOPICS[0], custom or "按照条例规定，及时主动公开政府信息。"),
            (OVERVIEW_TOPICS[1], request_text),
            (OVERVIEW_TOPICS[2], "规范政府信息公开申请的登记、审核、答复和归档。"),
            (OVERVIEW_TOPICS[3], "依托政府门户网站政府信息公开专栏发布政府信息。"),
            (OVERVIEW_TOPICS[4], "落实政府信息公开工作考核和责任追究。"),
        ]

    def fee_sentence(self) -> str:
        """§7: fees (信息处理费) reported in 六, always with an explicit sentence (元)."""
        amount = (
            _requests(self.record.jurisdiction, self.record.agency)
            .filter(fee_paid_on__year=self.year)
            .values_list("fee_amount", flat=True)
        )
        total = sum((a for a in amount if a is not None), start=0)
        return f"全年收取政府信息公开信息处理费{total}元。"


def _table2(record: DisclosureReport, year: int) -> dict[str, list[Any]]:
    from fazhi.enforcement.models import PenaltyCase

    stored = record.table2 or {}
    penalties = PenaltyCase.objects.filter(
        jurisdiction=record.jurisdiction, decision_kind="penalty", decided_on__year=year
    )
    if record.agency_id:
        penalties = penalties.filter(agency_id=record.agency_id)
    out: dict[str, list[Any]] = {}
    for _caption, header, rows in TABLE2_BLOCKS:
        width = len(header) - 1
        for key, _label in rows:
            values = list(stored.get(key) or [0] * width)[:width]
            out[key] = values + [0] * (width - len(values))
    out["penalties"] = [penalties.count()]
    return out


def _table4(record: DisclosureReport) -> tuple[dict[str, list[int]], list[str]]:
    stored = record.table4 or {}
    out: dict[str, list[int]] = {}
    errors = []
    for group in TABLE4_GROUPS:
        parts = [int(v) for v in (stored.get(group) or [0, 0, 0, 0])[:4]]
        parts += [0] * (4 - len(parts))
        out[group] = [*parts, sum(parts)]
        if any(v < 0 for v in parts):
            errors.append(f"“{group}”的数字不能为负数。")
    return out, errors


def snapshot(t: Table3) -> dict[str, Any]:
    return {"new": t.new, "carried_in": t.carried_in, "rows": t.rows, "carried_out": t.carried_out}


def report_record(jurisdiction: Any, year: int, agency: Any = None) -> DisclosureReport:
    record = DisclosureReport.objects.filter(jurisdiction=jurisdiction, agency=agency, year=year).first()
    return record or DisclosureReport(jurisdiction=jurisdiction, agency=agency, year=year)


def build(jurisdiction: Any, year: int, agency: Any = None) -> Report:
    """The report of `agency` (a department) or, for `agency=None`, of the government of `jurisdiction`."""
    record = report_record(jurisdiction, year, agency)
    government = agency is None
    organ = f"{jurisdiction.name}人民政府" if government else agency.name
    snap = record.table3_snapshot if record.published_on else {}
    t3 = Table3(**snap) if snap else table3(jurisdiction, year, agency)
    t4, t4_errors = _table4(record)
    return Report(
        title=f"{organ}{year}年政府信息公开工作年度报告",
        organ=organ,
        year=year,
        government=government,
        due=report_due(year, government=government),
        record=record,
        table2=_table2(record, year),
        table3=t3,
        table4=t4,
        errors=[*t3.errors(), *t4_errors],
    )


def table2_rows(report: Report) -> list[dict[str, Any]]:
    """Table 二 for templates: caption rows, header rows and data rows with their keys."""
    out: list[dict[str, Any]] = []
    for caption, header, rows in TABLE2_BLOCKS:
        out.append({"kind": "caption", "text": caption})
        out.append({"kind": "header", "cells": header})
        for key, label in rows:
            out.append(
                {
                    "kind": "data",
                    "key": key,
                    "label": label,
                    "values": report.table2[key],
                    "computed": key == "penalties",
                }
            )
    return out


def table4_values(report: Report) -> list[tuple[str, int, int]]:
    """(group, index, value) for the 15 cells; index 4 is the computed 总计."""
    return [(g, i, v) for g in TABLE4_GROUPS for i, v in enumerate(report.table4[g])]


def template_context(report: Report) -> dict[str, Any]:
    """What `affairs/_report_body.html` needs, rows pre-arranged for the row spans."""
    t = report.table3
    rows = []
    sizes: dict[str, int] = {}
    for _key, group, _label in REPORT_ROWS:
        if group:
            sizes[group] = sizes.get(group, 0) + 1
    seen: set[str] = set()
    for group, label, values in t.printed_rows():
        rows.append(
            {
                "group": group,
                "label": label,
                "values": values,
                "first_in_group": bool(group) and group not in seen,
                "group_size": sizes.get(group, 0),
            }
        )
        seen.add(group)
    return {
        "report": report,
        "corner": CORNER,
        "t2": table2_rows(report),
        "t3_top": [(NEW_LABEL, t.with_total(t.new)), (CARRIED_IN_LABEL, t.with_total(t.carried_in))],
        "t3_rows": rows,
        "t3_total": t.with_total(t.closed_total),
        "t3_out": t.with_total(t.carried_out),
        "t4": table4_values(report),
    }
