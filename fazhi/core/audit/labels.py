"""Chinese labels for audit actions, shown on the audit trail. Apps register their own verbs:

    from fazhi.core.audit import register_action_labels
    register_action_labels({"enforcement.open_case": "立案"})

An action without a label is shown by its code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ACTION_LABELS: dict[str, str] = {
    "view_personal_data": "查看个人信息",
    "evidence.store_evidence": "上传证据",
    "evidence.download": "下载证据",
}


def register_action_labels(labels: Mapping[str, str]) -> None:
    ACTION_LABELS.update(labels)


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def changes(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for every top-level key whose value differs, in key order.

    Sorted because PostgreSQL's jsonb does not keep the order in which keys were written.
    """
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    keys = sorted({*old, *new})
    return [(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
