"""`fazhi workdays …` (management command `workdays`). 2027 data here is MADE UP for the test only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from fazhi.core import workdays
from fazhi.core.audit.models import AuditEntry
from fazhi.core.workdays import source as calendar_source
from fazhi.core.workdays.models import HolidayYear

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def _calendar_defaults():
    calendar_source.reset_to_defaults()
    yield
    calendar_source.reset_to_defaults()


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "output"),
    [
        (["add", "2025-09-30", "5"], "2025-10-14\n"),
        (["add", "2026-02-13", "5"], "2026-02-27\n"),
        (["add", "2025-08-04", "60", "--calendar"], "2025-10-09\n"),
        (["add", "2025-01-31", "1", "--months"], "2025-02-28\n"),
        (
            ["add", "2025-09-30", "5", "--explain"],
            "2025-09-30 + 5个工作日；10/1–10/8、10/12 休息；10/11 调休上班 → 2025-10-14\n",
        ),
        (
            ["add", "2025-08-04", "60", "--calendar", "--explain"],
            "2025-08-04 + 60日；期满日 2025-10-03 为休息日，顺延至下一工作日 → 2025-10-09\n",
        ),
        (["check", "2025-10-11"], "2025-10-11 工作日（周六，国庆节、中秋节调休上班）\n"),
        (["check", "2025-10-04"], "2025-10-04 休息日（周六，国庆节、中秋节）\n"),
        (["check", "2025-10-13"], "2025-10-13 工作日（周一）\n"),
        (["check", "2025-10-18"], "2025-10-18 休息日（周六）\n"),
    ],
)
def test_cli_output(args, output):
    assert run(*args) == output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["add", "2025-13-01", "5"],
            "日期“2025-13-01”无效：应为 YYYY-MM-DD 格式的有效日期，例如 2025-09-30。",
        ),
        (["add", "2025-09-30", "-5"], "期限“-5”无效：期限数值必须是非负整数。"),
        (["add", "2025-09-30", "五"], "期限“五”无效：期限数值必须是非负整数。"),
        (
            ["add", "2026-12-30", "5"],
            "2027年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的2027年节假日安排。",
        ),
        (
            ["check", "2027-01-04"],
            "2027年的节假日安排尚未录入，无法计算工作日期限。请在“工作日历”中录入国务院办公厅公布的2027年节假日安排。",
        ),
    ],
)
def test_cli_bad_input_is_a_command_error_with_status_2(args, message):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert str(exc.value) == message
    assert exc.value.returncode == 2


def test_fazhi_console_script_prints_to_stderr_and_exits_2():
    # the real `fazhi` entry point, as an operator types it
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings_test"}
    code = "import sys; from fazhi.cli import main; main(sys.argv[1:])"
    ok = subprocess.run(
        [sys.executable, "-c", code, "workdays", "add", "2025-09-30", "5"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    bad = subprocess.run(
        [sys.executable, "-c", code, "workdays", "add", "2025-13-01", "5"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert (ok.returncode, ok.stdout) == (0, "2025-10-14\n")
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "日期“2025-13-01”无效" in bad.stderr


def _made_up_file(tmp_path: Path, **year_overrides) -> Path:
    year = {
        "notice_title": "测试用：国务院办公厅关于2027年部分节假日安排的通知",
        "notice_number": "测试〔2026〕1号",
        "published_on": "2026-11-05",
        "rest": [{"start": "2027-01-01", "end": "2027-01-03", "name": "元旦"}],
        "work": [{"date": "2027-02-20", "name": "春节"}],
        **year_overrides,
    }
    path = tmp_path / "holidays-2027.json"
    path.write_text(json.dumps({"format": 1, "years": {"2027": year}}, ensure_ascii=False), encoding="utf-8")
    return path


def test_load_enters_a_year_from_a_file(db, tmp_path):
    path = _made_up_file(tmp_path)
    assert run("load", str(path)) == "已载入2027年节假日安排（4 天）。\n"
    assert HolidayYear.objects.get().notice_number == "测试〔2026〕1号"
    assert AuditEntry.objects.get().action == "workdays.enter_holiday_year"
    assert run("add", "2026-12-31", "1") == "2027-01-04\n"
    assert workdays.is_workday(date(2027, 2, 20)) is True


def test_load_as_an_officer_is_refused(tmp_path, officer):
    path = _made_up_file(tmp_path)
    with pytest.raises(CommandError) as exc:
        run("load", str(path), "--user", officer.username)
    assert str(exc.value) == "只有司法局监督人员可以录入或更正节假日安排。"
    assert HolidayYear.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"work": [{"date": "2027-01-02", "name": "元旦"}]}, "2027-01-02 不能既是放假日又是调休上班日。"),
        (
            {"rest": [{"start": "2027-02-31", "name": "春节"}]},
            "2027年：日期“2027-02-31”格式错误，应为 YYYY-MM-DD 的有效日期。",
        ),
    ],
)
def test_load_refuses_bad_data_and_saves_nothing(db, tmp_path, overrides, message):
    path = _made_up_file(tmp_path, **overrides)
    with pytest.raises(CommandError) as exc:
        run("load", str(path))
    assert str(exc.value) == message
    assert exc.value.returncode == 2
    assert HolidayYear.objects.count() == 0


def test_load_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as exc:
        run("load", str(tmp_path / "nope.json"))
    assert str(exc.value).startswith(f"无法读取文件“{tmp_path / 'nope.json'}”")


def test_years_lists_the_sources(db):
    lines = run("years").splitlines()
    assert lines[0].startswith("2004\tchinesecalendar")
    assert lines[-1] == "2026\t数据文件 holidays.json\t国务院办公厅关于2026年部分节假日安排的通知"
    assert len(lines) == 23


def test_missing_argument_is_reported_in_chinese_with_status_2():
    with pytest.raises(CommandError) as exc:
        run("add", "2025-09-30")
    assert (str(exc.value), exc.value.returncode) == ("错误：缺少参数：n", 2)
