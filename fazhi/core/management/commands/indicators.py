"""`fazhi indicators list [--computed]` — the indicator catalogue and which codes are computed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.indicators import registry

KIND_LABELS = {"count": "数量", "amount": "金额", "rate": "比率", "duration": "时长", "other": "其他"}
NORMALLY_LABELS = {"computed": "系统计算", "submitted": "部门填报", "not_stored": "不入库"}


class Command(BaseCommand):
    help = "指标目录：list 列出全部指标代码（--computed 只列已登记计算方法的指标）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        listing = sub.add_parser("list", help="列出指标代码、名称、单位、类型和来源。")
        listing.add_argument("--computed", action="store_true", help="只列出已登记计算方法的指标。")

    def handle(self, *args: Any, **options: Any) -> None:
        computed = set(registry.computed_codes())
        entries = [e for e in registry.catalogue() if not options["computed"] or e.code in computed]
        for e in entries:
            source = "已登记计算" if e.code in computed else NORMALLY_LABELS.get(e.normally, e.normally)
            self.stdout.write(
                "\t".join([e.code, e.name, e.unit or "—", KIND_LABELS.get(e.kind, e.kind), source])
            )
        self.stdout.write(
            f"共 {len(entries)} 项（目录 {len(registry.catalogue())} 项，已登记计算 {len(computed)} 项）"
        )
