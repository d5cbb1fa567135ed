"""办案期限规则 (LEGAL_RULES.md §3 "decision time limit"): 行政处罚法第六十条 90 days "unless a rule
says otherwise"; extensions per each department's rule (UNCONFIRMED article), kept as a data row per
agency with the defaults 90 days + one extension of ≤ 30 days approved by the head."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.enforcement.models import PenaltyTimeLimitRule
from fazhi.enforcement.selectors.rules import NOTE
from fazhi.enforcement.services import cases as svc
from fazhi.enforcement.services.rules import set_time_limit_rule
from fazhi.enforcement.tests.factories import due
from fazhi.org.tests.factories import UserFactory

MARKET_RULE = {
    "decision_days": 90,
    "extension_days": 30,
    "max_extensions": 2,
    "extension_approver": "负责人批准；再次延长经负责人集体讨论",
    "legal_basis": "《市场监督管理行政处罚程序规定》",
}


def _decision(case):
    return procedures.deadlines(case).filter(clock="decision").order_by("-id").first()


def test_market_supervision_rule_allows_a_second_extension(open_case, head, supervisor, agency):
    # given the market-supervision bureau's rule: 90 days + 30 days, twice
    set_time_limit_rule(actor=supervisor, agency=agency, **MARKET_RULE)
    case = open_case(on=date(2025, 7, 10))
    # 2025-07-10 + 90 days = Wed 2025-10-08 (National Day holiday) → Thu 10-09, with the rule's basis
    d = _decision(case)
    assert (d.period_n, d.due_date) == (90, date(2025, 10, 9))
    assert (
        d.basis
        == "行政处罚法第六十条；《市场监督管理行政处罚程序规定》，负责人批准；再次延长经负责人集体讨论"
    )
    # when extended twice
    case = svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 1), ground="案情复杂")
    case = svc.extend_decision_period(actor=head, case=case, on=date(2025, 10, 20), ground="集体讨论决定延长")
    # then 10-09 + 30 = Sat 11-08 → Mon 11-10; + 30 = Wed 12-10
    assert due(case, "decision") == date(2025, 12, 10)
    # and a third is refused, naming the rule
    with pytest.raises(ValidationError) as exc:
        svc.extend_decision_period(actor=head, case=case, on=date(2025, 11, 20), ground="再延")
    assert exc.value.messages == [
        "“作出处罚决定”期限最多延长2次（《市场监督管理行政处罚程序规定》，负责人批准；再次延长经负责人集体讨论），"
        "已延长2次，不能再次延长。"
    ]


def test_default_rule_refuses_a_second_extension(open_case, head):
    # given no rule: 90 days, one extension
    case = open_case(on=date(2025, 7, 10))
    assert _decision(case).basis == "行政处罚法第六十条"
    case = svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 1), ground="案情复杂")
    with pytest.raises(ValidationError) as exc:
        svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 2), ground="再延")
    assert exc.value.code == "extension_limit_reached"
    assert exc.value.messages == ["“作出处罚决定”期限最多延长1次，已延长1次，不能再次延长。"]


def test_extension_beyond_the_rule_is_refused(open_case, head, agency_admin, agency):
    set_time_limit_rule(actor=agency_admin, agency=agency, **(MARKET_RULE | {"extension_days": 15}))
    case = open_case(on=date(2025, 7, 10))
    with pytest.raises(ValidationError) as exc:
        svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 1), ground="案情复杂", days=20)
    # the engine checks the length against the agency's rule (ADR 0003 "Per-case policy")
    assert exc.value.error_dict["period"][0].code == "extension_too_long"
    assert "最多延长15日" in exc.value.message_dict["period"][0]
    # without days: the rule's maximum, 10-09 + 15 = Fri 10-24
    case = svc.extend_decision_period(actor=head, case=case, on=date(2025, 9, 1), ground="案情复杂")
    assert due(case, "decision") == date(2025, 10, 24)


def test_changing_the_rule_does_not_move_a_started_deadline(open_case, supervisor, agency):
    # given a case opened under the default 90 days
    case = open_case(on=date(2025, 7, 10))
    # when the agency's rule becomes 60 days
    set_time_limit_rule(actor=supervisor, agency=agency, **(MARKET_RULE | {"decision_days": 60}))
    # then the started deadline keeps 90 days, also when recomputed
    d = _decision(case)
    assert (d.period_n, d.due_date) == (90, date(2025, 10, 9))
    assert procedures.engine.recompute(d)[0] == date(2025, 10, 9)
    # and a case opened afterwards gets 60 days: 2025-07-10 + 60 = Mon 09-08
    later = open_case(on=date(2025, 7, 10), title="另一案")
    assert (_decision(later).period_n, due(later, "decision")) == (60, date(2025, 9, 8))


def test_rule_is_updated_in_place_and_audited(supervisor, agency):
    set_time_limit_rule(actor=supervisor, agency=agency, **MARKET_RULE)
    rule = set_time_limit_rule(actor=supervisor, agency=agency, **(MARKET_RULE | {"max_extensions": 1}))
    assert PenaltyTimeLimitRule.objects.filter(agency=agency).count() == 1
    assert (rule.max_extensions, rule.updated_by) == (1, supervisor)
    entry = AuditEntry.objects.filter(action="enforcement.set_time_limit_rule").order_by("-id").first()
    assert entry.before["max_extensions"] == 2
    assert entry.after["max_extensions"] == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"decision_days": 0}, "decision_days", "作出决定期限（日）应为正整数，且不超过365。"),
        ({"decision_days": 366}, "decision_days", "作出决定期限（日）应为正整数，且不超过365。"),
        ({"decision_days": "九十"}, "decision_days", "作出决定期限（日）应为整数。"),
        ({"extension_days": -1}, "extension_days", "每次延长（日）应为正整数，且不超过365。"),
        ({"max_extensions": 11}, "max_extensions", "最多延长次数应在0至10之间。"),
        (
            {"extension_approver": " "},
            "extension_approver",
            "请填写延长审批方式（如：负责人批准；负责人集体讨论）。",
        ),
    ],
)
def test_invalid_rule_is_refused_in_chinese(changes, field, message, supervisor, agency):
    with pytest.raises(ValidationError) as exc:
        set_time_limit_rule(actor=supervisor, agency=agency, **(MARKET_RULE | changes))
    assert exc.value.message_dict == {field: [message]}
    assert not PenaltyTimeLimitRule.objects.exists()


def test_who_may_set_the_rule(agency, other_agency, agency_admin, officer, supervisor):
    other_admin = UserFactory(username="other_admin", role="agency_admin", agency=other_agency)
    # another agency's admin, an officer and a head of the agency without the admin role are refused
    for actor in (other_admin, officer):
        with pytest.raises(PermissionDenied):
            set_time_limit_rule(actor=actor, agency=agency, **MARKET_RULE)
    assert not PenaltyTimeLimitRule.objects.exists()
    # the agency's own admin and the jurisdiction's supervisor may
    set_time_limit_rule(actor=agency_admin, agency=agency, **MARKET_RULE)
    set_time_limit_rule(actor=supervisor, agency=other_agency, **MARKET_RULE)
    assert PenaltyTimeLimitRule.objects.count() == 2


def test_page_lists_rules_with_the_note(client, supervisor, agency, other_agency):
    set_time_limit_rule(actor=supervisor, agency=agency, **MARKET_RULE)
    client.force_login(supervisor)
    r = client.get("/enforcement/time-limits/")
    body = r.content.decode()
    assert r.status_code == 200
    assert NOTE in body
    assert "《市场监督管理行政处罚程序规定》" in body
    assert "默认值（未按本机关依据设置）" in body  # the other agency has no row
    assert 'id="time-limit-form"' in body


def test_page_form_sets_the_rule_and_shows_errors(client, agency_admin, agency, other_agency):
    client.force_login(agency_admin)
    r = client.post("/enforcement/time-limits/", {"agency": agency.pk, **MARKET_RULE}, follow=True)
    assert "已保存“示范县市场监督管理局”的办案期限规则" in r.content.decode()
    assert PenaltyTimeLimitRule.objects.get(agency=agency).max_extensions == 2
    # another agency is not even visible to this admin
    r = client.post("/enforcement/time-limits/", {"agency": other_agency.pk, **MARKET_RULE})
    assert r.status_code == 404
    r = client.post(
        "/enforcement/time-limits/",
        {"agency": agency.pk, **(MARKET_RULE | {"decision_days": 400})},
        follow=True,
    )
    assert "作出决定期限（日）应为正整数，且不超过365。" in r.content.decode()


def test_api_reads_and_sets_the_rule(api_client, supervisor, agency_admin, agency, other_agency):
    api_client.force_authenticate(supervisor)
    r = api_client.get("/api/v1/enforcement/time-limits/")
    assert r.status_code == 200
    assert r.json()["note"] == NOTE
    rows = {row["agency"]: row for row in r.json()["results"]}
    assert rows[agency.pk]["configured"] is False
    assert rows[agency.pk]["decision_days"] == 90
    r = api_client.put(f"/api/v1/enforcement/time-limits/{agency.pk}/", MARKET_RULE, format="json")
    assert r.status_code == 200, r.content
    assert (r.json()["max_extensions"], r.json()["configured"]) == (2, True)
    assert api_client.get(f"/api/v1/enforcement/time-limits/{agency.pk}/").json()["legal_basis"] == (
        "《市场监督管理行政处罚程序规定》"
    )
    # the agency's admin may not set another agency's rule (not visible: 404)
    api_client.force_authenticate(agency_admin)
    r = api_client.put(f"/api/v1/enforcement/time-limits/{other_agency.pk}/", MARKET_RULE, format="json")
    assert r.status_code == 404
    r = api_client.put(
        f"/api/v1/enforcement/time-limits/{agency.pk}/", MARKET_RULE | {"extension_days": 0}, format="json"
    )
    assert r.status_code == 400
    assert "每次延长（日）应为正整数，且不超过365。" in r.content.decode()
