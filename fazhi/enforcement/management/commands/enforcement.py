"""`fazhi enforcement …` — the enforcement module's command-line uses.

* `import-catalogue FILE --user USERNAME` — import matters and benchmarks (.xlsx) for the user's agency,
  through the same service as the web page (permission, all-or-nothing, audited).
* `export-catalogue FILE --user USERNAME` — write the matters and benchmarks the user may see.
* `irregular --user USERNAME [--year Y]` — per agency: cases opened in the year and each irregularity.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from fazhi.core import workdays
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS, irregularity_counts
from fazhi.enforcement.selectors.catalogue import matters_with_benchmarks
from fazhi.enforcement.services import catalogue as cat_svc
from fazhi.enforcement.services._common import actor_agency
from fazhi.org.models import User


class Command(BaseCommand):
    help = "行政执法：import-catalogue / export-catalogue 执法事项与裁量基准；irregular 不规范案件统计。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import-catalogue", help="导入本机关的执法事项与裁量基准（.xlsx）。")
        imp.add_argument("file", type=Path)
        imp.add_argument("--user", required=True, help="以该用户的身份和权限导入（记入审计日志）。")
        exp = sub.add_parser("export-catalogue", help="导出该用户可见的执法事项与裁量基准（.xlsx）。")
        exp.add_argument("file", type=Path)
        exp.add_argument("--user", required=True)
        irr = sub.add_parser("irregular", help="按执法主体统计某年度立案数和各类不规范情形。")
        irr.add_argument("--user", required=True)
        irr.add_argument("--year", type=int, default=None)

    def _user(self, username: str) -> User:
        try:
            return User.objects.select_related("agency").get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"用户“{username}”不存在或已停用。") from None

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["user"])
        try:
            if options["subcommand"] == "import-catalogue":
                agency = actor_agency(user, "导入执法事项清单")
                with options["file"].open("rb") as f:
                    counts = cat_svc.import_catalogue(actor=user, agency=agency, file=f)
                self.stdout.write(
                    f"已导入执法事项 {counts['matters']} 项、裁量基准 {counts['benchmarks']} 条。"
                )
            elif options["subcommand"] == "export-catalogue":
                content = cat_svc.export_catalogue(
                    matters_with_benchmarks(user).order_by("agency__name", "code")
                )
                options["file"].write_bytes(content)
                self.stdout.write(f"已导出到 {options['file']}")
            else:
                year = options["year"] or workdays.today().year
                rows = irregularity_counts(user, year)
                self.stdout.write("\t".join(["执法主体", "立案", "不规范", *IRREGULARITY_FLAGS.values()]))
                for r in rows:
                    self.stdout.write(
                        "\t".join(
                            [r["agency__name"], str(r["cases"]), str(r["irregular"])]
                            + [str(r[f]) for f in IRREGULARITY_FLAGS]
                        )
                    )
        except FileNotFoundError:
            raise CommandError(f"找不到文件 {options['file']}。") from None
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            raise CommandError("；".join(messages)) from None
