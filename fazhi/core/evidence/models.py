"""Stored evidence files (执法全过程记录): content-addressed by SHA-256, linked to a record and step."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "文书"
    PHOTO = "photo", "照片"
    AUDIO = "audio", "录音"
    VIDEO = "video", "录像"
    OTHER = "other", "其他"


class EvidenceFileQuerySet(models.QuerySet["EvidenceFile"]):
    def for_record(self, obj: models.Model) -> EvidenceFileQuerySet:
        return self.filter(record_type=ContentType.objects.get_for_model(obj), record_id=obj.pk)


class EvidenceFile(models.Model):
    """One uploaded file attached to a record (and optionally to the procedure step that produced it).

    The bytes live once under FAZHI_EVIDENCE_ROOT/ab/cd/<sha256>; several rows may share them.
    `agency` and `jurisdiction` are copied from the record so that lists scope with one WHERE
    clause (ADR 0002).
    """

    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField("大小（字节）")
    content_type = models.CharField("文件类型", max_length=120)
    original_name = models.CharField("原文件名", max_length=255)
    kind = models.CharField("类别", max_length=20, choices=EvidenceKind.choices)
    description = models.TextField("说明", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)
    record_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name="所属记录类型"
    )
    record_id = models.PositiveBigIntegerField("所属记录ID")
    record = GenericForeignKey("record_type", "record_id")
    step = models.ForeignKey(
        "procedures.Step",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_files",
        verbose_name="所属办理环节",
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属机关",
    )
    jurisdiction = models.ForeignKey(
        "org.Jurisdiction",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属区划",
    )

    objects = EvidenceFileQuerySet.as_manager()

    class Meta:
        verbose_name = "证据文件"
        verbose_name_plural = "证据文件"
        ordering = ["record_type", "record_id", "uploaded_at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="evidence_record_idx")]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("evidence:download", args=[self.pk])

    @property
    def storage_path(self) -> str:
        """Relative path under FAZHI_EVIDENCE_ROOT: ab/cd/<sha256>."""
        return storage_path_for(self.sha256)

    @property
    def path(self) -> Path:
        return Path(settings.FAZHI_EVIDENCE_ROOT) / self.storage_path


def storage_path_for(sha256: str) -> str:
    return f"{sha256[:2]}/{sha256[2:4]}/{sha256}"
