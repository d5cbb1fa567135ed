"""Issue 15: the audit trail speaks Chinese — names, labels, dates, deadlines; page views folded."""

from __future__ import annotations

from datetime import date

from django.template import Context, Template

from fazhi.core import audit
from fazhi.core.tests.screen_text import code_leaks, visible_text


def _trail(obj):
    return Template("{% load fazhi_audit %}{% audit_trail obj %}").render(Context({"obj": obj}))


def test_an_engine_step_reads_as_states_and_deadlines_in_chinese(officer, supervisor):
    # given an engine step as the engine audits it (state, step id, day, changed deadlines)
    audit.record(
        actor=supervisor,
        action="disputes.reconsideration.accept",
        obj=officer,
        before={"state": "received"},
        after={
            "state": "accepted",
            "step": 4100,
            "on": date(2026, 1, 5),
            "deadlines": [
                {"clock": "acceptance_review", "state": "met", "due_date": date(2026, 1, 9)},
                {"clock": "decision", "state": "open", "due_date": date(2026, 3, 5)},
            ],
        },
    )
    # when the trail is rendered
    html = _trail(officer)
    text = visible_text(html)
    # then states, deadlines and dates are Chinese, and no key, id or repr shows
    assert "状态：待审查 → 审理中" in text
    assert "受理审查期限 2026-01-09（按期办结）" in text
    assert "复议决定（普通程序）期限 2026-03-05" in text
    assert text.index("状态：") < text.index("期限：")  # the state first, the deadlines last
    assert "日期：2026-01-05" in text
    assert "4100" not in text
    assert code_leaks(html) == []


def test_model_fields_use_their_verbose_names_and_choice_labels(officer, supervisor):
    # given a change of a model field with choices and a flag
    audit.record(
        actor=supervisor,
        action="org.update_user",
        obj=officer,
        before={"is_active": True, "full_name": "王五"},
        after={"is_active": False, "full_name": "王六"},
    )
    # when
    html = _trail(officer)
    # then
    active = officer._meta.get_field("is_active").verbose_name
    assert f"{active}：是 → 否" in visible_text(html)
    assert code_leaks(html) == []


def test_page_views_are_folded_apart_from_the_changes(officer, supervisor):
    # given one change and many views of personal data
    audit.record(actor=supervisor, action="org.update_user", obj=officer, after={"full_name": "王六"})
    for _ in range(5):
        audit.record_view(supervisor, officer, ["phone", "id_number"])
    # when
    html = _trail(officer)
    # then the views sit in a folded <details> after the changes, with Chinese field names
    head, views = html.split("<details", 1)
    assert "查看个人信息" not in head
    assert "查看个人信息的记录（5 条" in views
    assert "phone" not in visible_text(html)
    assert code_leaks(html) == []


def test_the_operator_column_does_not_wrap(officer, supervisor):
    audit.record(actor=supervisor, action="org.update_user", obj=officer, after={"full_name": "王六"})
    assert '<td class="nowrap">' in _trail(officer)


def test_an_unlabelled_action_does_not_show_its_code(officer, supervisor):
    audit.record(actor=supervisor, action="somewhere.do_something", obj=officer, after={"secret_key": 1})
    html = _trail(officer)
    assert "do_something" not in visible_text(html)
    assert "secret_key" not in visible_text(html)


def test_a_code_about_a_related_record_reads_as_its_label(officer, supervisor):
    # given a service noting a value whose field lives on another model of the app
    audit.record(
        actor=supervisor,
        action="org.update_user",
        obj=officer,
        before={"state": ""},
        after={"role": "officer"},
    )
    # when
    text = visible_text(_trail(officer))
    # then the choice label is shown (or 已变更), never the code, and a creation shows no "（空） →"
    assert "officer" not in text
    assert "（空） →" not in text
