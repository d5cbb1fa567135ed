"""`fazhi evidence verify` — re-hash every stored evidence file; exit 1 when any is missing or altered."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.evidence.services import verify_evidence


class Command(BaseCommand):
    help = "证据文件：verify 重新计算每个已存文件的 SHA-256，报告缺失或被修改的文件。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="逐个重新计算哈希，列出缺失或被修改的证据文件。")

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_evidence()
        if report.ok:
            self.stdout.write(
                f"证据文件完整：共 {report.files_checked} 个文件（{report.rows_checked} 条记录）"
            )
            return
        for label, rows in (("缺失", report.missing), ("已被修改", report.altered)):
            for e in rows:
                self.stderr.write(
                    f"{label}：证据文件 #{e.pk}“{e.original_name}”（{e.storage_path}，"
                    f"所属 {e.record_type.app_label}.{e.record_type.model} #{e.record_id}）"
                )
        self.stderr.write(
            f"证据文件不完整：{len(report.missing)} 条记录的文件缺失，{len(report.altered)} 条记录的文件已被修改。"
        )
        raise SystemExit(1)
