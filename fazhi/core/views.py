from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.core import workdays
from fazhi.core.procedures.selectors import handles_cases, task_page
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


PAGE_SIZES = (20, 50, 100)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """我的待办 — the user's open procedure steps with their deadlines, soonest first, one page.

    `?status=overdue|due_soon|on_time|paused|calendar_pending|none` keeps the rows whose nearest
    deadline has that status; `?page=`, `?page_size=20|50|100`; `?scope=mine|all` (我承办的 /
    本单位全部, offered where a case model says who handles its cases)."""
    on = workdays.today()
    status = request.GET.get("status", "")
    if status not in STATUS_LABELS:
        status = ""
    page_size = _int(request.GET.get("page_size"), PAGE_SIZES[0])
    if page_size not in PAGE_SIZES:
        page_size = PAGE_SIZES[0]
    offers_mine = handles_cases(request.user)
    scope = request.GET.get("scope", "mine" if offers_mine else "all")
    mine = offers_mine and scope == "mine"
    result = task_page(
        request.user, on, page=_int(request.GET.get("page"), 1), page_size=page_size, status=status, mine=mine
    )
    counts = result.counts
    stats = [
        (key, label, counts.get(key, 0))
        for key, label in STATUS_LABELS.items()
        if key != "none" and (key != "calendar_pending" or counts.get(key))
    ]
    return render(
        request,
        "core/my_tasks.html",
        {
            "tasks": result.steps,
            "page": result,
            "page_sizes": PAGE_SIZES,
            "on": on,
            "total": sum(counts.values()),
            "stats": stats,
            "status": status,
            "status_label": STATUS_LABELS.get(status, ""),
            "offers_mine": offers_mine,
            "scope": "mine" if mine else "all",
            "calendar_missing_year": next_year_missing(request.user, on),
        },
    )
