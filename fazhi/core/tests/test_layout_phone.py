"""Issue 15: at 390 px the staff navigation is a menu, and wide tables scroll inside their box."""

from __future__ import annotations

import re
from pathlib import Path

CSS = (Path(__file__).resolve().parents[2] / "static" / "fazhi" / "fazhi.css").read_text(encoding="utf-8")


def _phone_rules() -> str:
    m = re.search(r"@media \(max-width: 720px\) \{(.*?)\n\}", CSS, re.S)
    assert m, "no phone-width rules"
    return m.group(1)


def test_the_staff_navigation_collapses_into_a_menu_on_a_phone(client, officer):
    # given a signed-in clerk
    client.force_login(officer)
    # when any staff page is opened
    html = client.get("/reporting/").content.decode()
    # then the navigation sits behind a 菜单 button that opens it without JavaScript
    assert 'id="nav-toggle"' in html
    assert "☰ 菜单" in html
    assert html.index('id="nav-toggle"') < html.index('class="mainnav"')
    rules = _phone_rules()
    assert ".mainnav { display:none;" in rules
    assert ".nav-toggle:checked ~ .mainnav { display:flex; }" in rules
    # and menu entries never break one character per line
    assert ".mainnav a { white-space:nowrap; }" in CSS


def test_wide_tables_scroll_inside_their_container(client, supervisor):
    client.force_login(supervisor)
    html = client.get("/reporting/?year=2025").content.decode()
    assert '<div class="table-scroll"><table class="list">' in html
    assert ".table-scroll { overflow-x:auto;" in CSS
