"""Role × scope matrix of the org permissions; the list filters equal the object checks (ADR 0002)."""

import pytest

from fazhi.org import selectors
from fazhi.org.models import Agency, User

ROLES = [
    "supervisor",
    "reconsideration_staff",
    "agency_admin",
    "officer",
    "legal_reviewer",
    "viewer",
    "other_county_supervisor",
    "other_county_officer",
    "superuser",
]


@pytest.fixture
def world(request):
    """Every role's user, agencies in two counties, an inactive account."""
    users = {name: request.getfixturevalue(name) for name in ROLES}
    request.getfixturevalue("other_officer")
    return users


@pytest.mark.parametrize("role", ROLES)
def test_agency_list_filter_equals_view_permission(role, world):
    # given
    user = world[role]
    # when
    listed = set(selectors.agencies_visible_to(user).values_list("pk", flat=True))
    allowed = {a.pk for a in Agency.objects.all() if user.has_perm("org.view_agency", a)}
    # then
    assert listed == allowed
    assert listed  # every role sees at least its own agency (superuser: all)


@pytest.mark.parametrize("role", ROLES)
def test_user_list_filter_equals_view_permission(role, world):
    # given
    user = world[role]
    # when
    listed = set(selectors.users_visible_to(user).values_list("pk", flat=True))
    allowed = {u.pk for u in User.objects.all() if user.has_perm("org.view_user", u)}
    # then
    assert listed == allowed


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("supervisor", {"示范县司法局", "示范县市场监督管理局", "示范县交通运输局"}),
        ("reconsideration_staff", {"示范县司法局", "示范县市场监督管理局", "示范县交通运输局"}),
        ("agency_admin", {"示范县市场监督管理局"}),
        ("officer", {"示范县市场监督管理局"}),
        ("other_county_supervisor", {"长兴县市场监督管理局", "长兴县司法局"}),
    ],
)
def test_agencies_visible_by_role(role, expected, world):
    names = set(selectors.agencies_visible_to(world[role]).values_list("name", flat=True))
    assert names == expected


def test_inactive_user_sees_nothing(supervisor):
    # given
    supervisor.is_active = False
    supervisor.save()
    # then
    assert list(selectors.agencies_visible_to(supervisor)) == []
    assert list(selectors.users_visible_to(supervisor)) == []
    assert supervisor.has_perm("org.view_agency", supervisor.agency) is False


@pytest.mark.parametrize(
    ("role", "perm", "target", "allowed"),
    [
        ("supervisor", "org.change_agency", "agency", True),
        ("supervisor", "org.change_agency", "other_county_agency", False),
        ("supervisor", "org.change_agency_core", "agency", True),
        ("supervisor", "org.override_uscc", "jurisdiction", True),
        ("supervisor", "org.manage_staff", "other_officer", True),
        ("supervisor", "org.manage_staff", "other_county_officer", False),
        ("agency_admin", "org.change_agency", "agency", True),
        ("agency_admin", "org.change_agency", "other_agency", False),
        ("agency_admin", "org.change_agency_core", "agency", False),
        ("agency_admin", "org.override_uscc", "jurisdiction", False),
        ("agency_admin", "org.manage_staff", "officer", True),
        ("agency_admin", "org.manage_staff", "other_officer", False),
        ("agency_admin", "org.assign_jurisdiction_roles", "agency", False),
        ("agency_admin", "org.add_agency", "jurisdiction", False),
        ("reconsideration_staff", "org.change_agency", "agency", False),
        ("reconsideration_staff", "org.manage_staff", "officer", False),
        ("officer", "org.change_agency", "agency", False),
        ("officer", "org.manage_staff", "officer", False),
        ("viewer", "org.view_agency", "agency", True),
        ("viewer", "org.view_agency", "other_agency", False),
        ("other_county_supervisor", "org.override_uscc", "jurisdiction", False),
        ("superuser", "org.change_agency_core", "other_county_agency", True),
    ],
)
def test_permission_matrix(role, perm, target, allowed, world, request):
    obj = request.getfixturevalue(target)
    assert world[role].has_perm(perm, obj) is allowed
