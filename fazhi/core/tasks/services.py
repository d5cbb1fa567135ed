"""Start a job (enqueue after commit), run it in the worker (progress, outcome), retry it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from fazhi.core import audit

from .models import Job, JobStatus

log = logging.getLogger(__name__)

# the message shown when a task fails on something other than a ValidationError: never a traceback
UNEXPECTED = "后台任务出错，已保存的数据未受影响。请点击“重试”；仍然失败请联系系统管理员。"

Progress = Callable[[int, int], None]


def _task_path(task: Any) -> str:
    return str(getattr(task, "module_path", "") or f"{task.__module__}.{task.__qualname__}")


def _enqueue(job: Job, task: Any) -> None:
    def go() -> None:
        result = task.enqueue(job_id=job.pk)
        Job.objects.filter(pk=job.pk, task_result_id="").update(task_result_id=str(result.id)[:64])

    transaction.on_commit(go)


def start(kind: str, label: str, task: Any, *, actor: Any, back_url: str = "", **params: Any) -> Job:
    """Record a job and queue `task(job_id=...)` once the caller's transaction commits (so the
    worker sees the data the request saved, and a rolled-back request queues nothing)."""
    job = Job.objects.create(
        kind=kind,
        label=label,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        params={**params, "task": _task_path(task)},
        back_url=back_url,
    )
    _enqueue(job, task)
    return job


def run(job_id: int, fn: Callable[[Job, Progress], str]) -> str:
    """Run `fn(job, progress)` for a queued job in the worker: mark it running, store progress as
    `fn` reports it, then its Chinese summary or its Chinese error. Returns the summary; a failure
    is stored (never re-raised: the queue's own retry would run the work twice)."""
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job_id).update(status=JobStatus.RUNNING, started_at=timezone.now(), error="")

    def progress(done: int, total: int) -> None:
        Job.objects.filter(pk=job_id).update(done=done, total=total)

    try:
        message = fn(job, progress)
    except ValidationError as exc:
        _finish(job_id, JobStatus.FAILED, error="；".join(exc.messages))
        return ""
    except Exception:
        log.exception("background job %s (%s) failed", job_id, job.kind)
        _finish(job_id, JobStatus.FAILED, error=UNEXPECTED)
        return ""
    _finish(job_id, JobStatus.SUCCEEDED, message=message)
    return message


def _finish(job_id: int, status: str, *, message: str = "", error: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=status, message=message, error=error, finished_at=timezone.now()
    )


def job_visible_to(user: Any) -> QuerySet[Job]:
    """A job is shown to the one who started it (and to superusers)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Job.objects.none()
    if user.is_superuser:
        return Job.objects.all()
    return Job.objects.filter(Q(requested_by=user))


@transaction.atomic
def retry(*, actor: Any, job: Job) -> Job:
    """重试 — queue a failed job again (its work is idempotent: it recomputes from stored data)."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.requested_by_id != getattr(actor, "pk", None) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied("只有任务发起人可以重试该任务。")
    if job.status != JobStatus.FAILED:
        raise ValidationError("只有失败的任务可以重试。", code="not_failed")
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED, done=0, total=0, error="", task_result_id="", finished_at=None
    )
    audit.record(actor=actor, action="tasks.retry", obj=job)
    _enqueue(job, import_string(job.params["task"]))
    job.refresh_from_db()
    return job
