"""`fazhi certificates expire [--on YYYY-MM-DD]` — mark certificates past their validity as expired
(a periodic task, like `fazhi procedures tick`); each change is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import workdays
from fazhi.enforcement.services.officers import expire_certificates


class Command(BaseCommand):
    help = "执法证件到期处理：将有效期已届满的证件标记为“过期”。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire"])
        parser.add_argument("--on", default="", help="处理日期（默认今天），格式 YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else workdays.today()
        except ValueError:
            raise CommandError(f"日期“{options['on']}”无效，格式应为 YYYY-MM-DD。") from None
        n = expire_certificates(on=on)
        self.stdout.write(f"{on.isoformat()}：{n} 个证件已标记为过期。")
