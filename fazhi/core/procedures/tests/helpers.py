"""Test helpers for the procedure engine (used by fazhi/core/tests/test_procedures*.py, test_my_tasks*.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType

from fazhi.core import procedures
from fazhi.core.audit.models import AuditEntry
from fazhi.core.procedures.models import Deadline, DeadlineExtension, DeadlinePause, Step
from fazhi.core.procedures.tests.testapp.models import Application, Request


def new_application(
    agency: Any, actor: Any, on: date, *, title: str = "张三不服罚款决定申请复议", **kw: Any
) -> Application:
    case = Application.objects.create(title=title, agency=agency, jurisdiction=agency.jurisdiction, **kw)
    procedures.start(case, actor=actor, on=on)
    return case


def new_request(
    agency: Any, actor: Any, on: date, *, title: str = "李四申请公开规划文件", officer: Any = None
) -> Request:
    case = Request.objects.create(
        title=title, agency=agency, jurisdiction=agency.jurisdiction, officer=officer
    )
    procedures.start(case, actor=actor, on=on)
    return case


def deadline(case: Any, clock: str) -> Deadline:
    """The latest deadline row of `clock` on `case`."""
    return procedures.deadlines(case).filter(clock=clock).order_by("-id").first()  # type: ignore[return-value]


def snapshot(case: Any) -> dict[str, Any]:
    """Everything a denied or failed transition must leave untouched."""
    case.refresh_from_db()
    ct = ContentType.objects.get_for_model(case)
    return {
        "state": case.state,
        "steps": list(Step.objects.filter(content_type=ct, object_id=case.pk).values_list("id", flat=True)),
        "deadlines": list(
            Deadline.objects.filter(content_type=ct, object_id=case.pk).values_list(
                "id", "state", "due_date", "explanation", "closed_on"
            )
        ),
        "pauses": list(DeadlinePause.objects.filter(deadline__object_id=case.pk).values_list("id", "end")),
        "extensions": list(DeadlineExtension.objects.filter(deadline__object_id=case.pk).values_list("id")),
        "audit": AuditEntry.objects.count(),
    }
