from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

GENESIS = "0" * 64
log = logging.getLogger(__name__)


def audit_key() -> bytes:
    """The HMAC key of the chain: FAZHI_AUDIT_KEY, else the key file (created once, mode 600).

    It is never stored in the database, so someone who can write the database but not read the key
    cannot recompute a valid chain after editing or deleting entries.
    """
    key = getattr(settings, "FAZHI_AUDIT_KEY", "")
    if key:
        return str(key).encode()
    path = Path(settings.FAZHI_AUDIT_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def _mac(text: str, key: bytes | None = None) -> str:
    return hmac.new(key or audit_key(), text.encode(), hashlib.sha256).hexdigest()


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


def compute_hash(prev_hash: str, entry: Any, key: bytes | None = None) -> str:
    """HMAC-SHA256 (key: `audit_key()`) over the previous hash and the entry's canonical JSON."""
    return hmac.new(key or audit_key(), prev_hash.encode() + _canonical(entry), hashlib.sha256).hexdigest()


# --- Anchors outside the database ---------------------------------------------------------------
# The head file (FAZHI_AUDIT_HEAD_FILE) is rewritten after every committed entry; the checkpoint
# file (FAZHI_AUDIT_CHECKPOINT_FILE) gets one line per `fazhi audit checkpoint` (daily; the portal
# publishes those lines). `verify_chain` checks the chain against both: entries cut off the end,
# or rewritten before an anchor, no longer match.
def _anchor_line(kind: str, seq: int, entry_hash: str, at: str) -> dict[str, Any]:
    return {"seq": seq, "hash": entry_hash, "at": at, "mac": _mac(f"{kind}|{seq}|{entry_hash}|{at}")}


def _path(setting: str) -> Path | None:
    value = getattr(settings, setting, None)
    return Path(value) if value else None


def write_head_file(seq: int, entry_hash: str) -> None:
    """Record the chain head outside the database (never moves backwards; errors only logged)."""
    path = _path("FAZHI_AUDIT_HEAD_FILE")
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = _read_json(path)
            if current and int(current.get("seq", 0)) >= seq:
                return
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(_anchor_line("head", seq, entry_hash, timezone.now().isoformat())))
            os.replace(tmp, path)
    except OSError:
        log.exception("审计日志链头文件无法写入：%s", path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads(path.read_text()))
    except (OSError, ValueError):
        return None


def anchor_head() -> tuple[int, str]:
    """Write the database's current head to the head file (used by `checkpoint` and tests)."""
    from .models import AuditChainHead

    head = AuditChainHead.objects.filter(pk=1).first()
    seq, entry_hash = (head.seq, head.entry_hash) if head else (0, GENESIS)
    write_head_file(seq, entry_hash)
    return seq, entry_hash


def write_checkpoint() -> dict[str, Any]:
    """Append today's head to the checkpoint file (`fazhi audit checkpoint`, run daily)."""
    seq, entry_hash = anchor_head()
    line = _anchor_line("checkpoint", seq, entry_hash, timezone.now().isoformat())
    path = _path("FAZHI_AUDIT_CHECKPOINT_FILE")
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.write(json.dumps(line) + "\n")
    return line


def checkpoints() -> list[dict[str, Any]]:
    """The published checkpoints, oldest first (unreadable lines are kept, verify reports them)."""
    path = _path("FAZHI_AUDIT_CHECKPOINT_FILE")
    if path is None or not path.exists():
        return []
    rows: list[dict[str, Any]] = []
    for raw in path.read_text().splitlines():
        if raw.strip():
            try:
                rows.append(dict(json.loads(raw)))
            except ValueError:
                rows.append({"invalid": raw[:100]})
    return rows


def _anchors() -> Iterator[tuple[str, str, dict[str, Any]]]:
    path = _path("FAZHI_AUDIT_HEAD_FILE")
    if path is not None and path.exists():
        yield "链头文件", "head", _read_json(path) or {"invalid": True}
    for i, row in enumerate(checkpoints(), start=1):
        yield f"第 {i} 个检查点", "checkpoint", row


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
    seq, entry_hash = entry.seq, entry.entry_hash
    transaction.on_commit(lambda: write_head_file(seq, entry_hash))
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
    """Re-hash every entry in order; name the first one whose hash or link does not hold; then check
    the chain against the anchors outside the database (head file, checkpoints)."""
    from .models import AuditChainHead, AuditEntry

    key = audit_key()
    anchors = list(_anchors())
    for source, kind, row in anchors:
        try:
            ok = hmac.compare_digest(
                str(row["mac"]), _mac(f"{kind}|{int(row['seq'])}|{row['hash']}|{row['at']}", key)
            )
        except (KeyError, TypeError, ValueError):
            ok = False
        if not ok:
            return ChainReport(False, 0, None, f"{source}已被修改或无法读取（签名不符）")
    wanted = {int(row["seq"]) for _, _, row in anchors}
    seen: dict[int, str] = {0: GENESIS}
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            return ChainReport(
                False, checked, expected_seq, f"缺少第 {expected_seq} 条记录（下一条为第 {entry.seq} 条）"
            )
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry.seq, f"第 {entry.seq} 条的前一条哈希与链不符")
        if compute_hash(prev_hash, entry, key) != entry.entry_hash:
            return ChainReport(False, checked, entry.seq, f"第 {entry.seq} 条内容已被修改（哈希不符）")
        if entry.seq in wanted:
            seen[entry.seq] = entry.entry_hash
        prev_hash, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.entry_hash) != (checked, prev_hash):
        # Entries cut off the end leave a chain that is intact but shorter than the head says.
        return ChainReport(
            False, checked, checked + 1, f"日志末尾缺少记录：链头为第 {head.seq} 条，实际只有 {checked} 条"
        )
    for source, _, row in anchors:
        seq = int(row["seq"])
        if seq > checked:
            return ChainReport(
                False,
                checked,
                checked + 1,
                f"日志末尾缺少记录：{source}记录到第 {seq} 条，实际只有 {checked} 条",
            )
        if seen.get(seq) != row["hash"]:
            return ChainReport(
                False, checked, seq, f"第 {seq} 条与{source}记录的哈希不符：此前的记录已被改写"
            )
    return ChainReport(True, checked)
