"""`fazhi audit verify` — re-hash the whole audit chain; exit 1 and name the first broken entry."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core import audit


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="逐条重新计算哈希，报告第一条被修改、删除或调换的记录。")

    def handle(self, *args: Any, **options: Any) -> None:
        report = audit.verify_chain()
        if report.ok:
            self.stdout.write(f"审计日志完整：共 {report.checked} 条")
            return
        self.stderr.write(
            f"审计日志不完整：{report.reason}（此前 {report.checked} 条校验通过，从第 {report.first_broken_seq} 条起不可信）"
        )
        raise SystemExit(1)
