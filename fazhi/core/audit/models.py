"""The append-only, hash-chained audit log (DESIGN.md: core.audit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


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
