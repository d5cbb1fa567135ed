"""Declaring a procedure: mistakes are caught at import (ImproperlyConfigured), final states, "*"."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

import pytest

from fazhi.core.procedures import Clock, Procedure, Transition, cd, get_procedure, register, wd

P = "procedures_testapp.handle_case"
STATES = {"received": "待审查", "accepted": "已受理", "decided": "已决定", "closed": "已办结"}


def _proc(**overrides):
    kw = {
        "code": "declare.test",
        "label": "测试",
        "initial": "received",
        "states": STATES,
        "transitions": [
            Transition("accept", "received", "accepted", "受理", perm=P),
            Transition("deem", "received", "accepted", "视为受理", by_system=True),
            Transition("decide", "accepted", "decided", "决定", perm=P),
            Transition("close", "*", "closed", "办结", perm=P),
        ],
        "clocks": [
            Clock("review", "审查", wd(5), starts_in="received", stops_in={"accepted"}, on_expiry="deem")
        ],
    }
    kw.update(overrides)
    return Procedure(**kw)


@pytest.mark.parametrize(
    ("_case", "overrides", "message"),
    [
        ("unknown initial", {"initial": "new"}, "initial state “new” is not in states"),
        (
            "undeclared target",
            {"transitions": [Transition("reject", "received", "rejected", perm=P)], "clocks": []},
            "transition “reject” uses undeclared state “rejected”",
        ),
        (
            "no permission",
            {"transitions": [Transition("accept", "received", "accepted")], "clocks": []},
            "transition “accept” needs perm= (or by_system=True)",
        ),
        (
            "system with permission",
            {
                "transitions": [Transition("deem", "received", "accepted", by_system=True, perm=P)],
                "clocks": [],
            },
            "transition “deem” is by_system and cannot carry perm=",
        ),
        (
            "duplicate transition",
            {
                "transitions": [
                    Transition("accept", "received", "accepted", perm=P),
                    Transition("accept", "accepted", "closed", perm=P),
                ],
                "clocks": [],
            },
            "transition “accept” declared twice",
        ),
        (
            "on_expiry is a person's transition",
            {"clocks": [Clock("review", "审查", wd(5), starts_in="received", on_expiry="accept")]},
            "clock “review”: on_expiry “accept” must be a by_system transition",
        ),
        (
            "clock names an undeclared state",
            {"clocks": [Clock("review", "审查", wd(5), starts_in="received", stops_in={"rejected"})]},
            "clock “review” uses undeclared state “rejected”",
        ),
        (
            "clock names an unknown transition",
            {"clocks": [Clock("review", "审查", wd(5), starts_in="received", stops_on={"send"})]},
            "clock “review” names unknown transition “send”",
        ),
        (
            "extends an unknown clock",
            {
                "transitions": [Transition("extend", "accepted", "accepted", perm=P, extends="decision")],
                "clocks": [],
            },
            "transition “extend” extends unknown clock “decision”",
        ),
    ],
)
def test_declaration_mistakes_are_caught_at_import(_case, overrides, message):
    with pytest.raises(ImproperlyConfigured) as exc:
        _proc(**overrides)
    assert message in str(exc.value)


def test_final_states_and_any_state_source():
    # given
    proc = _proc()
    # then states without an explicit way out are final, and "*" does not apply to them
    assert proc.final == frozenset({"decided", "closed"})
    assert [t.name for t in proc.transitions_from("received")] == ["accept", "deem", "close"]
    assert [t.name for t in proc.transitions_from("accepted")] == ["decide", "close"]
    assert proc.transitions_from("decided") == []
    assert proc.transitions_from("closed") == []


def test_final_states_may_be_declared():
    # given "decided" may still be closed (e.g. archived) by "*"
    proc = _proc(final={"closed"})
    # then
    assert [t.name for t in proc.transitions_from("decided")] == ["close"]


def test_clock_with_max_extension_may_be_extended_once_by_default():
    assert Clock("decision", "决定", cd(60), max_extension=cd(30)).max_extensions == 1
    assert Clock("decision", "决定", cd(60)).max_extensions == 0


def test_registering_a_different_procedure_under_a_used_code_fails():
    # given the test app registered "testapp.reconsideration"
    original = get_procedure("testapp.reconsideration")
    # when / then
    assert register(original) is original  # re-registering the same object is harmless
    with pytest.raises(ImproperlyConfigured) as exc:
        register(_proc(code="testapp.reconsideration"))
    assert "registered twice" in str(exc.value)
    assert get_procedure("testapp.reconsideration") is original


def test_unknown_procedure_code_names_the_fix():
    with pytest.raises(ImproperlyConfigured) as exc:
        get_procedure("nowhere.nothing")
    assert "No procedure registered under “nowhere.nothing”" in str(exc.value)
