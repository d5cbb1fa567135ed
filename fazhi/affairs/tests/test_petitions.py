"""Petitions on real dates — 《信访工作条例》第二十三、三十四、三十五、三十六条 (calendar days, §13)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures

from .. import services
from ..choices import PetitionChannel, PetitionOutcome

pytestmark = pytest.mark.django_db


def _due(case, clock):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()


@pytest.fixture
def petition(officer, agency):
    def make(on=date(2025, 9, 16), **kw):
        return services.receive_petition(
            actor=officer,
            agency=agency,
            channel=kw.pop("channel", PetitionChannel.LETTER),
            petitioner="赵六",
            content="反映某商户短斤少两问题查处不力",
            received_on=on,
            **kw,
        )

    return make


def test_acceptance_notice_due_15_days_rolled_past_national_day(petition):
    case = petition(date(2025, 9, 16))
    assert _due(case, "acceptance_notice").due_date == date(2025, 10, 9)


def test_handling_60_days_and_one_extension_of_30_approved_by_the_head(officer, head, petition):
    case = petition(date(2025, 8, 1))
    services.accept_petition(actor=officer, case=case, on=date(2025, 8, 4))
    assert _due(case, "handling").due_date == date(2025, 10, 9)  # 10-03 falls in National Day
    with pytest.raises(PermissionDenied):
        services.extend_petition(actor=officer, case=case, on=date(2025, 9, 30), ground="案情复杂")
    services.extend_petition(actor=head, case=case, on=date(2025, 9, 30), ground="案情复杂")
    assert _due(case, "handling").due_date == date(2025, 11, 10)  # 11-08 is a Saturday


def test_extension_after_the_60_days_is_refused(head, officer, petition):
    case = petition(date(2025, 8, 1))
    services.accept_petition(actor=officer, case=case, on=date(2025, 8, 4))
    with pytest.raises(ValidationError) as exc:
        services.extend_petition(actor=head, case=case, on=date(2025, 10, 10), ground="案情复杂")
    assert exc.value.error_dict["on"][0].code == "extension_after_expiry"


def test_outcome_outside_support_explain_not_support_is_refused(officer, petition):
    case = petition(date(2025, 8, 1))
    services.accept_petition(actor=officer, case=case, on=date(2025, 8, 4))
    with pytest.raises(ValidationError) as exc:
        services.answer_petition(actor=officer, case=case, on=date(2025, 9, 1), outcome="partly")
    assert exc.value.message_dict["outcome"] == ["处理意见应为予以支持、解释说明或不予支持。"]


def _answered(officer, petition):
    case = petition(date(2025, 7, 1))
    services.accept_petition(actor=officer, case=case, on=date(2025, 7, 2))
    services.answer_petition(
        actor=officer, case=case, on=date(2025, 8, 29), outcome=PetitionOutcome.NOT_SUPPORT
    )
    return services.record_service(actor=officer, case=case, on=date(2025, 9, 1))


def test_review_request_posted_on_the_last_day_is_in_time(officer, supervisor, petition):
    # given: opinion received 2025-09-01; + 30 days = 10-01, in National Day → 10-09
    case = _answered(officer, petition)
    assert case.answered_on_time is True
    # when: posted 10-09, received 10-13
    services.request_review(actor=supervisor, case=case, on=date(2025, 10, 13), posted_on=date(2025, 10, 9))
    # then: the reviewer's 30 days run from the request
    assert _due(case, "review").due_date == date(2025, 11, 12)


def test_review_request_after_30_days_is_refused(officer, supervisor, petition):
    case = _answered(officer, petition)
    with pytest.raises(ValidationError) as exc:
        services.request_review(actor=supervisor, case=case, on=date(2025, 10, 10))
    assert "期限已于 2025-10-09 届满" in exc.value.message_dict["on"][0]


def test_rereview_hearing_time_is_excluded(officer, supervisor, petition):
    case = _answered(officer, petition)
    services.request_review(actor=supervisor, case=case, on=date(2025, 9, 10))
    services.decide_review(
        actor=supervisor, case=case, on=date(2025, 10, 9), outcome=PetitionOutcome.NOT_SUPPORT
    )
    services.record_service(actor=supervisor, case=case, on=date(2025, 10, 10))
    services.request_rereview(actor=supervisor, case=case, on=date(2025, 10, 20))
    assert _due(case, "rereview").due_date == date(2025, 11, 19)
    services.hold_hearing(actor=supervisor, case=case, on=date(2025, 11, 3))
    services.end_hearing(actor=supervisor, case=case, on=date(2025, 11, 6))
    assert _due(case, "rereview").due_date == date(2025, 11, 24)  # + 3 days → Sat 11-22 → Mon 11-24
    services.decide_rereview(
        actor=supervisor, case=case, on=date(2025, 11, 20), outcome=PetitionOutcome.EXPLAIN
    )
    case.refresh_from_db()
    assert case.state == "concluded"


def test_hotline_complaint_about_enforcement_is_a_supervision_lead(officer, agency, petition):
    from fazhi.enforcement.models import PenaltyCase

    case = petition(date(2025, 9, 16), channel=PetitionChannel.HOTLINE, is_enforcement_complaint=True)
    assert case.is_enforcement_complaint is True
    assert PenaltyCase._meta.get_field("petitions")  # the link exists on the enforcement side


def test_date_after_today_is_refused(petition):
    with pytest.raises(ValidationError) as exc:
        petition(date(2099, 1, 1))
    assert "晚于今天" in exc.value.message_dict["received_on"][0]


def test_hotline_complaint_is_linked_to_the_agencys_enforcement_case(
    officer, other_officer, agency, petition, api_client
):
    from fazhi.enforcement.models import PenaltyCase
    from fazhi.enforcement.tests.factories import MatterFactory

    # given: a penalty case of the agency (the enforcement record the complaint is about)
    penalty = PenaltyCase.objects.create(
        agency=agency,
        jurisdiction=agency.jurisdiction,
        number="安市监罚〔2025〕1号",
        matter=MatterFactory(agency=agency),
        title="销售过期食品",
        party_name="某超市",
        opened_on=date(2025, 9, 1),
        officer_a=officer,
        officer_b=other_officer,
    )
    case = petition(date(2025, 9, 16), channel=PetitionChannel.HOTLINE)
    api_client.force_authenticate(officer)
    # when
    response = api_client.post(
        f"/api/v1/affairs/petitions/{case.pk}/link-enforcement-case/",
        {"enforcement_case": penalty.pk},
        format="json",
    )
    # then
    assert response.status_code == 200, response.json()
    assert (response.json()["enforcement_case"], response.json()["is_enforcement_complaint"]) == (
        penalty.pk,
        True,
    )
    assert list(penalty.petitions.all()) == [case]
