"""Long work off the request, with a progress bar (issue 14 §4).

The queue is Django's Tasks API (the `django-tasks` backport on Django 5.2; `django.tasks` on
Django 6) with the `django-tasks-db` database backend, so the embedded default needs no other
server and a province runs `fazhi db_worker` on several machines against one PostgreSQL. This
module adds what the queue does not keep: a `Job` row per run with its progress and its Chinese
outcome, shown on the page that started it (`/tasks/<id>/`, polled with htmx).

    # a module's tasks.py
    from django_tasks import task
    from fazhi.core import tasks

    @task()
    def recompute(job_id: int) -> None:
        tasks.run(job_id, _recompute)          # _recompute(job, progress) -> Chinese summary

    # its service, inside the transaction that saved the data
    job = tasks.start("workdays.recompute", "重新计算未结期限", recompute, actor=user)

API: start(kind, label, task, *, actor, back_url="", **params) -> Job; run(job_id, fn);
job_visible_to(user) -> QuerySet[Job].
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .services import job_visible_to, run, start


def __getattr__(name: str) -> Any:
    if name in ("start", "run", "job_visible_to", "retry"):
        from . import services

        return getattr(services, name)
    raise AttributeError(name)


__all__ = ["job_visible_to", "run", "start"]
