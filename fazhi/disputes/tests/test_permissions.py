"""Role × scope matrix; the list filter equals the object check (ADR 0002)."""

from __future__ import annotations

import pytest

from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory

from .. import selectors
from ..models import LitigationCase, Mediation, Reconsideration
from .factories import LitigationCaseFactory, MediationFactory, ReconsiderationFactory

USERS = [
    "clerk",
    "head",
    "officer",
    "other_officer",
    "supervisor",
    "other_county_clerk",
    "viewer",
    "inactive",
]


@pytest.fixture
def viewer(justice_bureau):
    return UserFactory(username="viewer", role="viewer", agency=justice_bureau)


@pytest.fixture
def inactive(justice_bureau):
    return UserFactory(
        username="inactive", role="reconsideration_staff", agency=justice_bureau, is_active=False
    )


@pytest.fixture
def records(jurisdiction, agency, other_agency):
    far = JurisdictionFactory(division_code="620724", name="高台县")
    far_agency = AgencyFactory(jurisdiction=far, name="高台县公安局")
    out = []
    for a, j in ((agency, jurisdiction), (other_agency, jurisdiction), (far_agency, far)):
        out.append(ReconsiderationFactory(jurisdiction=j, respondent=a))
        out.append(LitigationCaseFactory(jurisdiction=j, agency=a))
        out.append(MediationFactory(jurisdiction=j, agency=a))
    return out


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize(
    ("model", "perm", "selector"),
    [
        (Reconsideration, "disputes.view_reconsideration", selectors.reconsiderations_visible_to),
        (LitigationCase, "disputes.view_litigation", selectors.litigation_cases_visible_to),
        (Mediation, "disputes.view_mediation", selectors.mediations_visible_to),
    ],
)
def test_list_filter_equals_object_check(user_name, model, perm, selector, records, request):
    user = request.getfixturevalue(user_name)
    listed = set(selector(user).values_list("pk", flat=True))
    checked = {r.pk for r in model.objects.all() if user.has_perm(perm, r)}
    assert listed == checked


@pytest.mark.parametrize(
    ("user_name", "perms"),
    [
        ("clerk", {"view", "accept", "handle", "decide", "reply", "publish"}),
        ("head", {"view", "accept", "handle", "decide", "extend", "reply", "publish"}),
        ("officer", {"view", "reply"}),  # the respondent agency
        ("other_officer", set()),
        ("supervisor", {"view"}),
        ("other_county_clerk", set()),
        ("inactive", set()),
    ],
)
def test_reconsideration_matrix(user_name, perms, jurisdiction, agency, request):
    user = request.getfixturevalue(user_name)
    case = ReconsiderationFactory(jurisdiction=jurisdiction, respondent=agency)
    names = {
        "view": "disputes.view_reconsideration",
        "accept": "disputes.decide_acceptance",
        "handle": "disputes.handle_case",
        "decide": "disputes.decide_case",
        "extend": "disputes.approve_extension",
        "reply": "disputes.file_reply",
        "publish": "disputes.publish_decision",
    }
    assert {k for k, p in names.items() if user.has_perm(p, case)} == perms
