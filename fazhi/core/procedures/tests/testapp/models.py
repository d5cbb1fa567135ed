from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.procedures.models import ProcedureCase
from fazhi.org.predicates import scope_filter


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: Any) -> ApplicationQuerySet:
        return self.filter(scope_filter(user))


class Application(ProcedureCase):
    """A reconsideration-like application (test only)."""

    procedure_code = "testapp.reconsideration"

    title = models.CharField(max_length=100)
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    handlers = models.PositiveSmallIntegerField(default=2)

    objects = ApplicationQuerySet.as_manager()

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/test/applications/{self.pk}/"


class RequestQuerySet(ApplicationQuerySet):
    def handled_by(self, user: Any) -> RequestQuerySet:
        """我的待办's optional hook: the requests this user handles (and those nobody handles yet)."""
        return self.filter(Q(officer=user) | Q(officer__isnull=True))


class Request(ProcedureCase):
    """A second case model (disclosure-request-like, WD clock with a pause for the applicant's time)."""

    procedure_code = "testapp.disclosure"
    pending_select_related = ("agency",)  # __str__ names the agency

    title = models.CharField(max_length=100)
    agency = models.ForeignKey("org.Agency", on_delete=models.PROTECT, related_name="+")
    jurisdiction = models.ForeignKey("org.Jurisdiction", on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = RequestQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.title}（{self.agency.short_name or self.agency.name}）"
