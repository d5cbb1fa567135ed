from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import workdays
from fazhi.core.procedures.selectors import pending_steps


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的待办 — the user's open procedure steps with their deadlines, soonest first."""
    on = workdays.today()
    return render(request, "core/my_tasks.html", {"tasks": pending_steps(request.user, on=on), "on": on})
