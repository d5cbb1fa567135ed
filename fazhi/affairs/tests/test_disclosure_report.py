"""The annual disclosure report (国办公开办函〔2021〕30号) on a known set of records."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.org.tests.factories import UserFactory

from .. import disclosure_docx, services
from .. import disclosure_report as dr
from ..choices import ApplicantKind, ReplyType

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(officer, agency, other_agency, make_request):
    # carried in from 2024, answered in 2025
    r1 = make_request(date(2024, 12, 20))
    services.reply_request(actor=officer, case=r1, on=date(2025, 1, 10), reply_type=ReplyType.PROVIDED)
    # received and answered in 2024: in neither year's 2025 figures
    r7 = make_request(date(2024, 11, 4))
    services.reply_request(actor=officer, case=r7, on=date(2024, 11, 20), reply_type=ReplyType.PROVIDED)
    r3 = make_request(date(2025, 3, 3))
    services.reply_request(actor=officer, case=r3, on=date(2025, 3, 20), reply_type=ReplyType.PARTIAL)
    r4 = make_request(date(2025, 3, 3), applicant_kind=ApplicantKind.RESEARCH)
    services.request_amendment(actor=officer, case=r4, on=date(2025, 3, 5), items="请写明信息名称")
    services.abandon_request(actor=officer, case=r4, on=date(2025, 4, 30))
    r5 = make_request(date(2025, 5, 6), applicant_kind=ApplicantKind.LEGAL_SERVICE)
    services.withdraw_request(actor=officer, case=r5, on=date(2025, 5, 8))
    r6 = make_request(date(2025, 6, 3))
    services.reply_request(actor=officer, case=r6, on=date(2025, 6, 10), reply_type=ReplyType.NOT_HELD)
    make_request(date(2025, 12, 22), applicant_kind=ApplicantKind.BUSINESS)  # carried forward
    # another department's request: only in the government's report
    other = UserFactory(username="jt", role="officer", agency=other_agency)
    services.receive_request(
        actor=other,
        agency=other_agency,
        applicant_kind=ApplicantKind.PERSON,
        applicant_name="李四",
        applicant_contact="13900000000",
        description="道路规划",
        channel="in_person",
        submitted_on=date(2025, 7, 1),
    )


def test_table_3_counts_each_application_once_and_the_cross_sums_hold(records, agency, jurisdiction):
    # when
    t = dr.table3(jurisdiction, 2025, agency)
    # then (columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计)
    assert t.with_total(t.new) == [2, 1, 1, 0, 1, 0, 5]
    assert t.with_total(t.carried_in) == [1, 0, 0, 0, 0, 0, 1]
    assert t.rows["open"] == [1, 0, 0, 0, 0, 0]
    assert t.rows["partial"] == [1, 0, 0, 0, 0, 0]
    assert t.rows["unable.1"] == [1, 0, 0, 0, 0, 0]
    assert t.rows["other.1"] == [0, 0, 1, 0, 0, 0]
    assert t.rows["other.3"] == [0, 0, 0, 0, 1, 0]
    assert t.with_total(t.closed_total) == [3, 0, 1, 0, 1, 0, 5]
    assert t.with_total(t.carried_out) == [0, 1, 0, 0, 0, 0, 1]
    assert t.errors() == []


def test_government_report_covers_every_agency_of_the_jurisdiction(records, jurisdiction):
    report = dr.build(jurisdiction, 2025)
    assert report.title == "示范县人民政府2025年政府信息公开工作年度报告"
    assert report.due == date(2026, 3, 31)
    assert sum(report.table3.new) == 6
    assert sum(report.table3.carried_out) == 2
    assert report.errors == []


def test_department_report_is_due_31_january(records, agency, jurisdiction):
    report = dr.build(jurisdiction, 2025, agency)
    assert report.title == "示范县市场监督管理局2025年政府信息公开工作年度报告"
    assert report.due == date(2026, 1, 31)


def test_a_broken_cross_sum_is_reported_per_column():
    t = dr.Table3(
        new=[2, 0, 0, 0, 0, 0],
        carried_in=[0] * 6,
        rows={key: [0] * 6 for key, _, _ in dr.REPORT_ROWS},
        carried_out=[1, 0, 0, 0, 0, 0],
    )
    assert t.errors() == [
        "“自然人”列勾稽关系不成立：新收2＋上年结转0≠办理结果总计0＋结转下年度1。",
        "“总计”列勾稽关系不成立：新收2＋上年结转0≠办理结果总计0＋结转下年度1。",
    ]


def test_docx_prints_the_national_labels_verbatim(records, agency, jurisdiction):
    # when
    content = disclosure_docx.document(dr.build(jurisdiction, 2025, agency))
    doc = Document(io.BytesIO(content))
    # then: the six headings in order
    text = [p.text for p in doc.paragraphs]
    positions = [text.index(h) for h in dr.HEADINGS]
    assert positions == sorted(positions)
    assert "全年收取政府信息公开信息处理费0元。" in text
    # table 三: the corner, the applicant header and the rows with their figures
    t3 = doc.tables[1]
    cells = [[c.text for c in row.cells] for row in t3.rows]
    assert cells[0][0] == dr.CORNER
    assert cells[2][3:10] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert cells[3][0] == "一、本年新收政府信息公开申请数量"
    assert cells[3][3:] == ["2", "1", "1", "0", "1", "0", "5"]
    assert cells[5][0] == "三、本年度办理结果"
    assert cells[5][1] == "（一）予以公开"
    assert cells[7][1:3] == ["（三）不予公开", "1.属于国家秘密"]
    assert cells[-2][1] == "（七）总计"
    assert cells[-1][0] == "四、结转下年度继续办理"
    assert cells[-1][3:] == ["0", "1", "0", "0", "0", "0", "1"]
    assert len(t3.rows) == 3 + 25
    # table 四: one data row of 15 cells
    t4 = doc.tables[2]
    assert [c.text for c in t4.rows[1].cells][5] == "未经复议直接起诉"
    assert len([c.text for c in t4.rows[3].cells]) == 15


def test_published_report_is_frozen_and_its_timeliness_recorded(
    records, make_request, supervisor, jurisdiction
):
    from django.core.exceptions import ValidationError

    # when: the government's report is published on 2026-04-01, after 31 March
    services.publish_report(
        actor=supervisor, jurisdiction=jurisdiction, agency=None, year=2025, on=date(2026, 4, 1)
    )
    # and a request of 2025-12-30 is registered afterwards
    make_request(date(2025, 12, 30))
    assert sum(dr.table3(jurisdiction, 2025).new) == 7
    # then: the published figures stay as published
    report = dr.build(jurisdiction, 2025)
    assert (sum(report.table3.new), sum(report.table3.carried_out)) == (6, 2)
    assert (report.published_on, report.published_on_time) == (date(2026, 4, 1), False)
    with pytest.raises(ValidationError) as exc:
        services.save_report_parts(
            actor=supervisor, jurisdiction=jurisdiction, agency=None, year=2025, problems="改"
        )
    assert exc.value.message_dict["on"] == ["年度报告已经公开，不能再修改。"]


def test_report_is_published_in_the_following_year_only(supervisor, jurisdiction):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.publish_report(
            actor=supervisor, jurisdiction=jurisdiction, agency=None, year=2025, on=date(2025, 12, 30)
        )
    assert exc.value.message_dict["on"] == ["2025年度报告应在2026年公开。"]


def test_department_may_not_publish_the_governments_report(officer, jurisdiction):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.publish_report(
            actor=officer, jurisdiction=jurisdiction, agency=None, year=2025, on=date(2026, 1, 20)
        )
