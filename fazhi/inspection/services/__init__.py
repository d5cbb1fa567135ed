"""Every write of the inspection app (STYLE.md §2.2): directory, plans, draws, tasks."""

from .directory import add_conflict, add_inspector, create_matter, save_entity
from .draws import commit_draw, confirm_draw, draw_objects, redraw
from .plans import (
    approve_change,
    approve_plan,
    approve_termination,
    create_plan,
    merge_plans,
    reject_change,
    reject_termination,
    request_change,
    request_termination,
    return_plan,
    submit_plan,
)
from .tasks import publish_result, rate_task, record_result

__all__ = [
    "add_conflict",
    "add_inspector",
    "approve_change",
    "approve_plan",
    "approve_termination",
    "commit_draw",
    "confirm_draw",
    "create_matter",
    "create_plan",
    "draw_objects",
    "merge_plans",
    "publish_result",
    "rate_task",
    "record_result",
    "redraw",
    "reject_change",
    "reject_termination",
    "request_change",
    "request_termination",
    "return_plan",
    "save_entity",
    "submit_plan",
]
