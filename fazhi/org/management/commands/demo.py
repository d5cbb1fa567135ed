"""`fazhi demo --seed N` — build the deterministic demo county, then every app's demo data.

Re-running on a database that already has the demo county does nothing but say so and list the
logins (so `make demo`, which runs this every time, works twice in a row); `--reset` wipes the
database (flush) and builds it again.
"""

from __future__ import annotations

import importlib
import time
import traceback
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.dateparse import parse_date

from fazhi.org import demo
from fazhi.org.models import Agency, User


class Command(BaseCommand):
    help = "生成演示数据：一个县（安吉县，330523）的行政机关、各角色账号，以及各模块的演示数据。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="随机种子（同一种子生成相同数据），默认 1")
        parser.add_argument("--reset", action="store_true", help="先清空数据库（flush）再生成")
        parser.add_argument("--only-org", action="store_true", help="只生成机构人员数据，不调用其他模块")
        parser.add_argument("--today", help="演示日期（YYYY-MM-DD），默认今天；证件临期等按此计算")
        parser.add_argument("--strict", action="store_true", help="任一模块生成失败时以非零状态退出")

    def handle(self, *args: Any, **options: Any) -> None:
        seed: int = options["seed"]
        try:
            today = parse_date(options["today"]) if options.get("today") else None
        except ValueError:
            today = None
        if options.get("today") and today is None:
            raise CommandError(f"--today 应为 YYYY-MM-DD 格式的日期，实际为“{options['today']}”。")
        existing = demo.existing_demo_jurisdiction()
        if existing is not None or Agency.objects.exists():
            if not options["reset"]:
                self.stdout.write(
                    self.style.WARNING(
                        f"数据库中已有数据（{existing.name if existing else '非演示区划'}，"
                        f"{Agency.objects.count()} 个行政机关，{User.objects.count()} 个账号），未重复生成。"
                        f"如需重建：fazhi demo --seed {seed} --reset（将清空整个数据库）。"
                    )
                )
                self._print_logins()
                return
            self.stdout.write("清空数据库……")
            call_command("flush", interactive=False, verbosity=0)

        started = time.monotonic()
        ctx = demo.DemoContext(seed=seed, stdout=self.stdout)
        if today is not None:
            ctx.today = today
        self.stdout.write(
            f"生成演示数据（种子 {seed}，演示年度 {ctx.year}，演示日期 {ctx.today.isoformat()}）"
        )
        with transaction.atomic():
            demo.generate(ctx)
        self.stdout.write(self.style.SUCCESS(f"✔ org 机构人员 完成（{time.monotonic() - started:.1f} 秒）"))

        failures: list[str] = []
        if not options["only_org"]:
            failures = self._run_app_modules(ctx)
        self.stdout.write("")
        self._print_logins()
        self.stdout.write(f"共用时 {time.monotonic() - started:.1f} 秒。")
        if failures:
            message = "以下模块的演示数据生成失败（其余模块已生成）：" + "、".join(failures)
            if options["strict"]:
                raise CommandError(message)
            self.stderr.write(message)

    def _run_app_modules(self, ctx: demo.DemoContext) -> list[str]:
        """Call `<app>.demo.generate(ctx)` for every installed app in INSTALLED_APPS order, each in its
        own transaction, so one failing module is reported and leaves nothing half-written."""
        failures = []
        for config in self.demo_app_configs():
            module_name = f"{config.name}.demo"
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue
                failures.append(config.label)
                self.stderr.write(f"✘ {config.label}：无法导入 {module_name}：{exc}")
                continue
            generate = getattr(module, "generate", None)
            if not callable(generate):
                continue
            started = time.monotonic()
            ctx.reseed(config.label)
            try:
                with transaction.atomic():
                    generate(ctx)
            except Exception as exc:  # noqa: BLE001 — report and go on with the next module
                failures.append(config.label)
                self.stderr.write(
                    self.style.ERROR(
                        f"✘ {config.label} {config.verbose_name} 失败：{type(exc).__name__}: {exc}"
                    )
                )
                self.stderr.write(traceback.format_exc())
                continue
            self.stdout.write(
                self.style.SUCCESS(
                    f"✔ {config.label} {config.verbose_name} 完成（{time.monotonic() - started:.1f} 秒）"
                )
            )
        return failures

    def demo_app_configs(self) -> list[Any]:
        """Every installed app but org, in INSTALLED_APPS order."""
        return [c for c in apps.get_app_configs() if c.label != "org"]

    def _print_logins(self) -> None:
        users = list(
            User.objects.filter(jurisdiction__division_code=demo.DEMO_DIVISION_CODE, is_active=True)
            .select_related("agency")
            .order_by("pk")
        )
        if not users:
            return
        self.stdout.write(f"演示账号（密码均为 {demo.DEMO_PASSWORD}）：")
        self.stdout.write(demo.logins_table(users, demo.DEMO_PASSWORD))
