"""The append-only, hash-chained audit log (DESIGN.md: core.audit)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models


class AuditLogIsAppendOnly(PermissionDenied):
    """Raised on any attempt to change or delete an audit entry through the ORM."""

    def __init__(self, what: str = "修改或删除") -> None:
        super().__init__(f"审计日志只能追加，不能{what}。")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    # Append-only: bulk changes are refused too. Tests simulate tampering with raw SQL.
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("删除")

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class AuditEntry(models.Model):
    """One write or view: who, when, what, before/after. Rows are never updated or deleted.

    `entry_hash` = SHA-256 over the previous entry's hash and this entry's canonical JSON, so any
    edit, deletion or reordering breaks the chain from that entry on (`fazhi audit verify`).
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=100, db_index=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("变更前", null=True, blank=True)
    after = models.JSONField("变更后", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    entry_hash = models.CharField("本条哈希", max_length=64, unique=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogIsAppendOnly("修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditLogIsAppendOnly("删除")


class AuditChainHead(models.Model):
    """The single row every writer locks to extend the chain (seq and hash of the last entry).

    Locking the last AuditEntry is not enough on PostgreSQL: a second writer waiting on that lock
    re-reads the same row and would reuse its seq. Locking this row serialises writers on every
    database, and lets `verify_chain` notice entries cut off the end of the log.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField("最后序号", default=0)
    entry_hash = models.CharField("最后哈希", max_length=64, default="0" * 64)

    class Meta:
        verbose_name = "审计日志链头"
        verbose_name_plural = "审计日志链头"

    def __str__(self) -> str:
        return f"#{self.seq}"
