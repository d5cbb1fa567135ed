"""The scoping contract every affairs record follows (ADR 0002): `agency_id` + `jurisdiction_id`."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.org.predicates import scope_filter


class ScopedQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def visible_to(self, user: Any) -> Any:
        """Each agency its own records; the justice bureau every agency of its jurisdiction."""
        return self.filter(scope_filter(user))
