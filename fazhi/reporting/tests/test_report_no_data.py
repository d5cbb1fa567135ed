"""Issue 15: the generated annual report writes nothing about missing data and draws no 0 bar."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

import pytest
from docx import Document

from fazhi.reporting.annual_report import charts, render
from fazhi.reporting.report import services as svc
from fazhi.reporting.submissions import services as subs


def _approve(actor, officer, jurisdiction, agency, year, values):
    campaign = subs.open_campaign(
        actor=actor,
        jurisdiction=jurisdiction,
        year=year,
        due_date=date(year + 1, 1, 31),
        codes=list(values),
        agencies=[agency],
    )
    s = campaign.submissions.get()
    subs.save_values(
        actor=officer, submission=s, entries={c: subs.Entry(v, "说明") for c, v in values.items()}
    )
    subs.submit_submission(actor=officer, submission=s)
    subs.approve_submission(actor=actor, submission=s)


@pytest.fixture
def report(supervisor, officer, jurisdiction, agency):
    # given 2025 with some approved figures, 2024 with none (the platform has no records for it)
    _approve(
        supervisor,
        officer,
        jurisdiction,
        agency,
        2025,
        {"services.items": 250, "business_env.new_entities": 30},
    )
    r = svc.create_report(actor=supervisor, jurisdiction=jurisdiction, year=2025)
    svc.build_report(actor=supervisor, report=r)
    return r


def _text(report) -> str:
    return "\n".join(
        "".join(t for t, _f in b.parts) for b in render.blocks(report, with_chart=False) if b.kind == "para"
    )


def test_no_sentence_about_missing_data(report):
    # when the report is rendered
    text = _text(report)
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(render.render_docx(report))).paragraphs)
    # then no "no data" phrase is written, and the figures with data are
    for t in (text, docx_text):
        assert "暂无数据" not in t
        assert "上年无可比数据" not in t
        assert "，，" not in t
        assert "；。" not in t
    assert "250项" in text
    assert "全年新增市场主体30" in text


def test_a_zero_is_not_listed_as_a_shortcoming(report):
    # when
    problems = next(
        "".join(t for t, _f in b.parts)
        for b in render.blocks(report, with_chart=False)
        if b.kind == "para" and "究其原因" in "".join(t for t, _f in b.parts)
    )
    # then 行政诉讼败诉0件 (0 losses) is no shortcoming, and the items are numbered without gaps
    assert "败诉0" not in problems
    assert "败诉" not in problems
    assert "二是" not in problems or "一是" in problems


def test_the_clause_with_a_missing_figure_goes_and_the_sentence_still_ends():
    missing = mock.Mock(source="missing", text="（暂无数据）", kind="ind", value=None)
    ok = mock.Mock(source="submission", text="12次", kind="ind", value=12)
    parts = [
        ("研究法治建设", None),
        ("12次", ok),
        ("，作出批示", None),
        ("（暂无数据）", missing),
        ("。其他", None),
    ]
    out = render.without_missing(parts)
    assert "".join(t for t, _f in out) == "研究法治建设12次。其他"


def test_shortcoming_items_are_renumbered():
    zero = mock.Mock(source="computed", text="0件", kind="ind", value=0)
    two = mock.Mock(source="computed", text="2件", kind="ind", value=2)
    parts = [("一是甲", None), ("0件", zero), ("；二是乙", None), ("2件", two), ("。究其原因，丙。", None)]
    out = "".join(t for t, _f in render.without_missing(parts, shortcomings=True))
    assert out == "一是乙2件。究其原因，丙。"


def test_the_chart_draws_no_bar_for_a_year_without_data():
    drawn: list[tuple[float, ...]] = []
    real = charts.ImageDraw.Draw

    def spy(img):
        d = real(img)
        original = d.rectangle

        def rectangle(xy, **kw):
            drawn.append(tuple(xy))
            return original(xy, **kw)

        d.rectangle = rectangle
        return d

    with mock.patch.object(charts.ImageDraw, "Draw", spy):
        charts.bar_chart("主要指标同比", ["执法立案", "复议申请"], [None, None], [120, 25], year=2025)
    # two bars for 2025 and the two legend boxes; none for 2024
    assert len(drawn) == 4
