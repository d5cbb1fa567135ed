"""Submissions (填报): campaign, browser and Excel entry, validation, review and return."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from openpyxl import load_workbook

from fazhi.core.audit.models import AuditEntry
from fazhi.core.indicators import Scope
from fazhi.reporting.dashboard.selectors import figure
from fazhi.reporting.models import Campaign, Submission, SubmissionStatus, SubmissionValue
from fazhi.reporting.submissions import excel as excel
from fazhi.reporting.submissions import services as svc

CODES = [
    "services.items",
    "services.instant_items",
    "services.online_rate",
    "leadership.meetings_on_rule_of_law",
]
E = svc.Entry


@pytest.fixture
def campaign(supervisor, jurisdiction, agency, other_agency, justice_bureau):
    return svc.open_campaign(
        actor=supervisor, jurisdiction=jurisdiction, year=2025, due_date=date(2026, 1, 31), codes=CODES
    )


@pytest.fixture
def submission(campaign, agency):
    return Submission.objects.get(campaign=campaign, agency=agency)


def test_open_campaign_creates_one_submission_per_agency(campaign, agency, other_agency, justice_bureau):
    # then
    assert sorted(campaign.submissions.values_list("agency__name", flat=True)) == sorted(
        [agency.name, other_agency.name, justice_bureau.name]
    )
    assert set(campaign.submissions.values_list("status", flat=True)) == {"draft"}
    assert AuditEntry.objects.filter(action="reporting.open_campaign").count() == 1


def test_only_the_justice_bureau_opens_a_campaign(officer, jurisdiction):
    with pytest.raises(PermissionDenied):
        svc.open_campaign(actor=officer, jurisdiction=jurisdiction, year=2025, due_date=date(2026, 1, 31))
    assert Campaign.objects.count() == 0


def test_a_campaign_is_opened_once_per_year(campaign, supervisor, jurisdiction):
    with pytest.raises(ValidationError) as exc:
        svc.open_campaign(actor=supervisor, jurisdiction=jurisdiction, year=2025, due_date=date(2026, 2, 1))
    assert exc.value.message_dict == {
        "year": [f"{jurisdiction.name}2025年度的填报任务已经发起，不能重复发起。"]
    }


def test_computed_codes_cannot_be_put_in_a_campaign(supervisor, jurisdiction):
    with pytest.raises(ValidationError) as exc:
        svc.open_campaign(
            actor=supervisor,
            jurisdiction=jurisdiction,
            year=2025,
            due_date=date(2026, 1, 31),
            codes=["enforcement.cases_closed"],
        )
    assert exc.value.message_dict["codes"] == [
        "以下指标不是填报指标（系统可计算或不在目录中）：enforcement.cases_closed。"
    ]


def test_fill_submit_approve(submission, officer, supervisor, jurisdiction, agency):
    # given
    svc.save_values(
        actor=officer,
        submission=submission,
        entries={
            "services.items": E("1,200"),
            "services.instant_items": E("300"),
            "services.online_rate": E("98.5%"),
        },
    )
    # when
    svc.submit_submission(actor=officer, submission=submission)
    svc.approve_submission(actor=supervisor, submission=submission)
    # then
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert dict(submission.values.values_list("code", "value")) == {
        "services.items": Decimal("1200.00"),
        "services.instant_items": Decimal("300.00"),
        "services.online_rate": Decimal("98.50"),
    }
    fig = figure("services.items", Scope(jurisdiction, 2025))
    assert (fig.value, fig.source, [v.submission_id for v in fig.submission_values]) == (
        Decimal(1200),
        "submission",
        [submission.pk],
    )


def test_unapproved_values_do_not_count(submission, officer, jurisdiction):
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(5)})
    svc.submit_submission(actor=officer, submission=submission)
    assert figure("services.items", Scope(jurisdiction, 2025)).value is None


@pytest.mark.parametrize(
    ("_case", "entries", "errors"),
    [
        (
            "not a number",
            {"services.items": E("一千")},
            {"services.items": ["“政务服务事项数”（services.items）应填写数字，实际为“一千”。"]},
        ),
        (
            "negative",
            {"services.items": E(-1)},
            {"services.items": ["“政务服务事项数”（services.items）不能为负数（填写了 -1）。"]},
        ),
        (
            "count with decimals",
            {"services.items": E("1.5")},
            {
                "services.items": [
                    "“政务服务事项数”（services.items）是计数（单位：项），应为整数，实际为 1.5。"
                ]
            },
        ),
        (
            "rate over 100",
            {"services.online_rate": E(101)},
            {
                "services.online_rate": [
                    "“网上可办率”（services.online_rate）是比率（%），应在 0 至 100 之间，实际为 101。"
                ]
            },
        ),
        (
            "part over whole",
            {"services.items": E(10), "services.instant_items": E(11)},
            {"services.instant_items": ["“即办件事项数”（11）不能大于“政务服务事项数”（10）。"]},
        ),
        (
            "code outside the campaign",
            {"services.hotline_calls": E(3)},
            {"services.hotline_calls": ["指标代码“services.hotline_calls”不在本次填报范围内。"]},
        ),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(_case, entries, errors, submission, officer):
    # given
    svc.save_values(
        actor=officer, submission=submission, entries={"leadership.meetings_on_rule_of_law": E(4)}
    )
    # when
    with pytest.raises(ValidationError) as exc:
        svc.save_values(
            actor=officer,
            submission=submission,
            entries={"leadership.meetings_on_rule_of_law": E(9), **entries},
        )
    # then
    assert exc.value.message_dict == errors
    assert dict(submission.values.values_list("code", "value")) == {
        "leadership.meetings_on_rule_of_law": Decimal(4)
    }


def test_a_big_jump_on_last_year_needs_a_note(supervisor, officer, jurisdiction, agency):
    # given: 2024 approved with 10 meetings
    c24 = svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2024,
        due_date=date(2025, 1, 31),
        codes=CODES,
        agencies=[agency],
    )
    s24 = c24.submissions.get()
    svc.save_values(actor=officer, submission=s24, entries={"leadership.meetings_on_rule_of_law": E(10)})
    svc.submit_submission(actor=officer, submission=s24)
    svc.approve_submission(actor=supervisor, submission=s24)
    c25 = svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=CODES,
        agencies=[agency],
    )
    s25 = c25.submissions.get()
    # when: 16 (+60 %) without a note
    with pytest.raises(ValidationError) as exc:
        svc.save_values(actor=officer, submission=s25, entries={"leadership.meetings_on_rule_of_law": E(16)})
    # then
    assert exc.value.message_dict == {
        "leadership.meetings_on_rule_of_law": [
            "“党委常委会、政府常务会议、依法治县(市、区)委员会专题研究法治(政府)建设次数”（leadership.meetings_on_rule_of_law）为 16，上年为 10.00（变化 60.0%），变化超过 50%，请填写说明。"
        ]
    }
    # and with a note, or within 50 %, it is accepted
    svc.save_values(
        actor=officer, submission=s25, entries={"leadership.meetings_on_rule_of_law": E(16, "新增专题会议")}
    )
    svc.save_values(actor=officer, submission=s25, entries={"leadership.meetings_on_rule_of_law": E(15)})
    assert s25.values.get().value == Decimal(15)


def test_other_agency_cannot_fill(submission, other_officer):
    with pytest.raises(PermissionDenied):
        svc.save_values(actor=other_officer, submission=submission, entries={"services.items": E(1)})
    assert submission.values.count() == 0


def test_return_needs_a_reason_and_reopens_the_submission(submission, officer, supervisor):
    # given
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(3)})
    svc.submit_submission(actor=officer, submission=submission)
    # when / then
    with pytest.raises(ValidationError) as exc:
        svc.return_submission(actor=supervisor, submission=submission, reason=" ")
    assert exc.value.message_dict == {"reason": ["退回填报表必须填写“退回理由”。"]}
    svc.return_submission(actor=supervisor, submission=submission, reason="事项数与政务服务网不一致")
    submission.refresh_from_db()
    assert (submission.status, submission.review_note) == ("returned", "事项数与政务服务网不一致")
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(4)})
    svc.submit_submission(actor=officer, submission=submission)
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_submitted_values_are_locked_and_reviewing_is_the_bureaus(submission, officer, agency_admin):
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(3)})
    svc.submit_submission(actor=officer, submission=submission)
    with pytest.raises(ValidationError):
        svc.save_values(actor=officer, submission=submission, entries={"services.items": E(4)})
    with pytest.raises(PermissionDenied):
        svc.approve_submission(actor=agency_admin, submission=submission)
    assert SubmissionValue.objects.get().value == Decimal(3)


def test_empty_submission_cannot_be_submitted(submission, officer):
    with pytest.raises(ValidationError) as exc:
        svc.submit_submission(actor=officer, submission=submission)
    assert exc.value.messages == [
        "填报表中没有任何数值，不能报送。如本单位确无数据可报，请声明“无数据可报”并填写“无数据说明”。"
    ]


def _fill_template(data: bytes, values: dict[str, object]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    ws = wb["填报表"]
    for row in ws.iter_rows(min_row=4):
        if row[0].value in values:
            row[4].value = values[row[0].value]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_template_round_trip(submission, officer):
    # given
    template = excel.template_for(submission)
    ws = load_workbook(io.BytesIO(template))["填报表"]
    assert [c.value for c in ws[3]] == list(excel.HEADERS)
    assert [r[0].value for r in ws.iter_rows(min_row=4)] == CODES
    # when
    excel.import_upload(
        actor=officer,
        submission=submission,
        data=_fill_template(template, {"services.items": 80, "services.online_rate": 97.25}),
    )
    # then
    assert dict(submission.values.values_list("code", "value")) == {
        "services.items": Decimal(80),
        "services.online_rate": Decimal("97.25"),
    }


def test_excel_upload_names_the_row_and_saves_nothing(submission, officer):
    template = excel.template_for(submission)
    with pytest.raises(ValidationError) as exc:
        excel.import_upload(
            actor=officer,
            submission=submission,
            data=_fill_template(template, {"services.items": 80, "services.instant_items": "很多"}),
        )
    assert exc.value.message_dict == {
        "services.instant_items": [
            "第 5 行：“即办件事项数”（services.instant_items）应填写数字，实际为“很多”。"
        ]
    }
    assert submission.values.count() == 0


def test_excel_upload_refuses_another_file(submission, officer):
    with pytest.raises(ValidationError) as exc:
        excel.import_upload(actor=officer, submission=submission, data=b"not a workbook")
    assert exc.value.message_dict == {"file": ["无法读取上传的文件：请上传由本页下载的 .xlsx 填报模板。"]}
