"""NPC suggestions and CPPCC proposals: 3 months from assignment (代表法第五十一条), 会签, feedback."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.org.tests.factories import UserFactory

from .. import services
from ..choices import Satisfaction, SuggestionCategory, SuggestionKind

pytestmark = pytest.mark.django_db


def _due(case, clock="reply"):
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()


@pytest.fixture
def suggestion(supervisor, jurisdiction):
    return services.register_suggestion(
        actor=supervisor,
        jurisdiction=jurisdiction,
        kind=SuggestionKind.NPC,
        title="关于加强农贸市场食品安全监管的建议",
        proposers="王代表",
        received_on=date(2025, 3, 1),
    )


@pytest.fixture
def co_officer(other_agency):
    return UserFactory(username="xieban", role="officer", agency=other_agency)


def test_reply_is_due_3_months_after_assignment(supervisor, suggestion, agency):
    services.assign_suggestion(actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency)
    d = _due(suggestion)
    assert (d.start_date, d.due_date) == (date(2025, 3, 10), date(2025, 6, 10))
    assert "代表法第五十一条" in d.basis


def test_period_ending_on_a_make_up_working_day_does_not_roll(supervisor, jurisdiction, agency):
    # 2025-11-28 + 3 months = Sat 2026-02-28, a make-up working day
    case = services.register_suggestion(
        actor=supervisor,
        jurisdiction=jurisdiction,
        kind=SuggestionKind.CPPCC,
        title="提案",
        proposers="李委员",
        received_on=date(2025, 11, 20),
    )
    services.assign_suggestion(actor=supervisor, case=case, on=date(2025, 11, 28), lead=agency)
    assert _due(case).due_date == date(2026, 2, 28)


def test_reply_before_assignment_is_refused(superuser, suggestion):
    with pytest.raises(ValidationError) as exc:
        services.reply_suggestion(
            actor=superuser,
            case=suggestion,
            on=date(2025, 3, 20),
            category=SuggestionCategory.A,
            reply_text="已办",
        )
    assert exc.value.code == "transition_not_allowed"
    assert "待交办" in exc.value.messages[0]


def test_complex_item_extended_to_6_months_on_request_with_the_offices_approval(
    supervisor, officer, suggestion, agency
):
    services.assign_suggestion(
        actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency, is_complex=True
    )
    # the office cannot extend unasked
    with pytest.raises(ValidationError) as exc:
        services.extend_suggestion(actor=supervisor, case=suggestion, on=date(2025, 6, 3), ground="同意")
    assert exc.value.message_dict["ground"] == ["主办单位尚未在线申请延期，不能批准延期。"]
    # the lead agency asks online, the office approves
    services.request_extension(actor=officer, case=suggestion, on=date(2025, 5, 30), ground="涉及多个部门")
    services.extend_suggestion(actor=supervisor, case=suggestion, on=date(2025, 6, 3), ground="同意")
    assert _due(suggestion).due_date == date(2025, 9, 10)


def test_extension_of_an_ordinary_item_is_refused(supervisor, suggestion, agency):
    services.assign_suggestion(actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency)
    with pytest.raises(ValidationError) as exc:
        services.extend_suggestion(actor=supervisor, case=suggestion, on=date(2025, 6, 3), ground="忙")
    assert "涉及面广、处理难度大" in exc.value.message_dict["ground"][0]


def test_extension_approved_by_the_lead_agency_itself_is_refused(supervisor, officer, suggestion, agency):
    services.assign_suggestion(
        actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency, is_complex=True
    )
    services.request_extension(actor=officer, case=suggestion, on=date(2025, 5, 30), ground="复杂")
    with pytest.raises(PermissionDenied):
        services.extend_suggestion(actor=officer, case=suggestion, on=date(2025, 6, 3), ground="复杂")


def test_extension_after_expiry_is_refused(supervisor, officer, suggestion, agency):
    services.assign_suggestion(
        actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency, is_complex=True
    )
    services.request_extension(actor=officer, case=suggestion, on=date(2025, 6, 5), ground="复杂")
    with pytest.raises(ValidationError) as exc:
        services.extend_suggestion(actor=supervisor, case=suggestion, on=date(2025, 6, 11), ground="复杂")
    assert exc.value.message_dict["on"] == [
        "“答复代表委员”期限已于 2025-06-10 届满，延长须在期限届满前批准，2025-06-11 不能再延长。"
    ]


def test_reply_waits_for_every_countersign(supervisor, officer, co_officer, suggestion, agency, other_agency):
    services.assign_suggestion(
        actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency, co_handlers=[other_agency]
    )
    with pytest.raises(ValidationError) as exc:
        services.reply_suggestion(
            actor=officer,
            case=suggestion,
            on=date(2025, 5, 6),
            category=SuggestionCategory.A,
            reply_text="已办",
        )
    assert "尚未会签" in exc.value.message_dict["co_handlers"][0]
    services.countersign(actor=co_officer, case=suggestion, on=date(2025, 4, 30), opinion="同意")
    services.reply_suggestion(
        actor=officer, case=suggestion, on=date(2025, 5, 6), category=SuggestionCategory.A, reply_text="已办"
    )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.replied_on_time) == ("replied", True)


def test_unsatisfied_deputy_starts_rehandling_with_its_own_period(supervisor, officer, suggestion, agency):
    services.assign_suggestion(actor=supervisor, case=suggestion, on=date(2025, 3, 10), lead=agency)
    services.reply_suggestion(
        actor=officer,
        case=suggestion,
        on=date(2025, 5, 6),
        category=SuggestionCategory.B,
        reply_text="列入计划",
    )
    services.record_feedback(
        actor=supervisor, case=suggestion, on=date(2025, 5, 20), satisfaction=Satisfaction.UNSATISFIED
    )
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.rehandled) == ("rehandling", True)
    assert _due(suggestion, "rehandle").due_date == date(2025, 7, 21)  # 07-20 is a Sunday
    services.reply_suggestion(
        actor=officer,
        case=suggestion,
        on=date(2025, 7, 1),
        category=SuggestionCategory.A,
        reply_text="已解决",
    )
    services.record_feedback(
        actor=supervisor, case=suggestion, on=date(2025, 7, 10), satisfaction=Satisfaction.SATISFIED
    )
    suggestion.refresh_from_db()
    assert suggestion.state == "closed"


def test_cppcc_period_is_configurable(supervisor, jurisdiction, agency, settings):
    # given: a local measure with 2 months for proposals (LEGAL_RULES §10: UNCONFIRMED nationally)
    settings.FAZHI_AFFAIRS = {"cppcc_reply_months": 2}
    case = services.register_suggestion(
        actor=supervisor,
        jurisdiction=jurisdiction,
        kind=SuggestionKind.CPPCC,
        title="提案",
        proposers="李委员",
        received_on=date(2025, 1, 15),
    )
    # when
    services.assign_suggestion(actor=supervisor, case=case, on=date(2025, 3, 10), lead=agency)
    # then: 2 months, and the deadline says it is a configured default
    d = _due(case)
    assert d.due_date == date(2025, 5, 12)  # 05-10 is a Saturday
    assert "期限可配置" in d.basis
