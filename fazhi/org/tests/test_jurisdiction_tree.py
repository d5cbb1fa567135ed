"""Jurisdiction tree (issue 14 §1): a prefecture's justice bureau sees every agency and record of
its counties in one queryset filter, and the object check mirrors it; a county sees only itself."""

from __future__ import annotations

import pytest

from fazhi.core.access import can_see_record, scope_filter
from fazhi.core.procedures.tests.testapp.models import Application
from fazhi.org.models import Agency, Jurisdiction, User, parent_division_code
from fazhi.org.tests.factories import AgencyFactory, JurisdictionFactory, UserFactory, make_uscc


@pytest.fixture
def tree(db):
    """湖州市 (330500) with 安吉县 (330523) and 长兴县 (330522); 杭州市 (330100) beside it."""
    huzhou = JurisdictionFactory(division_code="330500", name="湖州市", level="prefecture")
    anji = JurisdictionFactory(division_code="330523", name="安吉县", parent=huzhou)
    changxing = JurisdictionFactory(division_code="330522", name="长兴县", parent=huzhou)
    hangzhou = JurisdictionFactory(division_code="330100", name="杭州市", level="prefecture")
    agencies = {
        j.division_code: AgencyFactory(
            jurisdiction=j, name=f"{j.name}市场监督管理局", uscc=make_uscc(i, j.division_code)
        )
        for i, j in enumerate((huzhou, anji, changxing, hangzhou), start=100)
    }
    return {
        "huzhou": huzhou,
        "anji": anji,
        "changxing": changxing,
        "hangzhou": hangzhou,
        "agencies": agencies,
    }


def _supervisor(j, username):
    bureau = AgencyFactory(
        jurisdiction=j,
        name=f"{j.name}司法局",
        kind="justice_bureau",
        uscc=make_uscc(900 + j.pk, j.division_code),
    )
    return UserFactory(username=username, role="supervisor", agency=bureau)


@pytest.mark.parametrize(
    ("code", "parent"),
    [("330523", "330500"), ("330500", "330000"), ("330000", None), ("110101", "110100")],
)
def test_parent_division_code_follows_gb_t_2260(code, parent):
    assert parent_division_code(code) == parent


def test_paths_follow_the_tree_and_a_move_carries_the_subtree(tree):
    # given
    huzhou, anji = tree["huzhou"], tree["anji"]
    zhejiang = JurisdictionFactory(division_code="330000", name="浙江省", level="province")
    # when the prefecture is put under the province
    huzhou.parent = zhejiang
    huzhou.save()
    # then
    anji.refresh_from_db()
    assert anji.path == f"/{zhejiang.pk}/{huzhou.pk}/{anji.pk}/"
    assert Jurisdiction.objects.get(pk=huzhou.pk).path == f"/{zhejiang.pk}/{huzhou.pk}/"


def test_a_jurisdiction_cannot_be_put_under_its_own_county(tree):
    from django.core.exceptions import ValidationError

    huzhou = tree["huzhou"]
    huzhou.parent = tree["anji"]
    with pytest.raises(ValidationError) as exc:
        huzhou.save()
    assert exc.value.messages == ["上级行政区划不能是本区划或其下级区划。"]


def test_prefecture_supervisor_sees_its_counties_in_one_filter(tree, django_assert_num_queries):
    # given
    city = _supervisor(tree["huzhou"], "huzhou-sfj")
    county = _supervisor(tree["anji"], "anji-sfj")
    for a in tree["agencies"].values():
        Application.objects.create(title=a.name, agency=a, jurisdiction=a.jurisdiction)
    # when: one query each, whatever the number of counties
    with django_assert_num_queries(1):
        city_titles = sorted(Application.objects.filter(scope_filter(city)).values_list("title", flat=True))
    with django_assert_num_queries(1):
        county_titles = list(Application.objects.filter(scope_filter(county)).values_list("title", flat=True))
    # then
    assert city_titles == ["安吉县市场监督管理局", "湖州市市场监督管理局", "长兴县市场监督管理局"]
    assert county_titles == ["安吉县市场监督管理局"]
    city_agencies = (
        Agency.objects.visible_to(city).filter(name__endswith="市场监督管理局").values_list("name", flat=True)
    )
    assert sorted(city_agencies) == ["安吉县市场监督管理局", "湖州市市场监督管理局", "长兴县市场监督管理局"]
    assert "安吉县司法局" in set(Agency.objects.visible_to(city).values_list("name", flat=True))


def test_the_object_check_mirrors_the_list_filter(tree):
    # given every user and every record
    city = _supervisor(tree["huzhou"], "huzhou-sfj")
    county = _supervisor(tree["anji"], "anji-sfj")
    other_city = _supervisor(tree["hangzhou"], "hangzhou-sfj")
    officer = UserFactory(username="anji-officer", role="officer", agency=tree["agencies"]["330523"])
    records = [
        Application.objects.create(title=a.name, agency=a, jurisdiction=a.jurisdiction)
        for a in tree["agencies"].values()
    ]
    # then: for each user, can_see_record(user, r) ⇔ r in the filtered list
    for user in (city, county, other_city, officer):
        user = User.objects.get(pk=user.pk)
        listed = set(Application.objects.filter(scope_filter(user)).values_list("pk", flat=True))
        assert {r.pk for r in records if can_see_record(user, r)} == listed, user.username
    assert len(set(Application.objects.filter(scope_filter(city)))) == 3


def test_a_county_supervisor_checks_own_records_without_a_query(tree, django_assert_num_queries):
    county = _supervisor(tree["anji"], "anji-sfj")
    a = tree["agencies"]["330523"]
    record = Application.objects.create(title="x", agency=a, jurisdiction=a.jurisdiction)
    with django_assert_num_queries(0):
        assert can_see_record(county, record) is True
