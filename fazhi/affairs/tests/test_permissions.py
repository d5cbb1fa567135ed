"""Each agency its own; the justice bureau all of its jurisdiction — and the list filter equals the
object permission (the two halves of ADR 0002)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.org.tests.factories import UserFactory

from .. import services
from ..choices import PetitionChannel, SuggestionKind
from ..models import DisclosureRequest, Petition, Suggestion

pytestmark = pytest.mark.django_db

USERS = [
    "officer",
    "other_officer",
    "supervisor",
    "other_county_supervisor",
    "other_county_officer",
    "viewer",
    "superuser",
]


@pytest.fixture
def world(officer, other_agency, supervisor, jurisdiction, agency, make_request):
    other = UserFactory(username="jt2", role="officer", agency=other_agency)
    make_request(date(2025, 9, 26))
    services.receive_request(
        actor=other,
        agency=other_agency,
        applicant_kind="person",
        applicant_name="李四",
        applicant_contact="1390",
        description="规划",
        channel="in_person",
        submitted_on=date(2025, 9, 26),
    )
    for a, u in ((agency, officer), (other_agency, other)):
        services.receive_petition(
            actor=u,
            agency=a,
            channel=PetitionChannel.VISIT,
            petitioner="赵六",
            content="事项",
            received_on=date(2025, 9, 1),
        )
    s1 = services.register_suggestion(
        actor=supervisor,
        jurisdiction=jurisdiction,
        kind=SuggestionKind.NPC,
        title="甲",
        proposers="王",
        received_on=date(2025, 3, 1),
    )
    services.assign_suggestion(
        actor=supervisor, case=s1, on=date(2025, 3, 10), lead=agency, co_handlers=[other_agency]
    )
    s2 = services.register_suggestion(
        actor=supervisor,
        jurisdiction=jurisdiction,
        kind=SuggestionKind.CPPCC,
        title="乙",
        proposers="李",
        received_on=date(2025, 3, 1),
    )
    services.assign_suggestion(actor=supervisor, case=s2, on=date(2025, 3, 10), lead=other_agency)


@pytest.mark.parametrize("user_fixture", USERS)
@pytest.mark.parametrize(
    ("model", "perm"),
    [
        (DisclosureRequest, "affairs.view_matter"),
        (Petition, "affairs.view_matter"),
        (Suggestion, "affairs.view_suggestion"),
    ],
)
def test_list_filter_equals_object_permission(world, user_fixture, model, perm, request):
    user = request.getfixturevalue(user_fixture)
    listed = set(model.objects.visible_to(user).values_list("pk", flat=True))
    allowed = {o.pk for o in model.objects.all() if user.has_perm(perm, o)}
    assert listed == allowed


def test_each_agency_sees_its_own_and_the_justice_bureau_all(
    world, officer, other_officer, supervisor, other_county_supervisor
):
    assert [r.agency.name for r in DisclosureRequest.objects.visible_to(officer)] == ["示范县市场监督管理局"]
    assert DisclosureRequest.objects.visible_to(supervisor).count() == 2
    assert DisclosureRequest.objects.visible_to(other_county_supervisor).count() == 0
    # the co-handler sees the suggestion it countersigns, not the other agency's own
    assert sorted(s.title for s in Suggestion.objects.visible_to(other_officer)) == ["乙", "甲"]
    assert [s.title for s in Suggestion.objects.visible_to(officer)] == ["甲"]


def test_other_county_supervisor_cannot_register_for_this_county(other_county_supervisor, jurisdiction):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.register_suggestion(
            actor=other_county_supervisor,
            jurisdiction=jurisdiction,
            kind=SuggestionKind.NPC,
            title="甲",
            proposers="王",
            received_on=date(2025, 3, 1),
        )
    assert Suggestion.objects.count() == 0


def test_html_list_runs_a_fixed_number_of_queries(
    client, supervisor, make_request, django_assert_max_num_queries
):
    make_request(date(2025, 9, 1))
    client.force_login(supervisor)
    with django_assert_max_num_queries(20) as first:
        client.get("/affairs/gongkai/")
    for day in (2, 3, 4, 5, 8, 9):
        make_request(date(2025, 9, day))
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/affairs/gongkai/")
