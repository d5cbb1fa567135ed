"""A background job as the page that started it sees it: progress, result, Chinese error."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "进行中"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"


class Job(models.Model):
    """One run of a long piece of work (a calendar recompute, an import) executed by a worker
    through Django's Tasks API (`django-tasks` + `django-tasks-db`). The worker writes `done` /
    `total` as it goes (autocommitted, so the polling page sees them) and the outcome at the end."""

    kind = models.CharField("任务类型", max_length=80)
    label = models.CharField("任务", max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="发起人",
    )
    status = models.CharField("状态", max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.TextField("结果", blank=True)
    error = models.TextField("错误", blank=True)
    params = models.JSONField("参数", default=dict, blank=True)
    task_result_id = models.CharField("队列任务ID", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    back_url = models.CharField("返回页面", max_length=300, blank=True)

    class Meta:
        verbose_name = "后台任务"
        verbose_name_plural = "后台任务"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.label}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)

    @property
    def percent(self) -> int | None:
        """Share done, 0–100; None while the total is not known yet."""
        if self.status == JobStatus.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)
