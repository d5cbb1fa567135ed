"""`fazhi workdays …` — the working-day calendar from the command line (LEGAL_RULES §13).

    fazhi workdays add 2025-09-30 5             → 2025-10-14   (5 working days)
    fazhi workdays add 2025-08-04 60 --calendar → 2025-10-09   (60 days, rolled over the holiday)
    fazhi workdays add 2025-01-31 1 --months    → 2025-02-28
    fazhi workdays add 2025-09-30 5 --explain   → the one-line explanation
    fazhi workdays check 2025-10-11             → 2025-10-11 工作日（周六，国庆节、中秋节调休上班）
    fazhi workdays years                        → the years known and their source
    fazhi workdays load FILE [--user NAME]      → enter the years of a holidays.json-format file

Bad input prints a Chinese error on stderr and exits with status 2.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import workdays
from fazhi.core.workdays import services, source

WEEKDAYS = "一二三四五六日"


def _error(message: str) -> CommandError:
    return CommandError(message, returncode=2)


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _error(f"日期“{text}”无效：应为 YYYY-MM-DD 格式的有效日期，例如 2025-09-30。") from None


def _parse_n(text: str) -> int:
    if not text.isdigit():
        raise _error(f"期限“{text}”无效：期限数值必须是非负整数。")
    return int(text)


_ARGPARSE_ZH = [
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的子命令："),
    ("not allowed with argument ", "不能同时使用参数 "),
    ("argument ", "参数 "),
]


def _zh(message: str) -> str:
    for en, zh in _ARGPARSE_ZH:
        message = message.replace(en, zh)
    return message


class ChineseCommandParser(CommandParser):
    """argparse's usage errors in Chinese (exit status 2, like every other error of this command)."""

    def error(self, message: str):  # type: ignore[override]
        message = _zh(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}: 错误：{message}\n")
        raise CommandError(f"错误：{message}", returncode=2)


class Command(BaseCommand):
    help = "工作日历：计算期限（add）、查询某日是否工作日（check）、列出年度（years）、载入年度数据（load）。"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = ChineseCommandParser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action",
            required=True,
            parser_class=ChineseCommandParser,
        )
        add = sub.add_parser("add", help="起算日 + N 个工作日/日/月 → 期满日（起算日不计入）")
        add.add_argument("date", help="起算日 YYYY-MM-DD（不计入期限）")
        add.add_argument("n", help="期限数值（非负整数）")
        unit = add.add_mutually_exclusive_group()
        unit.add_argument("--calendar", action="store_true", help="按日（自然日）计算，期满日为休息日时顺延")
        unit.add_argument("--months", action="store_true", help="按月计算（民法典第二百零二条）")
        add.add_argument("--explain", action="store_true", help="输出计算过程说明")
        check = sub.add_parser("check", help="某日是工作日还是休息日")
        check.add_argument("date")
        sub.add_parser("years", help="列出已有数据的年度及来源")
        load = sub.add_parser("load", help="从 holidays.json 格式的文件载入年度")
        load.add_argument("file")
        load.add_argument("--user", help="以该用户身份录入（检查权限）；不填则记为系统操作")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ValidationError as exc:  # CalendarUnknown and service validation errors
            raise _error("；".join(exc.messages)) from None
        except PermissionDenied as exc:
            raise _error(str(exc) or "没有权限。") from None

    def _add(self, options: dict[str, Any]) -> None:
        start, n = _parse_date(options["date"]), _parse_n(options["n"])
        period = (
            workdays.cd(n)
            if options["calendar"]
            else workdays.months(n)
            if options["months"]
            else workdays.wd(n)
        )
        c = workdays.explain(start, period)
        self.stdout.write(c.describe() if options["explain"] else c.due.isoformat())

    def _check(self, options: dict[str, Any]) -> None:
        d = _parse_date(options["date"])
        kind = "工作日" if workdays.is_workday(d) else "休息日"
        name = workdays.day_name(d)
        detail = f"周{WEEKDAYS[d.weekday()]}" + (f"，{name}" if name else "")
        self.stdout.write(f"{d.isoformat()} {kind}（{detail}）")

    def _years(self, options: dict[str, Any]) -> None:
        for y in source.calendar_source().years.values():
            number = f"（{y.notice_number}）" if y.notice_number else ""
            self.stdout.write(f"{y.year}\t{source.SOURCE_LABELS[y.source]}\t{y.notice_title}{number}")

    def _load(self, options: dict[str, Any]) -> None:
        try:
            with open(options["file"], encoding="utf-8") as fh:
                doc = json.load(fh)
        except OSError as exc:
            raise _error(f"无法读取文件“{options['file']}”：{exc.strerror}。") from None
        except json.JSONDecodeError as exc:
            raise _error(
                f"文件“{options['file']}”不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列。"
            ) from None
        actor = None
        if options.get("user"):
            from django.contrib.auth import get_user_model

            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise _error(f"用户“{options['user']}”不存在。")
        entries = source.parse_year_document(doc)
        if not entries:
            raise _error("文件中没有任何年度数据。")
        for kw in entries:
            hy = services.enter_holiday_year(actor=actor, **kw)
            self.stdout.write(f"已载入{hy.year}年节假日安排（{hy.days.count()} 天）。")
