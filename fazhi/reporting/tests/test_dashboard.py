"""Dashboard: values with the year before, YoY, scoping, and the drill-down to records or submissions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.indicators import IndicatorValue, Scope, registry
from fazhi.org.models import Agency
from fazhi.reporting.dashboard.selectors import dashboard_rows, per_agency, records_behind, scope_for
from fazhi.reporting.submissions import services as subs

E = subs.Entry


@pytest.fixture
def computed_agencies():
    """A stand-in computation over real rows (agencies with enforcement authority) for one catalogue code."""

    def func(scope: Scope) -> IndicatorValue:
        qs = Agency.objects.filter(jurisdiction=scope.jurisdiction, has_enforcement_authority=True)
        if scope.agency is not None:
            qs = qs.filter(pk=scope.agency.pk)
        return IndicatorValue(value=qs.count(), records=qs)

    registry.register("services.hall_departments", func)
    yield
    registry.unregister("services.hall_departments")


def _approve(supervisor, officer, jurisdiction, agency, year, values):
    c = subs.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=year,
        due_date=date(year + 1, 1, 31),
        codes=list(values),
        agencies=[agency],
    )
    s = c.submissions.get()
    subs.save_values(actor=officer, submission=s, entries={k: E(v, "说明") for k, v in values.items()})
    subs.submit_submission(actor=officer, submission=s)
    subs.approve_submission(actor=supervisor, submission=s)
    return s


def test_rows_carry_last_year_and_the_change(supervisor, officer, jurisdiction, agency):
    # given
    _approve(
        supervisor, officer, jurisdiction, agency, 2024, {"services.items": 200, "services.online_rate": 90}
    )
    _approve(
        supervisor, officer, jurisdiction, agency, 2025, {"services.items": 250, "services.online_rate": 95}
    )
    # when
    rows = {
        r.entry.code: r
        for r in dashboard_rows(Scope(jurisdiction, 2025), ["services.items", "services.online_rate"])
    }
    # then
    items, rate = rows["services.items"], rows["services.online_rate"]
    assert (items.current.value, items.previous.value, items.change, items.change_pct) == (
        Decimal(250),
        Decimal(200),
        Decimal(50),
        Decimal("25.0"),
    )
    assert (rate.change, rate.change_pct) == (Decimal(5), None)  # rates: percentage points, no %


def test_agency_staff_only_see_their_own_agency(officer, supervisor, jurisdiction, agency, other_agency):
    assert scope_for(officer, jurisdiction, 2025, other_agency).agency == agency
    assert scope_for(supervisor, jurisdiction, 2025).agency is None


def test_drill_down_lists_the_records_behind_a_computed_figure(
    computed_agencies, jurisdiction, agency, other_agency, justice_bureau
):
    # given: hand count — two enforcement bodies (the market bureau and the transport bureau)
    # when
    fig, records = records_behind("services.hall_departments", Scope(jurisdiction, 2025))
    # then
    assert (fig.value, fig.source) == (2, "computed")
    assert sorted(a.name for a in records) == sorted([agency.name, other_agency.name])
    # and by agency: one each for the two enforcement bodies, none for the justice bureau
    assert sorted(
        (a.name, v)
        for a, v in per_agency(
            "services.hall_departments", Scope(jurisdiction, 2025), [agency, other_agency, justice_bureau]
        )
    ) == sorted([(agency.name, 1), (other_agency.name, 1)])


def test_dashboard_page_links_each_figure(client, supervisor, officer, jurisdiction, agency):
    # given
    _approve(supervisor, officer, jurisdiction, agency, 2025, {"services.items": 250})
    client.force_login(supervisor)
    # when
    page = client.get("/reporting/?year=2025&source=submission").content.decode()
    # then
    assert '<a href="/reporting/indicators/services.items/?year=2025">250</a>' in page
    drill = client.get("/reporting/indicators/services.items/?year=2025").content.decode()
    assert agency.name in drill
    assert "查看填报表" in drill


def test_drill_down_of_an_unknown_code_is_404(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/reporting/indicators/nothing.here/").status_code == 404


def test_submission_page_saves_and_shows_errors_next_to_the_field(
    client, supervisor, officer, jurisdiction, agency
):
    # given
    c = subs.open_campaign(
        actor=supervisor,
        jurisdiction=jurisdiction,
        year=2025,
        due_date=date(2026, 1, 31),
        codes=["services.items", "services.instant_items"],
        agencies=[agency],
    )
    s = c.submissions.get()
    client.force_login(officer)
    # when
    bad = client.post(
        f"/reporting/submissions/{s.pk}/",
        {"action": "save", "v:services.items": "10", "v:services.instant_items": "12"},
    )
    good = client.post(
        f"/reporting/submissions/{s.pk}/",
        {"action": "submit", "v:services.items": "10", "v:services.instant_items": "8"},
    )
    # then
    assert "“即办件事项数”（12）不能大于“政务服务事项数”（10）。" in bad.content.decode()
    assert good.status_code == 302
    s.refresh_from_db()
    assert s.status == "submitted"
    assert client.get(f"/reporting/submissions/{s.pk}/template.xlsx").status_code == 200


def test_other_agency_cannot_open_a_submission_page(client, supervisor, other_officer, jurisdiction, agency):
    c = subs.open_campaign(
        actor=supervisor, jurisdiction=jurisdiction, year=2025, due_date=date(2026, 1, 31), agencies=[agency]
    )
    client.force_login(other_officer)
    assert client.get(f"/reporting/submissions/{c.submissions.get().pk}/").status_code == 404


def test_report_pages(client, supervisor, jurisdiction):
    client.force_login(supervisor)
    created = client.post("/reporting/reports/", {"year": "2025"})
    assert created.status_code == 302
    page = client.get(created["Location"]).content.decode()
    assert "一、2025年法治政府建设的主要举措和成效" in page
    # every figure links to what is behind it (here: no approved submission yet → marked missing)
    assert (
        'class="figure-ref missing" style="color:#c62828;font-weight:bold" href="/reporting/indicators/services.items/?year=2025"'
        in page
    )
    docx = client.get(created["Location"] + "download.docx")
    assert docx.status_code == 200
    assert docx.content[:2] == b"PK"


@pytest.mark.parametrize(
    "user_fixture",
    [
        "supervisor",
        "officer",
        "other_officer",
        "agency_admin",
        "viewer",
        "other_county_supervisor",
        "superuser",
    ],
)
def test_submission_list_equals_object_check(
    user_fixture, request, supervisor, jurisdiction, agency, other_agency
):
    # given
    from fazhi.reporting.models import Submission
    from fazhi.reporting.submissions.selectors import submissions_visible_to

    subs.open_campaign(actor=supervisor, jurisdiction=jurisdiction, year=2025, due_date=date(2026, 1, 31))
    user = request.getfixturevalue(user_fixture)
    # then
    listed = set(submissions_visible_to(user).values_list("pk", flat=True))
    allowed = {s.pk for s in Submission.objects.all() if user.has_perm("reporting.view_submission", s)}
    assert listed == allowed
