"""Helpers shared by the staff pages."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest

from fazhi.core import workdays
from fazhi.org.models import Agency, User


def _status(due: Any, state: Any, on: Any) -> str:
    if state == "paused":
        return "paused"
    if due is None:
        return "calendar_pending" if state else ""
    return workdays.deadline_status(due, on)


def _user(request: HttpRequest) -> User:
    """The signed-in staff user (every view is login_required)."""
    return cast(User, request.user)


def _agencies(user: Any) -> Any:
    return Agency.objects.visible_to(user).filter(is_active=True)
