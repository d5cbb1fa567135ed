"""Supervision and officer pages: each renders for each role, forms call the services and keep input
on refusal, Excel downloads, and the list filters agree with the object checks (ADR 0002)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.enforcement.models import (
    AnnualStatistics,
    CaseFileReview,
    CriminalReferral,
    ReviewedCaseFile,
    SupervisionOpinion,
)
from fazhi.enforcement.models.supervision import CHECKLIST
from fazhi.enforcement.selectors import officers as off_sel
from fazhi.enforcement.selectors import supervision as sel
from fazhi.enforcement.services import supervision as svc
from fazhi.enforcement.tests.factories import annotated
from fazhi.org.models import Certificate, QualificationExam
from fazhi.org.tests.factories import CertificateFactory, UserFactory

from .supervision_factories import decided, make_case

PAGES = [
    "/enforcement/supervision/",
    "/enforcement/supervision/reviews/",
    "/enforcement/supervision/opinions/",
    "/enforcement/supervision/referrals/",
    "/enforcement/supervision/statistics/",
    "/enforcement/officers/certificates/",
    "/enforcement/officers/training/",
]


@pytest.fixture
def records(supervisor, officer, jurisdiction, agency, other_agency):
    """A review with files of both agencies, an opinion to each, a referral of each."""
    for n in (1, 2):
        decided(agency, n, date(2024, 3, n), opened_on=date(2024, 2, 1))
        decided(other_agency, n, date(2024, 3, n), opened_on=date(2024, 2, 1))
    review = svc.draw_case_files(
        actor=supervisor,
        jurisdiction=jurisdiction,
        title="评查",
        year=2024,
        per_agency=2,
        on=date(2025, 3, 3),
        seed=1,
    )
    for n, a in enumerate((agency, other_agency), start=1):
        svc.issue_opinion(
            actor=supervisor,
            agency=a,
            kind="opinion",
            number=f"监〔2025〕{n}号",
            findings="问题",
            requirements="整改",
            on=date(2025, 5, 6),
        )
        case = make_case(a, 10 + n)
        svc.refer_case(
            actor=UserFactory(role="officer", agency=a),
            case=case,
            on=date(2025, 4, 1),
            number=f"移{n}",
            receiving_organ="示范县公安局",
            suspected_crime="非法经营罪",
        )
        CertificateFactory(holder=UserFactory(role="officer", agency=a))
    return review


@pytest.mark.parametrize("user_fixture", ["supervisor", "officer", "agency_admin", "other_officer", "viewer"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_every_role(page, user_fixture, client, records, request):
    client.force_login(request.getfixturevalue(user_fixture))
    response = client.get(page)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_pages_need_a_login(page, client):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/") or "login" in response["Location"]


@pytest.mark.parametrize(
    "user_fixture", ["supervisor", "officer", "other_officer", "other_county_supervisor", "viewer"]
)
def test_list_filters_agree_with_the_object_check(user_fixture, records, request):
    # given
    user = request.getfixturevalue(user_fixture)
    # then: for every supervision record, "in the list" == has_perm("enforcement.view_supervision", obj)
    for model, visible in (
        (SupervisionOpinion, sel.opinions_visible_to(user)),
        (CriminalReferral, sel.referrals_visible_to(user)),
        (
            ReviewedCaseFile,
            ReviewedCaseFile.objects.filter(
                pk__in=[f.pk for r in sel.reviews_visible_to(user) for f in sel.review_files(user, r)]
            ),
        ),
    ):
        listed = set(visible.values_list("pk", flat=True))
        allowed = {o.pk for o in model.objects.all() if user.has_perm("enforcement.view_supervision", o)}
        assert listed == allowed, model.__name__
    certs = set(off_sel.certificates_visible_to(user).values_list("pk", flat=True))
    assert certs == {c.pk for c in Certificate.objects.select_related("agency") if _sees_cert(user, c)}


def _sees_cert(user, cert):
    if user.sees_whole_jurisdiction:
        return cert.agency.jurisdiction_id == user.jurisdiction_id
    return cert.agency_id == user.agency_id


def test_draw_and_score_through_the_pages(client, supervisor, jurisdiction, agency):
    decided(agency, 1, date(2024, 3, 1), opened_on=date(2024, 2, 1))
    client.force_login(supervisor)
    # draw
    response = client.post(
        "/enforcement/supervision/reviews/",
        {"title": "2024年度评查", "year": "2024", "per_agency": "3", "seed": "12"},
    )
    review = CaseFileReview.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/enforcement/supervision/reviews/{review.pk}/"
    assert review.seed == 12
    file = review.files.get()
    # score: a bad value keeps the form with the message
    scores = {code: str(points) for code, _g, _l, points in CHECKLIST}
    response = client.post(f"/enforcement/supervision/files/{file.pk}/score/", scores | {"facts_clear": "12"})
    assert response.status_code == 400
    assert "的分值应在0到10之间，实际为12。" in response.content.decode()
    response = client.post(f"/enforcement/supervision/files/{file.pk}/score/", scores | {"doc_complete": "8"})
    assert response.status_code == 302
    file.refresh_from_db()
    assert (file.total, file.issues) == (98, 1)


def test_draw_page_refuses_agency_staff(client, agency_admin, agency):
    decided(agency, 1, date(2024, 3, 1), opened_on=date(2024, 2, 1))
    client.force_login(agency_admin)
    response = client.post(
        "/enforcement/supervision/reviews/", {"title": "x", "year": "2024", "per_agency": "3"}
    )
    assert response.status_code == 400
    assert "您无权组织案卷评查。" in response.content.decode()
    assert CaseFileReview.objects.count() == 0


def test_opinion_issue_and_reply_through_the_pages(client, supervisor, agency_admin, agency):
    client.force_login(supervisor)
    response = client.post(
        "/enforcement/supervision/opinions/",
        {
            "kind": "opinion",
            "agency": agency.pk,
            "number": "监〔2025〕9号",
            "findings": "超期",
            "requirements": "整改",
            "on": "2025-09-19",
        },
    )
    opinion = SupervisionOpinion.objects.get()
    assert response.status_code == 302
    assert annotated(opinion).reply_due_on == date(2025, 10, 20)
    client.force_login(agency_admin)
    page = client.get(f"/enforcement/supervision/opinions/{opinion.pk}/").content.decode()
    assert "回复整改情况" in page
    response = client.post(
        f"/enforcement/supervision/opinions/{opinion.pk}/", {"on": "2025-10-10", "reply": "已整改完毕"}
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.status == "replied"


def test_statistics_publish_and_export_through_the_pages(client, agency_admin, agency):
    decided(agency, 1, date(2025, 4, 1), fine="5000.00")
    client.force_login(agency_admin)
    response = client.post("/enforcement/supervision/statistics/", {"agency": agency.pk, "year": "2025"})
    assert response.status_code == 302
    assert AnnualStatistics.objects.get().figures["penalty_cases"] == 1
    response = client.get("/enforcement/supervision/statistics/export.xlsx", {"year": "2025"})
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[2][0] == agency.name


def test_certificate_pages_issue_export_import(client, supervisor, agency):
    holder = UserFactory(username="new_officer", role="officer", agency=agency, full_name="孙新")
    QualificationExam.objects.create(candidate=holder, exam_date=date(2025, 1, 5), passed=True)
    client.force_login(supervisor)
    response = client.post(
        "/enforcement/officers/certificates/new/",
        {
            "holder": holder.pk,
            "kind": "enforcement",
            "number": "33Z11010500123",
            "issuing_authority": "示范省人民政府",
            "valid_from": "2025-02-01",
            "valid_until": "2025-01-31",
        },
    )
    assert response.status_code == 400
    assert "早于有效期起" in response.content.decode()
    response = client.post(
        "/enforcement/officers/certificates/new/",
        {
            "holder": holder.pk,
            "kind": "enforcement",
            "number": "33Z11010500123",
            "issuing_authority": "示范省人民政府",
            "valid_from": "2025-02-01",
            "valid_until": "2030-01-31",
        },
    )
    assert response.status_code == 302
    # export
    content = client.get("/enforcement/officers/certificates/export.xlsx").content
    rows = list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == ("33Z11010500123", "new_officer")
    # template downloads
    assert client.get("/enforcement/officers/certificates/template.xlsx").content[:2] == b"PK"
    # a failing import returns the error report and writes nothing
    wb = Workbook()
    ws = wb.active
    ws.append(["证件编号", "持证人用户名", "证件类型", "发证机关", "有效期起", "有效期至"])
    ws.append(["33Z11010500123", "new_officer", "行政执法证", "示范省人民政府", "2030-02-01", "2035-01-31"])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "certs.xlsx"
    response = client.post("/enforcement/officers/certificates/import/", {"file": buf})
    assert response.status_code == 400
    report = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert report[1][:2] == ("第 2 行", "证件编号")
    assert Certificate.objects.count() == 1


def test_import_of_an_unreadable_file_says_so(client, supervisor):
    client.force_login(supervisor)
    buf = io.BytesIO(b"not a workbook")
    buf.name = "x.xlsx"
    response = client.post("/enforcement/officers/certificates/import/", {"file": buf}, follow=True)
    assert "无法读取该文件" in response.content.decode()


def test_training_page_lists_shortfalls(client, supervisor, officer):
    CertificateFactory(holder=officer)
    client.force_login(supervisor)
    html = client.get("/enforcement/officers/training/", {"year": "2025"}).content.decode()
    assert officer.display_name in html
    assert "每年应完成 60 学时" in html
    assert "FAZHI_" not in html  # a setting's name is no text for a supervisor


def test_selectors_run_a_fixed_number_of_queries(supervisor, officer, officer2, django_assert_num_queries):
    for o in (officer, officer2):
        CertificateFactory(holder=o, valid_until=date(2025, 12, 1))
    with django_assert_num_queries(1):
        list(off_sel.certificates_expiring(supervisor, date(2025, 11, 23)))
    with django_assert_num_queries(1):
        off_sel.officers_short_of_training(supervisor, 2025)
    with django_assert_num_queries(1):
        sel.statistics_rows(supervisor, 2025)


def test_training_page_records_hours_and_reviews(client, supervisor, agency_admin, officer, other_officer):
    cert = CertificateFactory(holder=officer)
    # the agency admin records hours for their own officer, not for another agency's
    client.force_login(agency_admin)
    response = client.post(
        "/enforcement/officers/training/?year=2025",
        {
            "verb": "training",
            "officer": officer.pk,
            "course": "行政处罚法",
            "hours": "12.5",
            "completed_on": "2025-07-01",
        },
    )
    assert response.status_code == 302
    assert officer.training_records.get().hours == 12.5
    response = client.post(
        "/enforcement/officers/training/?year=2025",
        {
            "verb": "training",
            "officer": other_officer.pk,
            "course": "x",
            "hours": "1",
            "completed_on": "2025-07-01",
        },
    )
    assert response.status_code == 400
    assert other_officer.training_records.count() == 0
    # bad hours keep the form and say why
    response = client.post(
        "/enforcement/officers/training/?year=2025",
        {
            "verb": "training",
            "officer": officer.pk,
            "course": "培训",
            "hours": "0",
            "completed_on": "2025-07-01",
        },
    )
    assert "应大于0" in response.content.decode()
    # the supervisor records the annual review
    client.force_login(supervisor)
    response = client.post(
        "/enforcement/officers/training/?year=2025",
        {
            "verb": "review",
            "certificate": cert.pk,
            "review_year": "2025",
            "result": "passed",
            "reviewed_on": "2025-11-03",
        },
    )
    assert response.status_code == 302
    assert cert.annual_reviews.get().result == "passed"


def test_training_export_and_template_download(client, supervisor, officer):
    CertificateFactory(holder=officer)
    client.force_login(supervisor)
    rows = list(
        load_workbook(
            io.BytesIO(client.get("/enforcement/officers/training/export.xlsx", {"year": "2025"}).content)
        )
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert rows[1][1:] == (officer.full_name, officer.username, 0, 60, 60)
    assert client.get("/enforcement/officers/training/template.xlsx").content[:2] == b"PK"
