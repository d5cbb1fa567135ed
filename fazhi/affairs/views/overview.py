"""The justice bureau's overview of every overdue or due-soon deadline, and reminders (催办)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import workdays
from fazhi.core.procedures.models import Deadline

from .. import selectors, services
from ._common import _user


# --- overview and reminders ---------------------------------------------------------------------
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = workdays.today()
    rows = selectors.overview(user, today) if user.has_perm("affairs.view_overview") else []
    return render(
        request,
        "affairs/overview.html",
        {
            "rows": rows,
            "today": today,
            "can_remind": user.has_perm("affairs.send_reminder"),
            "reminders": selectors.reminders_for(user)[:50],
            "is_overview": user.has_perm("affairs.view_overview"),
        },
    )


@login_required
@require_POST
def send_reminder(request: HttpRequest, deadline_pk: int) -> HttpResponse:
    deadline = get_object_or_404(Deadline, pk=deadline_pk)
    try:
        services.send_reminder(
            actor=_user(request),
            deadline=deadline,
            on=workdays.today(),
            message=request.POST.get("message", ""),
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "您无权催办该事项。")
    else:
        messages.success(request, "已催办。")
    return redirect("affairs:overview")
