"""`fazhi procedures tick [--on YYYY-MM-DD]` — fire the on-expiry transitions (e.g. 视为受理,
行政复议法第三十条第三款) of deadlines that expired before the given day (default: today).
`fazhi procedures recompute` — recompute every open deadline against the current calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import workdays


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期“{value}”格式错误，应为 YYYY-MM-DD。") from None


class Command(BaseCommand):
    help = "办理程序：tick — 对已届满且设有“期满自动办理”的期限执行系统环节（可重复运行）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        tick = sub.add_parser("tick", help="执行期满自动办理环节")
        tick.add_argument("--on", type=_date, default=None, help="按该日期执行（默认今天）")
        sub.add_parser("recompute", help="按当前工作日历重新计算所有未结期限（系统操作，逐条审计）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "recompute":
            self._recompute()
            return
        from fazhi.core.procedures.engine import tick

        on = options.get("on") or workdays.today()
        result = tick(on)
        for step in result.fired:
            self.stdout.write(
                f"{step.procedure_code} #{step.object_id}：{step.label}（{step.on.isoformat()}）"
            )
        for deadline, reason in result.skipped:
            self.stderr.write(
                f"跳过 {deadline.procedure_code} #{deadline.object_id} {deadline.label}：{reason}"
            )
        self.stdout.write(
            f"{on.isoformat()}：自动办理 {len(result.fired)} 件，跳过 {len(result.skipped)} 件。"
        )

    def _recompute(self) -> None:
        from fazhi.core.procedures.engine import recompute_open_deadlines

        result = recompute_open_deadlines(actor=None)
        for d in result.changed:
            due = d.due_date.isoformat() if d.due_date else "待录入日历"
            self.stdout.write(f"{d.procedure_code} #{d.object_id} {d.label}：届满日改为 {due}")
        for d, reason in result.failed:
            self.stderr.write(f"无法计算 {d.procedure_code} #{d.object_id} {d.label}：{reason}")
        self.stdout.write(f"重新计算完成：变更 {len(result.changed)} 项，无法计算 {len(result.failed)} 项。")
