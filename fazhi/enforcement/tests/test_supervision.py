"""Justice-bureau supervision: the dashboard, case-file reviews, opinions and feedback notices,
criminal referrals — rules on real dates, the supervisor / agency / other-agency matrix, bad input."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.enforcement.models import (
    CaseFileReview,
    CriminalReferral,
    PublicityRecord,
    SupervisionOpinion,
)
from fazhi.enforcement.models.supervision import CHECKLIST
from fazhi.enforcement.procedures import PUBLICITY
from fazhi.enforcement.selectors import supervision as sel
from fazhi.enforcement.services import supervision as svc
from fazhi.enforcement.tests.factories import annotated
from fazhi.org.tests.factories import UserFactory

from .supervision_factories import decided, make_case

ON = date(2025, 9, 30)
FULL = {code: points for code, _g, _l, points in CHECKLIST}


@pytest.fixture
def other_admin(other_agency):
    return UserFactory(username="other_admin", role="agency_admin", agency=other_agency)


@pytest.fixture
def board_cases(agency, other_agency):
    """Agency: one clean, one uncertified, one overdue decision, one overdue service; other: one missing review."""
    make_case(
        agency,
        1,
        state="closed",
        decided_on=date(2025, 4, 1),
        served_on=date(2025, 4, 2),
        closed_on=date(2025, 4, 30),
    )
    make_case(agency, 2, flag_uncertified=True, decision_due_on=date(2025, 12, 1))
    make_case(agency, 3, opened_on=date(2025, 5, 6), decision_due_on=date(2025, 8, 4))  # overdue on 09-30
    make_case(
        agency,
        4,
        state="decided",
        decided_on=date(2025, 9, 1),
        decision_due_on=date(2025, 6, 3),
        service_due_on=date(2025, 9, 10),
    )
    make_case(
        other_agency, 1, flag_missing_review=True, flag_late_publicity=True, decision_due_on=date(2025, 12, 1)
    )


def test_dashboard_counts_each_agency_in_one_row(supervisor, agency, other_agency, board_cases):
    # when
    rows = {r["agency_id"]: r for r in sel.dashboard_rows(supervisor, 2025, ON)}
    # then
    a, b = rows[agency.pk], rows[other_agency.pk]
    assert (a["cases"], a["closed"], a["irregular"], a["flag_uncertified"]) == (4, 1, 1, 1)
    assert (a["overdue_decision"], a["overdue_service"], a["overdue"], a["flagged"]) == (1, 1, 2, 3)
    assert (b["cases"], b["irregular"], b["flag_missing_review"], b["flag_late_publicity"], b["overdue"]) == (
        1,
        1,
        1,
        1,
        0,
    )


def test_overdue_starts_the_day_after_the_due_date(supervisor, agency):
    # given the 90-day decision period ends 2025-08-04 (行政处罚法第六十条)
    make_case(agency, 1, decision_due_on=date(2025, 8, 4))
    # then: due day itself is on time, the next day overdue
    assert sel.dashboard_rows(supervisor, 2025, date(2025, 8, 4))[0]["overdue_decision"] == 0
    assert sel.dashboard_rows(supervisor, 2025, date(2025, 8, 5))[0]["overdue_decision"] == 1


def test_dashboard_lists_the_flagged_cases_with_their_problems(supervisor, agency, board_cases):
    # when
    board = sel.dashboard(supervisor, 2025, ON)
    # then
    problems = {c.number: c.problems for c in board.flagged}
    n = agency.pk
    assert problems[f"{n}立〔2025〕2号"] == ["执法人员不足两名持证"]
    assert problems[f"{n}立〔2025〕3号"] == ["超过办案期限未作出决定"]
    assert problems[f"{n}立〔2025〕4号"] == ["超过送达期限未送达"]
    assert board.flagged_total == 4
    assert board.totals["cases"] == 5


def test_dashboard_counts_unpublished_decisions_past_their_deadline(supervisor, agency):
    # given a decision of 2025-09-01 whose publicity was due 2025-09-10 (7 WD, 118号) and is unpublished
    case = make_case(
        agency,
        1,
        state="decided",
        decided_on=date(2025, 9, 1),
        service_due_on=date(2025, 9, 10),
        served_on=date(2025, 9, 2),
    )
    record = PublicityRecord.objects.create(
        agency=agency,
        jurisdiction=agency.jurisdiction,
        kind="penalty",
        case=case,
        document_number="罚1",
        subject="某公司",
        matter_name="事项",
        basis="依据",
        result="罚款",
        decided_on=date(2025, 9, 1),
        status="due",
    )
    # the publication period is the engine's clock: 2025-09-01 + 7 WD → 2025-09-10
    d = procedures.start_clock(record, PUBLICITY, "publish", actor=None, on=date(2025, 9, 1))
    assert d.due_date == date(2025, 9, 10)
    # then
    assert sel.dashboard_rows(supervisor, 2025, date(2025, 9, 10))[0]["overdue_publicity"] == 0
    assert sel.dashboard_rows(supervisor, 2025, date(2025, 9, 11))[0]["overdue_publicity"] == 1


@pytest.mark.parametrize(
    ("_case", "user_fixture", "sees"),
    [
        ("the justice bureau sees every agency", "supervisor", {"agency", "other_agency"}),
        ("an officer sees their own agency", "officer", {"agency"}),
        ("an officer of another agency sees only theirs", "other_officer", {"other_agency"}),
        ("another county's supervisor sees nothing", "other_county_supervisor", set()),
    ],
)
def test_dashboard_scope(_case, user_fixture, sees, board_cases, request):
    # given
    user = request.getfixturevalue(user_fixture)
    ids = {request.getfixturevalue(name).pk for name in sees}
    # when
    rows = sel.dashboard_rows(user, 2025, ON)
    flagged = sel.flagged_cases(user, 2025, ON)
    # then
    assert {r["agency_id"] for r in rows} == ids
    assert {c.agency_id for c in flagged} == ids


def test_dashboard_runs_a_fixed_number_of_queries(supervisor, agency, board_cases, django_assert_num_queries):
    # given ten more flagged cases
    for n in range(10, 20):
        make_case(agency, n, flag_late_service=True)
    # then: rows, publicity, flagged page — whatever the number of cases
    with django_assert_num_queries(3):
        sel.dashboard(supervisor, 2025, ON)


def test_dashboard_page_links_flagged_cases_for_the_supervisor(client, supervisor, agency, board_cases):
    # given
    client.force_login(supervisor)
    # when
    response = client.get("/enforcement/supervision/", {"year": 2025, "on": "2025-09-30"})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "执法监督看板" in html
    assert html.count('<span class="badge status-overdue">执法人员不足两名持证</span>') == 1
    case = agency.penalty_cases.get(number=f"{agency.pk}立〔2025〕2号")
    assert f'href="/enforcement/cases/{case.pk}/"' in html


def test_dashboard_page_for_agency_staff_shows_only_their_agency(
    client, other_officer, agency, other_agency, board_cases
):
    # given
    client.force_login(other_officer)
    # when
    html = client.get("/enforcement/supervision/", {"year": 2025, "on": "2025-09-30"}).content.decode()
    # then
    assert other_agency.name in html
    assert agency.name not in html


# --- 案卷评查 ---------------------------------------------------------------------------------
@pytest.fixture
def closed_2024(agency, other_agency):
    for n in range(1, 8):
        decided(agency, n, date(2024, 3, n), opened_on=date(2024, 2, 1))
    for n in range(1, 3):
        decided(other_agency, n, date(2024, 5, n), opened_on=date(2024, 2, 1))
    make_case(agency, 90, opened_on=date(2024, 6, 1))  # still open: never drawn
    decided(agency, 91, date(2025, 1, 5), opened_on=date(2024, 12, 1))  # closed in 2025: not in 2024's draw


def _draw(actor, jurisdiction, seed=20251123, per_agency=3, **kw):
    args = {
        "title": "2024年度行政执法案卷集中评查",
        "year": 2024,
        "per_agency": per_agency,
        "on": date(2025, 3, 3),
        "seed": seed,
    }
    args.update(kw)
    return svc.draw_case_files(actor=actor, jurisdiction=jurisdiction, **args)


def test_draw_is_reproducible_from_the_recorded_seed(
    supervisor, jurisdiction, agency, other_agency, closed_2024
):
    # when
    first = _draw(supervisor, jurisdiction)
    again = _draw(supervisor, jurisdiction, seed=first.seed)
    # then
    drawn = sorted(first.files.values_list("case_id", flat=True))
    assert drawn == sorted(again.files.values_list("case_id", flat=True))
    assert first.seed == 20251123
    assert first.files.filter(agency=agency).count() == 3
    assert first.files.filter(agency=other_agency).count() == 2  # only two closed files
    assert set(first.files.values_list("case__state", flat=True)) == {"closed"}
    assert set(first.files.values_list("case__closed_on__year", flat=True)) == {2024}
    entry = AuditEntry.objects.get(action="enforcement.draw_case_files", object_id=str(first.pk))
    assert entry.after["seed"] == 20251123


def test_draw_without_seed_generates_and_stores_one(supervisor, jurisdiction, closed_2024):
    # when
    review = _draw(supervisor, jurisdiction, seed=None)
    # then
    assert isinstance(review.seed, int)
    assert 0 <= review.seed < 2**62


def test_draw_sample_is_a_pure_function_of_the_seed():
    # given
    ids = {7: [5, 1, 9, 3, 7], 2: [20, 10]}
    # then
    assert svc.draw_sample(ids, 2, 42) == svc.draw_sample({2: [10, 20], 7: [1, 3, 5, 7, 9]}, 2, 42)
    assert svc.draw_sample(ids, 5, 42) == {2: [10, 20], 7: [1, 3, 5, 7, 9]}


@pytest.mark.parametrize(
    ("_case", "kw", "field", "code"),
    [
        ("no title", {"title": " "}, "title", "invalid"),
        ("zero files", {"per_agency": 0}, "per_agency", "invalid"),
        ("too many files", {"per_agency": 51}, "per_agency", "invalid"),
        ("future year", {"year": 2026}, "year", "invalid"),
        ("negative seed", {"seed": -1}, "seed", "invalid"),
        ("a year with no closed case", {"year": 2023}, "year", "nothing_to_draw"),
    ],
)
def test_draw_refuses_bad_input(_case, kw, field, code, supervisor, jurisdiction, closed_2024):
    # when
    with pytest.raises(ValidationError) as exc:
        _draw(supervisor, jurisdiction, **kw)
    # then
    assert exc.value.error_dict[field][0].code == code
    assert CaseFileReview.objects.count() == 0


@pytest.mark.parametrize("user_fixture", ["officer", "agency_admin", "other_county_supervisor"])
def test_only_the_bureau_draws_case_files(user_fixture, jurisdiction, closed_2024, request):
    with pytest.raises(PermissionDenied):
        _draw(request.getfixturevalue(user_fixture), jurisdiction)
    assert CaseFileReview.objects.count() == 0


def test_score_totals_grades_and_counts_issues(supervisor, jurisdiction, closed_2024):
    # given
    file = _draw(supervisor, jurisdiction).files.first()
    scores = FULL | {"doc_complete": 6, "procedure_deadlines": 0}
    # when
    svc.score_case_file(
        actor=supervisor, file=file, scores=scores, on=date(2025, 3, 10), comments="送达回证缺失"
    )
    # then
    file.refresh_from_db()
    assert (file.total, file.grade, file.issues) == (86, "good", 2)
    assert file.scores["doc_complete"] == 6
    assert file.scored_on == date(2025, 3, 10)


@pytest.mark.parametrize(
    ("total_scores", "grade"),
    [
        ({"doc_complete": 10}, "excellent"),
        ({"doc_complete": 0}, "excellent"),
        ({"doc_complete": 0, "doc_content": 0}, "good"),
    ],
)
def test_grade_boundaries(total_scores, grade, supervisor, jurisdiction, closed_2024):
    file = _draw(supervisor, jurisdiction).files.first()
    svc.score_case_file(actor=supervisor, file=file, scores=FULL | total_scores, on=date(2025, 3, 10))
    file.refresh_from_db()
    assert file.grade == grade
    assert svc.grade_for(59) == "fail"
    assert svc.grade_for(60) == "pass"


@pytest.mark.parametrize(
    ("_case", "scores", "field"),
    [
        ("above the item's maximum", FULL | {"facts_clear": 11}, "facts_clear"),
        ("negative", FULL | {"facts_clear": -1}, "facts_clear"),
        ("not a whole number", FULL | {"facts_clear": "7.5"}, "facts_clear"),
        ("missing item", {k: v for k, v in FULL.items() if k != "evidence_legal"}, "evidence_legal"),
        ("unknown item", FULL | {"bonus": 5}, "scores"),
    ],
)
def test_score_refuses_bad_scores(_case, scores, field, supervisor, jurisdiction, closed_2024):
    file = _draw(supervisor, jurisdiction).files.first()
    with pytest.raises(ValidationError) as exc:
        svc.score_case_file(actor=supervisor, file=file, scores=scores, on=date(2025, 3, 10))
    assert field in exc.value.error_dict
    file.refresh_from_db()
    assert file.total is None


def test_agency_staff_cannot_score_their_own_files(
    supervisor, agency_admin, jurisdiction, agency, closed_2024
):
    file = _draw(supervisor, jurisdiction).files.filter(agency=agency).first()
    with pytest.raises(PermissionDenied):
        svc.score_case_file(actor=agency_admin, file=file, scores=FULL, on=date(2025, 3, 10))
    file.refresh_from_db()
    assert file.total is None


def test_agency_sees_only_its_own_files_of_a_review(
    supervisor, officer, other_officer, jurisdiction, agency, closed_2024
):
    review = _draw(supervisor, jurisdiction)
    assert {f.agency_id for f in sel.review_files(officer, review)} == {agency.pk}
    assert list(sel.reviews_visible_to(officer)) == [review]
    assert review in sel.reviews_visible_to(other_officer)


# --- 监督意见书 / 反馈通知书 ------------------------------------------------------------------------
def _opinion(actor, agency, **kw):
    args = {
        "kind": "opinion",
        "number": "示司监〔2025〕1号",
        "findings": "部分案件超过办案期限作出决定。",
        "requirements": "逐案说明理由，建立期限预警。",
        "on": date(2025, 9, 19),
    }
    args.update(kw)
    return svc.issue_opinion(actor=actor, agency=agency, **args)


def test_opinion_reply_deadline_rolls_past_national_day(supervisor, agency):
    # given 2025-09-19 + 30 days = 2025-10-19, a Sunday → Monday 2025-10-20
    # when
    opinion = _opinion(supervisor, agency)
    # then
    assert annotated(opinion).reply_due_on == date(2025, 10, 20)
    assert annotated(opinion).due_explanation.endswith("2025-10-20")
    assert (
        AuditEntry.objects.filter(action="enforcement.issue_opinion", object_id=str(opinion.pk)).count() == 1
    )


def test_feedback_rectification_counts_working_days_with_make_up_days(
    supervisor, jurisdiction, agency, closed_2024
):
    # given every file of the agency scored
    review = _draw(supervisor, jurisdiction)
    for f in review.files.filter(agency=agency):
        svc.score_case_file(actor=supervisor, file=f, scores=FULL, on=date(2025, 9, 1))
    # when: 20 WD from Fri 2025-09-19; 09-28 (Sun) and 10-11 (Sat) are make-up days, 10-01…10-08 off
    notice = _opinion(supervisor, agency, kind="feedback", number="示司评〔2025〕1号", review=review)
    # then
    assert annotated(notice).reply_due_on == date(2025, 10, 23)
    assert notice.review == review


def test_feedback_needs_every_file_of_the_agency_scored(supervisor, jurisdiction, agency, closed_2024):
    review = _draw(supervisor, jurisdiction)
    with pytest.raises(ValidationError) as exc:
        _opinion(supervisor, agency, kind="feedback", review=review)
    assert "尚未全部评分" in exc.value.error_dict["review"][0].messages[0]
    assert SupervisionOpinion.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "kw", "field"),
    [
        ("no number", {"number": ""}, "number"),
        ("no findings", {"findings": " "}, "findings"),
        ("no requirements", {"requirements": ""}, "requirements"),
        ("unknown kind", {"kind": "letter"}, "kind"),
        ("feedback without a review", {"kind": "feedback"}, "review"),
    ],
)
def test_opinion_refuses_bad_input(_case, kw, field, supervisor, agency):
    with pytest.raises(ValidationError) as exc:
        _opinion(supervisor, agency, **kw)
    assert field in exc.value.error_dict
    assert SupervisionOpinion.objects.count() == 0


def test_opinion_refuses_a_case_of_another_agency(supervisor, agency, other_agency):
    case = make_case(other_agency, 1)
    with pytest.raises(ValidationError) as exc:
        _opinion(supervisor, agency, cases=[case])
    assert "不属于" in exc.value.error_dict["cases"][0].messages[0]


def test_opinion_number_is_unique(supervisor, agency, other_agency):
    _opinion(supervisor, agency)
    with pytest.raises(ValidationError) as exc:
        _opinion(supervisor, other_agency)
    assert "已被使用" in exc.value.error_dict["number"][0].messages[0]


@pytest.mark.parametrize("user_fixture", ["officer", "agency_admin", "other_county_supervisor"])
def test_only_the_bureau_issues_opinions(user_fixture, agency, request):
    with pytest.raises(PermissionDenied):
        _opinion(request.getfixturevalue(user_fixture), agency)
    assert SupervisionOpinion.objects.count() == 0


def test_agency_admin_replies_and_a_late_reply_is_recorded_as_late(supervisor, agency_admin, agency):
    opinion = _opinion(supervisor, agency)
    # when: replied 2025-10-21, one day after the due date 2025-10-20
    svc.reply_to_opinion(actor=agency_admin, opinion=opinion, on=date(2025, 10, 21), reply="已逐案整改。")
    # then
    opinion.refresh_from_db()
    assert (opinion.status, opinion.replied_on) == ("replied", date(2025, 10, 21))
    entry = AuditEntry.objects.get(action="enforcement.reply_opinion")
    assert entry.after["late"] is True


@pytest.mark.parametrize("user_fixture", ["officer", "other_admin", "supervisor"])
def test_only_the_addressed_agency_admin_replies(user_fixture, supervisor, agency, request):
    opinion = _opinion(supervisor, agency)
    with pytest.raises(PermissionDenied):
        svc.reply_to_opinion(
            actor=request.getfixturevalue(user_fixture), opinion=opinion, on=date(2025, 10, 1), reply="x"
        )
    opinion.refresh_from_db()
    assert opinion.status == "issued"


@pytest.mark.parametrize(
    ("_case", "on", "reply", "code"),
    [
        ("before the opinion", date(2025, 9, 18), "已整改", "date_order"),
        ("empty reply", date(2025, 9, 22), " ", "required"),
    ],
)
def test_reply_refuses_bad_input(_case, on, reply, code, supervisor, agency_admin, agency):
    opinion = _opinion(supervisor, agency)
    with pytest.raises(ValidationError) as exc:
        svc.reply_to_opinion(actor=agency_admin, opinion=opinion, on=on, reply=reply)
    assert next(iter(exc.value.error_dict.values()))[0].code == code


def test_opinion_docx_is_downloadable_by_the_agency(client, supervisor, agency_admin, agency):
    opinion = _opinion(supervisor, agency)
    client.force_login(agency_admin)
    response = client.get(f"/enforcement/supervision/opinions/{opinion.pk}/document.docx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_other_agency_cannot_open_the_opinion(client, supervisor, other_officer, agency):
    opinion = _opinion(supervisor, agency)
    client.force_login(other_officer)
    assert client.get(f"/enforcement/supervision/opinions/{opinion.pk}/").status_code == 404


# --- 两法衔接 --------------------------------------------------------------------------------
def _refer(actor, case, **kw):
    args = {
        "on": date(2025, 4, 10),
        "number": "示市监移〔2025〕1号",
        "receiving_organ": "示范县公安局",
        "suspected_crime": "生产、销售伪劣产品罪",
    }
    args.update(kw)
    return svc.refer_case(actor=actor, case=case, **args)


def test_referral_opens_from_the_case_without_retyping(officer, agency):
    case = make_case(agency, 1, facts="销售伪劣产品货值金额 8 万元。", party_name="张某某")
    # when
    referral = _refer(officer, case)
    # then
    assert (referral.party_name, referral.facts) == ("张某某", "销售伪劣产品货值金额 8 万元。")
    assert (referral.agency_id, referral.jurisdiction_id) == (case.agency_id, case.jurisdiction_id)
    assert referral.outcome == "pending"
    assert AuditEntry.objects.filter(action="enforcement.refer_case", object_id=str(case.pk)).count() == 1


def test_a_case_is_referred_once(officer, agency):
    case = make_case(agency, 1)
    _refer(officer, case)
    with pytest.raises(ValidationError) as exc:
        _refer(officer, case, number="示市监移〔2025〕2号")
    assert exc.value.code == "already_referred"


@pytest.mark.parametrize("user_fixture", ["other_officer", "supervisor", "viewer", "legal_reviewer"])
def test_only_the_agency_handling_the_case_refers_it(user_fixture, agency, request):
    case = make_case(agency, 1)
    with pytest.raises(PermissionDenied):
        _refer(request.getfixturevalue(user_fixture), case)
    assert CriminalReferral.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "kw", "field"),
    [
        ("before the case was opened", {"on": date(2025, 3, 2)}, "on"),
        ("no police organ", {"receiving_organ": ""}, "receiving_organ"),
        ("no suspected crime", {"suspected_crime": " "}, "suspected_crime"),
        ("no number", {"number": ""}, "number"),
    ],
)
def test_referral_refuses_bad_input(_case, kw, field, officer, agency):
    case = make_case(agency, 1)
    with pytest.raises(ValidationError) as exc:
        _refer(officer, case, **kw)
    assert field in exc.value.error_dict
    assert CriminalReferral.objects.count() == 0


def test_referral_receipt_then_outcome(officer, agency):
    referral = _refer(officer, make_case(agency, 1))
    # outcome before the receipt is refused
    with pytest.raises(ValidationError) as exc:
        svc.record_referral_outcome(actor=officer, referral=referral, outcome="filed", on=date(2025, 4, 15))
    assert exc.value.code == "receipt_missing"
    # receipt before the referral is refused
    with pytest.raises(ValidationError):
        svc.record_referral_receipt(actor=officer, referral=referral, on=date(2025, 4, 9))
    svc.record_referral_receipt(actor=officer, referral=referral, on=date(2025, 4, 11))
    # not filed needs the police's reasons
    with pytest.raises(ValidationError) as exc:
        svc.record_referral_outcome(
            actor=officer, referral=referral, outcome="not_filed", on=date(2025, 4, 14)
        )
    assert exc.value.error_dict["note"][0].code == "required"
    svc.record_referral_outcome(actor=officer, referral=referral, outcome="filed", on=date(2025, 4, 14))
    referral.refresh_from_db()
    assert (referral.receipt_on, referral.outcome, referral.outcome_on) == (
        date(2025, 4, 11),
        "filed",
        date(2025, 4, 14),
    )


def test_referral_page_opens_from_the_case(client, officer, agency):
    case = make_case(agency, 1, facts="涉嫌犯罪事实")
    client.force_login(officer)
    # when
    response = client.post(
        f"/enforcement/supervision/referrals/from-case/{case.pk}/",
        {
            "on": "2025-04-10",
            "number": "移1",
            "receiving_organ": "示范县公安局",
            "suspected_crime": "非法经营罪",
        },
    )
    # then
    referral = CriminalReferral.objects.get(case=case)
    assert response.status_code == 302
    assert response["Location"] == f"/enforcement/supervision/referrals/{referral.pk}/"
    assert referral.facts == "涉嫌犯罪事实"


def test_referral_page_keeps_input_on_refusal(client, officer, agency):
    case = make_case(agency, 1)
    client.force_login(officer)
    response = client.post(
        f"/enforcement/supervision/referrals/from-case/{case.pk}/",
        {"on": "2025-04-10", "number": "移1", "receiving_organ": "", "suspected_crime": "非法经营罪"},
    )
    assert response.status_code == 400
    assert "请填写接收移送的公安机关。" in response.content.decode()
    assert "非法经营罪" in response.content.decode()
    assert CriminalReferral.objects.count() == 0


def test_supervision_records_of_an_agency_are_hidden_from_another(supervisor, officer, other_officer, agency):
    referral = _refer(officer, make_case(agency, 1))
    opinion = _opinion(supervisor, agency)
    assert list(sel.referrals_visible_to(other_officer)) == []
    assert list(sel.opinions_visible_to(other_officer)) == []
    assert list(sel.referrals_visible_to(supervisor)) == [referral]
    assert list(sel.opinions_visible_to(officer)) == [opinion]
    assert other_officer.has_perm("enforcement.view_supervision", referral) is False
    assert supervisor.has_perm("enforcement.view_supervision", referral) is True


def test_draw_takes_only_files_closed_by_the_draw_date(supervisor, jurisdiction, agency):
    # given files closed on 2025-06-30 and 2025-07-01
    early = decided(agency, 1, date(2025, 6, 30))
    decided(agency, 2, date(2025, 7, 1))
    # when drawn on 2025-06-30
    review = _draw(supervisor, jurisdiction, year=2025, on=date(2025, 6, 30))
    # then
    assert list(review.files.values_list("case_id", flat=True)) == [early.pk]


def test_case_page_offers_the_referral_to_its_agency_only(client, officer, supervisor, agency):
    case = make_case(agency, 1)
    client.force_login(officer)
    html = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f'href="/enforcement/supervision/referrals/from-case/{case.pk}/"' in html
    client.force_login(supervisor)
    assert "from-case" not in client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    # once referred, the case page links the referral
    referral = _refer(officer, case)
    assert referral.get_absolute_url() in client.get(f"/enforcement/cases/{case.pk}/").content.decode()


def test_feedback_notice_docx_lists_the_agency_files_and_scores(
    supervisor, jurisdiction, agency, other_agency, closed_2024
):
    import io

    from docx import Document

    from fazhi.enforcement.supervision import documents as documents_supervision

    review = _draw(supervisor, jurisdiction)
    for f in review.files.filter(agency=agency):
        svc.score_case_file(actor=supervisor, file=f, scores=FULL | {"doc_complete": 7}, on=date(2025, 3, 10))
    notice = _opinion(supervisor, agency, kind="feedback", number="评〔2025〕1号", review=review)
    # when
    doc = Document(io.BytesIO(documents_supervision.opinion_docx(notice, "示范县司法局")))
    # then
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["案件编号", "案由", "得分", "等次", "发现问题"]
    assert [r[2:] for r in rows[1:]] == [["97", "优秀", "1"]] * 3
    assert any("2025年" in p.text and "前将整改情况书面报告" in p.text for p in doc.paragraphs)


def test_dashboard_page_queries_do_not_grow_with_the_cases(client, supervisor, agency, other_agency):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert (
                client.get("/enforcement/supervision/", {"year": 2025, "on": "2025-09-30"}).status_code == 200
            )
        return len(ctx.captured_queries)

    make_case(agency, 1, flag_uncertified=True)
    few = count()
    for n in range(2, 30):
        make_case(agency if n % 2 else other_agency, n, flag_late_service=True)
    assert count() == few
