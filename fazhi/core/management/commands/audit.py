"""`fazhi audit verify` — re-hash the whole audit chain and compare it with the anchors outside the
database; exit 1 and name the first broken entry. `fazhi audit checkpoint` — append today's head to
the checkpoint file (run it daily, e.g. from cron next to `fazhi procedures tick`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core import audit


class Command(BaseCommand):
    help = "审计日志：verify 校验哈希链是否完整。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="逐条重新计算哈希，报告第一条被修改、删除或调换的记录。")
        sub.add_parser("checkpoint", help="把当前链头写入检查点文件（每日运行，门户网站公开）。")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "checkpoint":
            line = audit.write_checkpoint()
            self.stdout.write(f"检查点已写入：第 {line['seq']} 条，哈希 {line['hash']}")
            return
        report = audit.verify_chain()
        if report.ok:
            self.stdout.write(f"审计日志完整：共 {report.checked} 条")
            return
        self.stderr.write(
            f"审计日志不完整：{report.reason}"
            + (
                f"（此前 {report.checked} 条校验通过，从第 {report.first_broken_seq} 条起不可信）"
                if report.first_broken_seq
                else ""
            )
        )
        raise SystemExit(1)
