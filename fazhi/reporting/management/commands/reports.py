"""`fazhi reports extract FILE [--json]`, `check FILE`, `evaluate [GOLD_DIR [TEXT_DIR]]`, `import DIR`."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.reporting.extraction import ReportReadError, extract_text, read_report
from fazhi.reporting.extraction.extract import figure_json


def _progress(done: int, total: int, label: str) -> str:
    width = 30
    filled = int(width * done / total) if total else width
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"


class Command(BaseCommand):
    help = "读取已公开的法治政府建设年度报告：提取数据、检查结构、评估、导入比较。"
    requires_system_checks: list[str] = []  # reading files needs no URL or model checks

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("extract", help="提取一份报告中的数据")
        p.add_argument("file")
        p.add_argument("--json", action="store_true", help="输出 JSON")
        p = sub.add_parser("check", help="检查报告的法定内容和公开时限")
        p.add_argument("file")
        p.add_argument("--json", action="store_true")
        p = sub.add_parser("evaluate", help="与标注结果比较，按报告和指标计算准确率、召回率、代码准确率")
        p.add_argument("gold_dir", nargs="?", help="标注文件夹（默认：仓库内的真实报告标注）")
        p.add_argument("text_dir", nargs="?", help="报告文本文件夹（默认：标注文件夹的上一级）")
        p.add_argument("--verbose", action="store_true", help="列出遗漏、多余和代码不符的数据")
        p.add_argument(
            "--only",
            choices=["tuned", "held_out"],
            help="只评估调校集（tuned）或留出集（held_out，见 split.json）",
        )
        p = sub.add_parser("import", help="导入一个文件夹中的报告（按文件哈希去重）")
        p.add_argument("directory")
        p.add_argument("--username", help="记入审计日志的操作人用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action in ("extract", "check"):
            try:
                text = read_report(options["file"])
            except ReportReadError as exc:
                raise CommandError(str(exc)) from exc
            result = extract_text(text)
            if action == "extract":
                self._extract(result, options["json"])
            else:
                self._check(result, options["json"])
        elif action == "evaluate":
            self._evaluate(options["gold_dir"], options["text_dir"], options["verbose"], options.get("only"))
        else:
            self._import(options["directory"], options.get("username"))

    def _extract(self, result: Any, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
            return
        m = result.meta
        self.stdout.write(
            f"区划：{m.jurisdiction or '未识别'}　层级：{m.level or '未识别'}　年度：{m.year or '未识别'}"
        )
        self.stdout.write(f"{'指标代码':<40}{'数值':>14} {'单位':<6}{'约数':<4} 名称 / 原文")
        for f in result.figures:
            d = figure_json(f)
            self.stdout.write(
                f"{d['indicator']:<44}{d['value']:>14} {d['unit']:<6}{'约' if d['approx'] else '':<4} "
                f"{d['label']} /「{d['quote']}」"
            )
        self.stdout.write(f"共 {len(result.figures)} 项数据。")
        self._check(result, False)

    def _check(self, result: Any, as_json: bool) -> None:
        s = result.structure
        if as_json:
            self.stdout.write(json.dumps(s, ensure_ascii=False, indent=1))
            return
        self.stdout.write("法定内容（LEGAL_RULES.md §11）：")
        for item in s["contents"].values():
            mark = "有" if item["present"] else ("缺" if item["required"] else "无")
            self.stdout.write(
                f"  [{mark}] {item['name']}" + (f"（{item['evidence']}）" if item["evidence"] else "")
            )
        pub = s["publication"]
        if pub["published_on"]:
            verdict = "按时" if pub["on_time"] else "逾期"
            self.stdout.write(f"公开日期 {pub['published_on']}，时限 {pub['deadline']}：{verdict}")
        else:
            self.stdout.write(f"未载明公开日期（时限 {pub['deadline'] or '未知'}）")

    def _evaluate(
        self, gold_dir: str | None, text_dir: str | None, verbose: bool, only: str | None = None
    ) -> None:
        from pathlib import Path

        from fazhi.reporting.extraction.coding import indicator_name
        from fazhi.reporting.extraction.evaluate import (
            FIXTURES_DIR,
            evaluate_dirs,
            held_out_names,
            overall,
            per_code,
        )

        gold = Path(gold_dir) if gold_dir else FIXTURES_DIR / "gold"
        texts = Path(text_dir) if text_dir else gold.parent
        try:
            scores = evaluate_dirs(gold, texts)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"无法读取标注或报告文件：{exc}") from exc
        held = held_out_names(gold)
        if only == "held_out":
            scores = [s for s in scores if s.name in held]
        elif only == "tuned":
            scores = [s for s in scores if s.name not in held]
        if not scores:
            raise CommandError("没有可评估的报告（split.json 中未列出留出集？）")
        head = f"{'标注':>6}{'提取':>6}{'匹配':>6}{'准确率':>9}{'召回率':>9}{'代码准确率':>11}"
        self.stdout.write("按报告（＊ 留出：未用于编写规则）")
        self.stdout.write(f"{'报告':<30}{head}")
        for s in scores:
            mark = "＊" if s.name in held else "　"
            self.stdout.write(
                f"{mark}{s.name:<29}{s.gold:>6}{s.extracted:>6}{s.matched:>6}"
                f"{s.precision:>9.3f}{s.recall:>9.3f}{s.code_accuracy:>11.3f}"
            )
            if verbose:
                for g in s.misses:
                    self.stdout.write(f"    遗漏 {g['value']}{g['unit']}「{g['quote']}」")
                for x in s.spurious:
                    self.stdout.write(f"    多余 {x['value']}{x['unit']}「{x['quote']}」")
                for quote, want, got in s.wrong_codes:
                    self.stdout.write(f"    代码 「{quote}」 应为 {want}，提取为 {got}")
        self.stdout.write("")
        self.stdout.write("按指标（标注 = 标注为该指标的数据，提取 = 提取为该指标的数据）")
        self.stdout.write(f"{'指标':<44}{head}  名称")
        for c in per_code(scores):
            self.stdout.write(
                f"{c.code:<44}{c.gold:>6}{c.extracted:>6}{c.matched:>6}"
                f"{c.precision:>9.3f}{c.recall:>9.3f}{c.code_accuracy:>11.3f}  {indicator_name(c.code)}"
            )
        self.stdout.write("")
        groups = [("调校集", [s for s in scores if s.name not in held])]
        if held:
            groups.append(("留出集", [s for s in scores if s.name in held]))
        groups.append(("合计", scores))
        for label, group in groups:
            if not group:
                continue
            o = overall(group)
            self.stdout.write(
                f"{label:<30}{o['gold']:>6}{o['extracted']:>6}{o['matched']:>6}"
                f"{o['precision']:>9.3f}{o['recall']:>9.3f}{o['code_accuracy']:>11.3f}"
            )

    def _import(self, directory: str, username: str | None) -> None:
        from django.contrib.auth import get_user_model

        from fazhi.reporting.extraction.services import import_published_reports, report_files_in

        actor = None
        if username:
            actor = get_user_model().objects.filter(username=username).first()
            if actor is None:
                raise CommandError(f"找不到用户：{username}")
        try:
            paths = report_files_in(directory)
        except OSError as exc:
            raise CommandError(f"无法读取文件夹：{directory}") from exc
        total = len(paths)
        tty = sys.stderr.isatty()

        def files():
            for p in paths:
                yield p.name, p.read_bytes()

        def progress(done: int, outcome: Any) -> None:
            line = _progress(done, total, outcome.name)
            if tty:
                self.stderr.write(line, ending="")
            else:
                self.stderr.write(line.strip())

        outcomes = import_published_reports(actor=actor, files=files(), on_progress=progress)
        if tty:
            self.stderr.write("")
        created = sum(1 for o in outcomes if o.created)
        skipped = sum(1 for o in outcomes if o.report and not o.created)
        for o in outcomes:
            if o.error:
                self.stdout.write(f"未导入 {o.name}：{o.error}")
        self.stdout.write(
            f"导入 {created} 份，已存在 {skipped} 份，失败 {len(outcomes) - created - skipped} 份。"
        )
