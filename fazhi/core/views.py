from collections import Counter

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import workdays
from fazhi.core.procedures.selectors import pending_steps

STATUS_LABELS = {
    "overdue": "已超期",
    "due_soon": "即将到期",
    "on_time": "正常",
    "paused": "中止计时",
    "none": "无计时期限",
}


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的待办 — the user's open procedure steps with their deadlines, soonest first.

    `?status=overdue|due_soon|on_time|paused|none` keeps the rows whose nearest deadline has that status."""
    on = workdays.today()
    tasks = pending_steps(request.user, on=on)
    counts = Counter(t.deadline.status if t.deadline else "none" for t in tasks)
    status = request.GET.get("status", "")
    if status in STATUS_LABELS:
        tasks = [t for t in tasks if (t.deadline.status if t.deadline else "none") == status]
    else:
        status = ""
    stats = [(key, label, counts.get(key, 0)) for key, label in STATUS_LABELS.items() if key != "none"]
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
        },
    )
