"""`fazhi inspection …` — random inspections on the command line.

* `verify-draw ELIGIBLE.json SEED.txt RESULT.json` — reproduce a published draw from the published
  files alone (no database); exits non-zero with the reasons when any file was altered (ADR 0010).
* `export-draw DRAW_ID DIR` — write a draw's published files (JSON, CSV) into DIR.
* `import-directory FILE --user USERNAME` — import the entity directory (.xlsx / .csv, up to
  1,000,000 rows) with a progress bar, through the same service as the web page; on errors writes
  the error report next to FILE and changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.inspection import draw as algorithm


class Command(BaseCommand):
    help = "双随机抽查：verify-draw 核验抽取结果；export-draw 导出抽取公示文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        v = sub.add_parser("verify-draw", help="仅凭公布的名单、种子和结果文件复现并核验一次抽取。")
        v.add_argument("eligible", type=Path, help="待抽取名单文件（…-eligible.json）")
        v.add_argument("seed", type=Path, help="随机种子文件（…-seed.txt）")
        v.add_argument("result", type=Path, help="抽取结果文件（…-result.json）")
        e = sub.add_parser("export-draw", help="导出一次抽取的公示文件（JSON、CSV）。")
        e.add_argument("draw", type=int)
        e.add_argument("directory", type=Path)
        i = sub.add_parser("import-directory", help="导入检查对象名录库（.xlsx 或 .csv），显示进度。")
        i.add_argument("file", type=Path)
        i.add_argument("--user", required=True, help="以该用户的身份和权限导入（记入审计日志）。")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify-draw":
            try:
                eligible = options["eligible"].read_bytes()
                seed = options["seed"].read_text(encoding="ascii").strip()
                result = options["result"].read_bytes()
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"无法读取文件：{exc}") from None
            v = algorithm.verify(eligible, seed, result)
            if not v.ok:
                raise CommandError("核验不通过：\n" + "\n".join(f"  - {p}" for p in v.problems))
            self.stdout.write(
                f"核验通过：按公布的名单和种子重新计算，抽中{v.selected}个对象，与公布的结果一致。"
            )
            return
        if options["subcommand"] == "import-directory":
            self._import(options["file"], options["user"])
            return
        from fazhi.inspection import verification
        from fazhi.inspection.models import Draw

        d = Draw.objects.filter(pk=options["draw"]).first()
        if d is None:
            raise CommandError(f"抽取批次{options['draw']}不存在。")
        out: Path = options["directory"]
        out.mkdir(parents=True, exist_ok=True)
        files = verification.files_of(d)
        files[f"draw-{d.pk}-eligible.csv"] = verification.eligible_csv(d)
        if d.result_file:
            files[f"draw-{d.pk}-result.csv"] = verification.result_csv(d)
        for name, content in files.items():
            (out / name).write_bytes(content)
            self.stdout.write(f"已写入 {out / name}")

    def _progress(self, label: str, done: int, total: int) -> None:
        width = 24
        filled = round(width * done / max(total, 1))
        end = "\n" if done >= total else ""
        self.stdout.write(f"\r{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}", ending=end)

    def _import(self, path: Path, username: str) -> None:
        from django.core.exceptions import PermissionDenied

        from fazhi.core import workdays
        from fazhi.core.excel import ImportFileError, error_report
        from fazhi.inspection import excel
        from fazhi.org.models import User

        user = User.objects.filter(username=username, is_active=True).select_related("jurisdiction").first()
        if user is None:
            raise CommandError(f"用户“{username}”不存在或已停用。")
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from None
        try:
            result = excel.import_directory(
                actor=user,
                jurisdiction=user.jurisdiction,
                content=content,
                filename=path.name,
                on=workdays.today(),
                progress=self._progress,
            )
        except (ImportFileError, PermissionDenied) as exc:
            raise CommandError(str(exc) or "您无权导入名录库。") from None
        if not result.ok:
            report = path.with_name(path.stem + "-错误报告.xlsx")
            report.write_bytes(error_report(result.errors))
            raise CommandError(f"导入失败：共{len(result.errors)}处错误，文件未导入。错误报告：{report}")
        self.stdout.write(
            f"导入完成：共{result.rows}行，新增{result.created}个对象，更新{result.updated}个对象。"
        )
