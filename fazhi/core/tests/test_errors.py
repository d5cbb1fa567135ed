"""The shared error helpers: one shape, Chinese messages, codes kept per field (ADR 0001)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from fazhi.api import validation_error_detail
from fazhi.core.errors import field_error, invalid, not_in_future, require_perm


def test_a_field_error_keeps_its_field_and_code_in_the_api_shape():
    detail = validation_error_detail(field_error("on", "办理日期无效。", "invalid_date"))
    assert detail == {
        "message": "办理日期无效。",
        "code": "invalid_date",
        "fields": {"on": ["办理日期无效。"]},
    }


def test_invalid_keeps_the_code_on_every_field():
    exc = invalid({"fine": "罚款不能为负数。", "on": "日期无效。"}, code="bad")
    assert {k: [e.code for e in v] for k, v in exc.error_dict.items()} == {"fine": ["bad"], "on": ["bad"]}


def test_a_date_after_today_is_refused_today_is_accepted():
    not_in_future(date(2026, 12, 4), "on", "收到日期", today=date(2026, 12, 4))
    with pytest.raises(ValidationError) as exc:
        not_in_future(date(2026, 12, 5), "on", "收到日期", today=date(2026, 12, 4))
    assert exc.value.message_dict == {
        "on": ["收到日期 2026-12-05 晚于今天（2026-12-04），请核对：只能登记已经发生的事项。"]
    }


def test_require_perm_refuses_anonymous_and_unpermitted(officer):
    with pytest.raises(PermissionDenied, match="您无权立案。"):
        require_perm(None, "enforcement.open_case", None, "立案")
    with pytest.raises(PermissionDenied):
        require_perm(officer, "no_such_app.no_such_perm", None, "立案")
