"""`fazhi createsuperuser` — Django's command, with every new superuser written to the audit log.

(fazhi.core.audit is listed before django.contrib.auth in INSTALLED_APPS so that this command wins.)
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser

from fazhi.core import audit


class Command(createsuperuser.Command):
    def handle(self, *args: Any, **options: Any) -> None:
        users = get_user_model()._default_manager.db_manager(options.get("database"))
        before = set(users.filter(is_superuser=True).values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in users.filter(is_superuser=True).exclude(pk__in=before):
            audit.record(
                actor=None,
                action="org.create_superuser",
                obj=user,
                after={"username": user.get_username(), "is_superuser": True},
                note="命令行创建超级用户",
            )
