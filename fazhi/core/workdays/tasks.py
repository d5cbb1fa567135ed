"""The calendar entry's long part, run by a worker: recompute every open deadline (DESIGN "when
the calendar changes, open deadlines follow"), with progress on the year's page."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from django_tasks import task

from fazhi.core import tasks

from . import source

RECOMPUTE = "workdays.recompute"


@task()
def recompute_after_calendar_change(job_id: int) -> str:
    """Queued by `services.enter_holiday_year(..., in_background=True)` after its commit."""
    return tasks.run(job_id, _recompute)


def _recompute(job: Any, progress: Any) -> str:
    from fazhi.core import procedures

    from .services import _calendar_listeners

    source.reset()  # this process may hold the calendar from before the year was entered
    actor = job.requested_by
    result = procedures.recompute_open_deadlines(actor, progress=progress)
    with transaction.atomic():
        for listener in _calendar_listeners:
            listener(actor=actor)
    return summary(result)


def summary(result: Any) -> str:
    msg = f"已重新计算 {len(result.changed)} 个未结期限。"
    if result.failed:
        msg += f"{len(result.failed)} 个期限的届满日仍待日历确认（涉及尚未录入的年度）。"
    return msg
