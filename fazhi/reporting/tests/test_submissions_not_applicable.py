"""本单位无此项工作 (a figure marked not applicable) and 无数据可报 (a whole submission with nothing to
report): saved without a value, left out of every total, shown as 无此项."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest
from openpyxl import load_workbook

from fazhi.core.audit.models import AuditEntry
from fazhi.core.indicators import Scope, registry
from fazhi.reporting.dashboard.selectors import (
    approved_values,
    combine_submitted,
    dashboard_rows,
    figure,
)
from fazhi.reporting.models import Submission, SubmissionStatus, SubmissionValue
from fazhi.reporting.submissions import excel as excel
from fazhi.reporting.submissions import services as svc

CODES = ["services.items", "services.instant_items", "services.online_rate"]
E = svc.Entry


@pytest.fixture
def campaign(supervisor, jurisdiction, agency, other_agency):
    return svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=CODES,
        agencies=[agency, other_agency],
    )


@pytest.fixture
def submission(campaign, agency):
    return Submission.objects.get(campaign=campaign, agency=agency)


@pytest.fixture
def other_submission(campaign, other_agency):
    return Submission.objects.get(campaign=campaign, agency=other_agency)


def _rows(submission):
    return {
        v.code: (v.value, v.not_applicable) for v in SubmissionValue.objects.filter(submission=submission)
    }


def test_a_figure_marked_not_applicable_is_saved_without_a_value(submission, officer):
    # when
    svc.save_values(
        actor=officer,
        submission=submission,
        entries={
            "services.items": E("10"),
            "services.instant_items": E("", not_applicable=True),
            "services.online_rate": E(""),
        },
    )
    # then: N/A kept as N/A, the blank is "not filled" (nothing saved)
    assert _rows(submission) == {
        "services.items": (Decimal(10), False),
        "services.instant_items": (None, True),
    }
    entry = AuditEntry.objects.filter(action="reporting.save_submission_values").get()
    assert entry.after["values"] == {"services.items": "10.00", "services.instant_items": "无此项"}


def test_not_applicable_skips_the_range_jump_and_consistency_checks(
    supervisor, officer, jurisdiction, agency
):
    # given: last year 100 items, approved
    last = svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2024,
        due_date=date(2025, 1, 31),
        codes=CODES,
        agencies=[agency],
    ).submissions.get()
    svc.save_values(actor=officer, submission=last, entries={"services.items": E(100)})
    svc.submit_submission(actor=officer, submission=last)
    svc.approve_submission(actor=supervisor, submission=last)
    this = svc.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=CODES,
        agencies=[agency],
    ).submissions.get()
    # when: N/A where last year had 100 (no jump note), and the whole N/A beside its part
    svc.save_values(
        actor=officer,
        submission=this,
        entries={
            "services.items": E("无此项"),
            "services.instant_items": E(5),
            "services.online_rate": E(None, not_applicable=True),
        },
    )
    svc.submit_submission(actor=officer, submission=this)
    # then
    this.refresh_from_db()
    assert this.status == SubmissionStatus.SUBMITTED
    assert _rows(this) == {
        "services.items": (None, True),
        "services.instant_items": (Decimal(5), False),
        "services.online_rate": (None, True),
    }


@pytest.mark.parametrize("text", ["无此项", " 本单位无此项工作 ", "不适用", "N/A"])
def test_not_applicable_texts(text, submission, officer):
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(text)})
    assert _rows(submission) == {"services.items": (None, True)}


def test_a_value_and_not_applicable_together_are_refused_and_nothing_is_saved(submission, officer):
    # given
    svc.save_values(actor=officer, submission=submission, entries={"services.online_rate": E(50)})
    # when
    with pytest.raises(ValidationError) as exc:
        svc.save_values(
            actor=officer,
            submission=submission,
            entries={
                "services.items": E("10", not_applicable=True),
                "services.online_rate": E("", not_applicable=True),
            },
        )
    # then
    assert exc.value.message_dict == {
        "services.items": [
            "“政务服务事项数”（services.items）已标记为“本单位无此项工作”，不能同时填写数值（10）：请删去数值或取消勾选。"
        ]
    }
    assert _rows(submission) == {"services.online_rate": (Decimal(50), False)}


def test_the_database_refuses_a_value_with_not_applicable_or_neither(submission):
    for value, na in ((Decimal(1), True), (None, False)):
        with pytest.raises(IntegrityError), transaction.atomic():
            SubmissionValue.objects.create(
                submission=submission, code="services.items", value=value, not_applicable=na
            )


def test_a_submission_of_only_not_applicable_figures_can_be_submitted(submission, officer):
    svc.save_values(
        actor=officer, submission=submission, entries={"services.items": E("", not_applicable=True)}
    )
    svc.submit_submission(actor=officer, submission=submission)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_no_data_declaration_needs_its_note_and_saves_nothing_without_it(submission, officer):
    # when
    with pytest.raises(ValidationError) as exc:
        svc.submit_submission(actor=officer, submission=submission, no_data=True, no_data_note="  ")
    # then
    assert exc.value.message_dict == {
        "no_data_note": ["声明“无数据可报”必须填写“无数据说明”，写明本单位没有数据可报的原因。"]
    }
    submission.refresh_from_db()
    assert (submission.status, submission.no_data_note) == (SubmissionStatus.DRAFT, "")
    assert not AuditEntry.objects.filter(action="reporting.submit_submission").exists()


def test_submit_with_a_no_data_declaration(submission, officer, supervisor, jurisdiction):
    # when
    svc.submit_submission(
        actor=officer, submission=submission, no_data=True, no_data_note="本单位今年未承担政务服务事项。"
    )
    # then
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.no_data_note == "本单位今年未承担政务服务事项。"
    entry = AuditEntry.objects.filter(action="reporting.submit_submission").get()
    assert entry.after["no_data_note"] == "本单位今年未承担政务服务事项。"
    svc.approve_submission(actor=supervisor, submission=submission)
    assert figure("services.items", Scope(jurisdiction, 2025)).value is None


def test_no_data_declaration_is_refused_when_figures_are_filled(submission, officer):
    svc.save_values(actor=officer, submission=submission, entries={"services.items": E(3)})
    with pytest.raises(ValidationError) as exc:
        svc.submit_submission(actor=officer, submission=submission, no_data=True, no_data_note="无")
    assert exc.value.messages == [
        "填报表中已有填报数值（或“本单位无此项工作”），不能声明“无数据可报”：请清空后再声明，或取消声明。"
    ]
    submission.refresh_from_db()
    assert (submission.status, submission.no_data_note) == (SubmissionStatus.DRAFT, "")


def _approve(submission, officer, supervisor, entries):
    svc.save_values(actor=officer, submission=submission, entries=entries)
    svc.submit_submission(actor=officer, submission=submission)
    svc.approve_submission(actor=supervisor, submission=submission)


def test_not_applicable_is_left_out_of_totals_and_means(
    submission, other_submission, officer, other_officer, supervisor, jurisdiction, agency, other_agency
):
    # given: one agency has 10 items at 90 %, the other has no such work
    _approve(
        submission,
        officer,
        supervisor,
        {"services.items": E(10), "services.online_rate": E(90), "services.instant_items": E(4)},
    )
    _approve(
        other_submission,
        other_officer,
        supervisor,
        {
            "services.items": E("无此项"),
            "services.online_rate": E("", not_applicable=True),
            "services.instant_items": E(6),
        },
    )
    scope = Scope(jurisdiction, 2025)
    # then: the N/A rows are neither zeros nor in the mean's denominator
    values = approved_values(scope)
    assert [v.submission.agency for v in values["services.items"]] == [agency]
    assert figure("services.items", scope).value == Decimal(10)
    rate = figure("services.online_rate", scope)
    assert (rate.value, rate.note) == (Decimal(90), "")
    assert figure("services.instant_items", scope).value == Decimal(10)
    # combine_submitted skips an N/A row handed to it directly too
    rows = list(SubmissionValue.objects.filter(code="services.online_rate"))
    assert combine_submitted(registry.entry("services.online_rate"), rows) == (Decimal(90), "")
    # the agency that said N/A shows 无此项, not a value and not "missing" only
    other = figure("services.items", Scope(jurisdiction, 2025, other_agency))
    assert (other.value, other.source, other.not_applicable) == (None, "missing", True)
    assert figure("services.items", Scope(jurisdiction, 2025, agency)).not_applicable is False


def test_dashboard_shows_no_such_work_for_an_agency(
    client, submission, other_submission, officer, other_officer, supervisor, jurisdiction, other_agency
):
    # given
    _approve(other_submission, other_officer, supervisor, {"services.items": E("无此项")})
    rows = {r.entry.code: r for r in dashboard_rows(Scope(jurisdiction, 2025, other_agency), CODES)}
    assert rows["services.items"].current.not_applicable is True
    assert rows["services.online_rate"].current.not_applicable is False
    client.force_login(supervisor)
    # when
    page = client.get(f"/reporting/?year=2025&agency={other_agency.pk}").content.decode()
    # then
    assert '<span class="muted" title="本单位无此项工作">无此项</span>' in page


def test_browser_form_marks_not_applicable_and_declares_no_data(client, submission, officer, supervisor):
    client.force_login(officer)
    # when: a checked box and a value together are refused next to the field
    bad = client.post(
        f"/reporting/submissions/{submission.pk}/",
        {"action": "save", "v:services.items": "10", "na:services.items": "1"},
    )
    # then
    assert "已标记为“本单位无此项工作”，不能同时填写数值" in bad.content.decode()
    assert not SubmissionValue.objects.exists()
    # when: the box alone
    client.post(
        f"/reporting/submissions/{submission.pk}/",
        {"action": "save", "v:services.items": "", "na:services.items": "1"},
    )
    page = client.get(f"/reporting/submissions/{submission.pk}/").content.decode()
    assert _rows(submission) == {"services.items": (None, True)}
    assert 'name="na:services.items" value="1" checked' in page
    assert "本单位无此项工作" in page
    assert 'name="no_data_note"' in page
    # when: clear it and declare 无数据可报 without a note, then with one
    no_note = client.post(
        f"/reporting/submissions/{submission.pk}/",
        {"action": "submit", "v:services.items": "", "no_data": "1", "no_data_note": ""},
    )
    assert "声明“无数据可报”必须填写“无数据说明”" in no_note.content.decode()
    done = client.post(
        f"/reporting/submissions/{submission.pk}/",
        {"action": "submit", "no_data": "1", "no_data_note": "本年度无政务服务事项。"},
    )
    assert done.status_code == 302
    submission.refresh_from_db()
    assert (submission.status, submission.no_data_note) == ("submitted", "本年度无政务服务事项。")
    # then: the review page shows the declaration
    client.force_login(supervisor)
    review = client.get(f"/reporting/submissions/{submission.pk}/").content.decode()
    assert "无数据可报" in review
    assert "无数据说明：本年度无政务服务事项。" in review


def test_review_page_shows_not_applicable_figures(client, submission, officer, supervisor):
    svc.save_values(
        actor=officer,
        submission=submission,
        entries={"services.items": E("无此项"), "services.online_rate": E(80)},
    )
    svc.submit_submission(actor=officer, submission=submission)
    client.force_login(supervisor)
    page = client.get(f"/reporting/submissions/{submission.pk}/").content.decode()
    assert "<td>无此项</td>" in page
    assert "<td>本单位无此项工作</td>" in page


def test_excel_cell_no_such_work_means_not_applicable(submission, officer):
    # given
    template = excel.template_for(submission)
    wb = load_workbook(io.BytesIO(template))
    assert "填写说明" in wb.sheetnames
    notes = "\n".join(str(r[0]) for r in wb["填写说明"].iter_rows(values_only=True))
    assert "“无此项”" in notes
    assert "不按 0 计算" in notes
    ws = wb["填报表"]
    for row in ws.iter_rows(min_row=4):
        row[4].value = {"services.items": "无此项", "services.online_rate": 75}.get(row[0].value)
    buf = io.BytesIO()
    wb.save(buf)
    # when
    excel.import_upload(actor=officer, submission=submission, data=buf.getvalue())
    # then
    assert _rows(submission) == {
        "services.items": (None, True),
        "services.online_rate": (Decimal(75), False),
    }
    again = load_workbook(io.BytesIO(excel.template_for(submission)))["填报表"]
    assert {r[0].value: r[4].value for r in again.iter_rows(min_row=4)} == {
        "services.items": "无此项",
        "services.instant_items": None,
        "services.online_rate": 75,
    }


def test_api_marks_not_applicable_and_declares_no_data(api_client, submission, other_submission, officer):
    api_client.force_authenticate(officer)
    saved = api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/values/",
        {"values": [{"code": "services.items", "value": "", "not_applicable": True}]},
        format="json",
    )
    assert saved.status_code == 200
    assert saved.json()["values"] == [
        {"code": "services.items", "value": None, "not_applicable": True, "note": ""}
    ]
    # clear it, then declare 无数据可报
    api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/values/",
        {"values": [{"code": "services.items", "value": ""}]},
        format="json",
    )
    refused = api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/submit/", {"no_data": True}, format="json"
    )
    assert refused.status_code == 400
    assert "无数据说明" in str(refused.json())
    ok = api_client.post(
        f"/api/v1/reporting/submissions/{submission.pk}/submit/",
        {"no_data": True, "no_data_note": "无此类工作"},
        format="json",
    )
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["no_data_note"]) == ("submitted", "无此类工作")
