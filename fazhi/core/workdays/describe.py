from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .calendar import Computation


def _ranges(days: tuple[date, ...]) -> list[str]:
    out: list[str] = []
    run: list[date] = []
    for d in sorted(days):
        if run and d - run[-1] != timedelta(days=1):
            out.append(_fmt(run))
            run = []
        run.append(d)
    if run:
        out.append(_fmt(run))
    return out


def _fmt(run: list[date]) -> str:
    a, b = run[0], run[-1]
    return f"{a.month}/{a.day}" if a == b else f"{a.month}/{a.day}–{b.month}/{b.day}"


def describe(c: Computation) -> str:
    basis = f"（{c.period.basis}）" if c.period.basis else ""
    parts = [f"{c.start.isoformat()} + {c.period}{basis}"]
    if c.period.unit == "wd":
        if c.skipped_rest_days:
            parts.append("、".join(_ranges(c.skipped_rest_days)) + " 休息")
        if c.makeup_days:
            parts.append("、".join(_ranges(c.makeup_days)) + " 调休上班")
    if c.paused_days:
        parts.append("、".join(_ranges(c.paused_days)) + " 暂停计算（不计入期限）")
    if c.period.unit != "wd" and c.rolled_from:
        parts.append(f"期满日 {c.rolled_from.isoformat()} 为休息日，顺延至下一工作日")
    return "；".join(parts) + f" → {c.due.isoformat()}"
