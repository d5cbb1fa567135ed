from collections import Counter
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import workdays
from fazhi.core.procedures.selectors import pending_steps
from fazhi.core.workdays.selectors import missing_years

STATUS_LABELS = {
    "overdue": "已超期",
    "due_soon": "即将到期",
    "on_time": "正常",
    "paused": "中止计时",
    "calendar_pending": "待日历确认",
    "none": "无计时期限",
}


def next_year_missing(user: object, on: date) -> int | None:
    """The year to warn supervisors about on 我的待办: next year's holiday arrangement is still
    missing after 1 November (the State Council usually publishes it in November — LEGAL_RULES §13),
    so deadlines reaching into it cannot be computed. Only those who may enter it are warned."""
    if on <= date(on.year, 11, 1) or not user.has_perm("workdays.enter_holiday_year"):  # type: ignore[attr-defined]
        return None
    return on.year + 1 if on.year + 1 in missing_years(on) else None


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的待办 — the user's open procedure steps with their deadlines, soonest first.

    `?status=overdue|due_soon|on_time|paused|calendar_pending|none` keeps the rows whose nearest
    deadline has that status."""
    on = workdays.today()
    tasks = pending_steps(request.user, on=on)
    counts = Counter(t.deadline.status if t.deadline else "none" for t in tasks)
    status = request.GET.get("status", "")
    if status in STATUS_LABELS:
        tasks = [t for t in tasks if (t.deadline.status if t.deadline else "none") == status]
    else:
        status = ""
    stats = [
        (key, label, counts.get(key, 0))
        for key, label in STATUS_LABELS.items()
        if key != "none" and (key != "calendar_pending" or counts.get(key))
    ]
    return render(
        request,
        "core/my_tasks.html",
        {
            "tasks": tasks,
            "on": on,
            "total": sum(counts.values()),
            "stats": stats,
            "status": status,
            "status_label": STATUS_LABELS.get(status, ""),
            "calendar_missing_year": next_year_missing(request.user, on),
        },
    )
