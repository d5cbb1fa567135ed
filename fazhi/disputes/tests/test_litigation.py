"""Litigation defence (LEGAL_RULES.md §2) on real dates."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.api import validation_error_detail
from fazhi.core import procedures
from fazhi.core.indicators import Scope, registry

from .. import selectors
from ..models import LitigationCase, LitigationHearing
from ..procedures import LITIGATION
from ..services import (
    close_litigation_instance,
    record_litigation_hearing,
    register_enforcement_application,
    register_litigation_case,
    set_loss_rule,
)


def _register(actor, agency, **over):
    values = {
        "court": "示范县人民法院",
        "case_number": "（2025）京0105行初1号",
        "plaintiff": "李四",
        "cause": "行政处罚",
        "served_on": date(2025, 9, 22),
    }
    values.update(over)
    return register_litigation_case(actor=actor, agency=agency, **values)


@pytest.mark.parametrize(
    ("served", "due", "explanation"),
    [
        # 15 CD from 9/22 = 10/7, inside the National Day break → first working day 10/9
        (
            date(2025, 9, 22),
            date(2025, 10, 9),
            "2025-09-22 + 15日（行政诉讼法第六十七条）；期满日 2025-10-07 为休息日，顺延至下一工作日 → 2025-10-09",
        ),
        # 2026-01-30 + 15 = 2/14, a Saturday make-up working day: no roll-over
        (date(2026, 1, 30), date(2026, 2, 14), "2026-01-30 + 15日（行政诉讼法第六十七条） → 2026-02-14"),
    ],
)
def test_defence_due_15_days_after_service(officer, agency, served, due, explanation):
    case = _register(officer, agency, served_on=served)
    d = procedures.open_deadline(case, LITIGATION, "defence")
    assert (d.start_date, d.due_date, d.explanation, d.calendar_pending) == (served, due, explanation, False)
    assert selectors.litigation_cases_visible_to(officer).get(pk=case.pk).defence_due == due


def test_an_agency_records_only_its_own_suits(other_officer, agency):
    with pytest.raises(PermissionDenied):
        _register(other_officer, agency)
    assert LitigationCase.objects.count() == 0


def test_defendant_must_be_an_agency(officer):
    with pytest.raises(ValidationError) as exc:
        _register(officer, "张三")
    assert validation_error_detail(exc.value)["code"] == "not_agency"


def test_appeal_needs_the_first_instance(officer, agency):
    with pytest.raises(ValidationError) as exc:
        _register(officer, agency, instance="second")
    assert exc.value.message_dict["previous"] == [
        "前审：二审、再审案件应当关联前审案件，以便按审级统计负责人出庭。"
    ]


def test_head_absent_needs_a_reason_and_staff_not_only_a_lawyer(officer, agency):
    case = _register(officer, agency)
    with pytest.raises(ValidationError) as exc:
        record_litigation_hearing(actor=officer, case=case, held_on=date(2025, 11, 3), head_appeared=False)
    assert exc.value.message_dict["absence_reason"] == [
        "未出庭理由：负责人未出庭的，应当说明理由（2020规定第八条）。"
    ]
    with pytest.raises(ValidationError) as exc:
        record_litigation_hearing(
            actor=officer, case=case, held_on=date(2025, 11, 3), head_appeared=False, absence_reason="duties"
        )
    assert "不得仅委托律师出庭" in exc.value.message_dict["staff_attending"][0]
    assert LitigationHearing.objects.count() == 0


def test_head_appearance_rate_is_per_case_and_instance(officer, agency, jurisdiction):
    # given: first instance — head appeared; second instance — head absent
    first = _register(officer, agency)
    record_litigation_hearing(
        actor=officer, case=first, held_on=date(2025, 11, 3), head_appeared=True, head_name="王局长"
    )
    close_litigation_instance(
        actor=officer, case=first, judgment="revoke", on=date(2025, 11, 20), appealed=True
    )
    second = _register(
        officer,
        agency,
        court="北京市第二中级人民法院",
        case_number="（2025）京02行终9号",
        instance="second",
        previous=first,
        served_on=date(2025, 12, 1),
    )
    record_litigation_hearing(
        actor=officer,
        case=second,
        held_on=date(2025, 12, 22),
        head_appeared=False,
        absence_reason="duties",
        staff_attending="法制科科长",
    )
    close_litigation_instance(actor=officer, case=second, judgment="dismiss_claim", on=date(2025, 12, 29))
    scope = Scope(jurisdiction, 2025)
    # then: 1 suit, 2 heard instances, 1 appearance; concluded once (final: 驳回诉讼请求), no loss
    rate = registry.compute("litigation.head_appearance_rate", scope)
    assert (rate.value, rate.numerator, rate.denominator) == (50, 1, 2)
    assert registry.compute("litigation.cases", scope).value == 1
    assert registry.compute("litigation.closed", scope).value == 1
    assert registry.compute("litigation.losses", scope).value == 0


def test_loss_rule_is_configurable(officer, agency, jurisdiction, supervisor):
    case = _register(officer, agency)
    close_litigation_instance(
        actor=officer, case=case, judgment="withdrawn_after_change", on=date(2025, 11, 20)
    )
    scope = Scope(jurisdiction, 2025)
    assert registry.compute("litigation.losses", scope).value == 0  # default: not a loss
    set_loss_rule(actor=supervisor, jurisdiction=jurisdiction, judgments=["revoke", "withdrawn_after_change"])
    assert registry.compute("litigation.losses", scope).value == 1
    with pytest.raises(PermissionDenied):
        set_loss_rule(actor=officer, jurisdiction=jurisdiction, judgments=["revoke"])


def test_non_litigation_enforcement_waits_10_working_days_after_the_demand(officer, agency):
    # 行政强制法第五十四条、第六十九条: demand served Fri 2025-09-26 → 10 WD incl. make-up 9/28, 10/11 → 10/16
    kwargs = {
        "agency": agency,
        "court": "示范县人民法院",
        "decision_number": "京朝罚〔2025〕3号",
        "respondent_name": "某公司",
        "demand_served_on": date(2025, 9, 26),
    }
    with pytest.raises(ValidationError) as exc:
        register_enforcement_application(actor=officer, applied_on=date(2025, 10, 16), **kwargs)
    assert exc.value.message_dict["applied_on"][0].startswith(
        "申请日期：催告书送达十日后才可申请强制执行，应晚于2025-10-16"
    )
    app = register_enforcement_application(actor=officer, applied_on=date(2025, 10, 17), **kwargs)
    assert app.pk is not None
