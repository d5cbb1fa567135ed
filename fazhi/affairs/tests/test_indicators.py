"""Indicators against hand counts on a small fixture set (every computed code named here)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.indicators import Scope, registry

from .. import services
from ..choices import (
    Audience,
    EducationKind,
    LegalAidKind,
    PetitionChannel,
    PetitionOutcome,
    ReplyType,
    Satisfaction,
    StudyKind,
    SuggestionCategory,
    SuggestionKind,
)

pytestmark = pytest.mark.django_db


def _value(code, jurisdiction, agency=None, year=2025):
    return registry.compute(code, Scope(jurisdiction, year, agency))


@pytest.fixture
def disclosure(officer, make_request):
    a = make_request(date(2024, 12, 20))  # carried in, answered on time in 2025
    services.reply_request(actor=officer, case=a, on=date(2025, 1, 6), reply_type=ReplyType.PROVIDED)
    b = make_request(date(2025, 9, 26))  # answered late (due 10-30)
    services.reply_request(actor=officer, case=b, on=date(2025, 10, 31), reply_type=ReplyType.NOT_HELD)
    c = make_request(date(2025, 12, 1))  # due 12-29, still open: due in 2025, not answered
    make_request(date(2025, 12, 22))  # due in 2026: not yet due
    return a, b, c


def test_disclosure_indicators(disclosure, jurisdiction, other_agency):
    assert _value("disclosure.requests_received", jurisdiction).value == 3
    assert _value("disclosure.requests_closed", jurisdiction).value == 2
    on_time = _value("disclosure.on_time_rate", jurisdiction)
    assert (on_time.numerator, on_time.denominator, on_time.value) == (1, 2, Decimal("50.00"))
    reply = _value("disclosure.reply_rate", jurisdiction)
    assert (reply.numerator, reply.denominator) == (2, 3)
    assert _value("disclosure.requests_received", jurisdiction, other_agency).value == 0


@pytest.fixture
def suggestions(supervisor, officer, jurisdiction, agency):
    out = []
    for i, kind in enumerate((SuggestionKind.NPC, SuggestionKind.NPC, SuggestionKind.CPPCC)):
        s = services.register_suggestion(
            actor=supervisor,
            jurisdiction=jurisdiction,
            kind=kind,
            title=f"建议{i}",
            proposers="代表",
            received_on=date(2025, 3, 1),
        )
        services.assign_suggestion(actor=supervisor, case=s, on=date(2025, 3, 10), lead=agency)
        out.append(s)
    for s, satisfaction in zip(out[:2], (Satisfaction.SATISFIED, Satisfaction.UNSATISFIED), strict=True):
        services.reply_suggestion(
            actor=officer, case=s, on=date(2025, 5, 6), category=SuggestionCategory.A, reply_text="已办"
        )
        services.record_feedback(actor=supervisor, case=s, on=date(2025, 5, 20), satisfaction=satisfaction)
    return out


def test_suggestion_indicators(suggestions, jurisdiction):
    assert _value("supervision.npc_suggestions", jurisdiction).value == 2
    assert _value("supervision.cppcc_proposals", jurisdiction).value == 1
    rate = _value("supervision.reply_rate", jurisdiction)
    assert (rate.numerator, rate.denominator) == (2, 3)
    sat = _value("supervision.satisfaction_rate", jurisdiction)
    assert (sat.numerator, sat.denominator, sat.value) == (1, 2, Decimal("50.00"))


def test_petition_indicators(officer, agency, jurisdiction):
    def make(on):
        return services.receive_petition(
            actor=officer,
            agency=agency,
            channel=PetitionChannel.VISIT,
            petitioner="赵六",
            content="事项",
            received_on=on,
        )

    a, b, c = make(date(2025, 3, 3)), make(date(2025, 4, 1)), make(date(2025, 12, 29))
    services.accept_petition(actor=officer, case=a, on=date(2025, 3, 5))
    services.answer_petition(actor=officer, case=a, on=date(2025, 4, 30), outcome=PetitionOutcome.SUPPORT)
    services.accept_petition(actor=officer, case=b, on=date(2025, 4, 2))
    services.answer_petition(
        actor=officer, case=b, on=date(2025, 6, 20), outcome=PetitionOutcome.EXPLAIN
    )  # day 79: late
    services.accept_petition(actor=officer, case=c, on=date(2026, 1, 5))
    assert _value("petitions.received", jurisdiction).value == 2
    assert _value("petitions.handled", jurisdiction).value == 2
    rate = _value("petitions.on_time_rate", jurisdiction)
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_legal_aid_and_education_indicators(officer, agency, jurisdiction):
    jurisdiction.population = 200000
    jurisdiction.save()
    services.record_legal_aid_case(
        actor=officer,
        agency=agency,
        kind=LegalAidKind.CIVIL,
        applicant="甲",
        matter="劳动报酬",
        received_on=date(2025, 2, 3),
        recipients=3,
        closed_on=date(2025, 5, 6),
        losses_recovered=Decimal("12345.00"),
        documents_drafted=2,
    )
    services.record_legal_aid_case(
        actor=officer,
        agency=agency,
        kind=LegalAidKind.CRIMINAL,
        applicant="乙",
        matter="盗窃",
        received_on=date(2025, 6, 3),
    )
    services.record_consultation(
        actor=officer, agency=agency, held_on=date(2025, 3, 1), channel="phone", topic="工伤", persons=4
    )
    events = [
        (EducationKind.CAMPAIGN, 300, 500, 100),
        (EducationKind.LECTURE, 80, 0, 0),
        (EducationKind.SCHOOL, 600, 600, 0),
        (EducationKind.PERFORMANCE, 400, 0, 0),
        (EducationKind.TRAINING, 50, 50, 0),
        (EducationKind.EXAM, 40, 0, 0),
        (EducationKind.COURT_HEARING, 20, 0, 0),
    ]
    for kind, participants, materials, promo in events:
        services.record_education_event(
            actor=officer,
            agency=agency,
            held_on=date(2025, 4, 1),
            kind=kind,
            title="活动",
            audience=Audience.PUBLIC,
            participants=participants,
            materials=materials,
            promo_items=promo,
        )
    for kind in (
        StudyKind.EXEC_MEETING,
        StudyKind.EXEC_MEETING,
        StudyKind.CENTRAL_GROUP,
        StudyKind.THOUGHT,
        StudyKind.DEPT_LEADER,
    ):
        services.record_study_session(
            actor=officer, agency=agency, held_on=date(2025, 5, 1), kind=kind, topic="宪法"
        )
    expected = {
        "legal_aid.cases": 2,
        "legal_aid.recipients": 4,
        "legal_aid.losses_recovered": Decimal("1.23"),
        "legal_aid.consultations": 4,
        "legal_aid.documents_drafted": 2,
        "legal_aid.coverage_rate": Decimal("0.20"),
        "education.exec_meeting_study": 2,
        "education.central_group_study": 1,
        "education.thought_study_sessions": 1,
        "education.dept_leader_study": 1,
        "education.campaign_events": 1,
        "education.lectures": 1,
        "education.school_events": 1,
        "education.performances": 1,
        "education.staff_training_classes": 1,
        "education.staff_training_participants": 50,
        "education.staff_exams": 1,
        "education.court_hearing_attendance": 1,
        "education.audience": 1380,
        "education.materials_distributed": 1100,
        "education.promo_items": 100,
    }
    assert {code: _value(code, jurisdiction).value for code in expected} == expected
