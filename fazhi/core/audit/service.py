from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=str)
    return str(value)


def to_jsonable(value: Any) -> Any:
    """Dates, Decimals and model instances as JSON-stable values (Decimal kept exact as a string)."""
    if value is None:
        return None
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False))


def _canonical(entry: Any) -> bytes:
    payload = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(prev_hash: str, entry: Any) -> str:
    return hashlib.sha256(prev_hash.encode() + _canonical(entry)).hexdigest()


def _locked_head() -> Any:
    """The chain head, locked for this transaction (created from the last entry if missing)."""
    from .models import AuditChainHead, AuditEntry

    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        last = AuditEntry.objects.order_by("-seq").only("seq", "entry_hash").first()
        head, _ = AuditChainHead.objects.get_or_create(
            pk=1,
            defaults={"seq": last.seq if last else 0, "entry_hash": last.entry_hash if last else GENESIS},
        )
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _actor_name(user: Any) -> str:
    if user is None:
        return "系统"
    name = getattr(user, "display_name", "") or getattr(user, "username", "")
    return str(name() if callable(name) else name)


@transaction.atomic
def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
) -> Any:
    """Append one entry. Call it inside the service's transaction, after the write succeeded.

    `actor=None` (or an anonymous user) is recorded as 系统. Writers are serialised on the chain
    head row, so concurrent services get consecutive `seq` numbers on SQLite and PostgreSQL alike.
    """
    from .models import AuditChainHead, AuditEntry

    head = _locked_head()
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now().replace(microsecond=0),
        actor=user,
        actor_name=_actor_name(user),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else object_type,
        object_id=str(obj.pk) if obj is not None else object_id,
        object_repr=(str(obj) if obj is not None else object_repr)[:200],
        before=to_jsonable(before),
        after=to_jsonable(after),
        note=note,
        prev_hash=head.entry_hash,
    )
    entry.entry_hash = compute_hash(entry.prev_hash, entry)
    entry.save(force_insert=True)
    AuditChainHead.objects.filter(pk=1).update(seq=entry.seq, entry_hash=entry.entry_hash)
    return entry


VIEW_PERSONAL_DATA = "view_personal_data"


def record_view(actor: Any, obj: models.Model, fields: Iterable[str], *, note: str = "") -> Any:
    """Log that `actor` saw the personal data `fields` of `obj` (DESIGN.md: every view of personal data).

    《个人信息保护法》第五十一条 requires measures against unauthorised access; the log is how a leak
    is traced back to a viewer. Call it from the view that shows unmasked personal data.
    """
    return record(
        actor=actor, action=VIEW_PERSONAL_DATA, obj=obj, after={"fields": sorted(set(fields))}, note=note
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str = ""


def verify_chain(chunk_size: int = 5000) -> ChainReport:
    """Re-hash every entry in order; name the first one whose hash or link does not hold."""
    from .models import AuditChainHead, AuditEntry

    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            return ChainReport(
                False, checked, expected_seq, f"缺少第 {expected_seq} 条记录（下一条为第 {entry.seq} 条）"
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry.seq, f"第 {entry.seq} 条的前一条哈希与链不符")
        if compute_hash(prev_hash, entry) != entry.entry_hash:
            return ChainReport(False, checked, entry.seq, f"第 {entry.seq} 条内容已被修改（哈希不符）")
        prev_hash, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.entry_hash) != (checked, prev_hash):
        # Entries cut off the end leave a chain that is intact but shorter than the head says.
        return ChainReport(
            False, checked, checked + 1, f"日志末尾缺少记录：链头为第 {head.seq} 条，实际只有 {checked} 条"
        )
    return ChainReport(True, checked)
