"""Directory import: idempotent by USCC, per-row Chinese errors, all or nothing, CSV and Excel."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied

import pytest

from fazhi.core.excel import ImportFileError
from fazhi.inspection import excel
from fazhi.inspection.models import Entity

from .conftest import enterprise_uscc

HEADER = "统一社会信用代码,对象编码,名称,对象类型,行业,住所（经营场所）,所属区域,信用风险分类,标记\n"
ON = date(2026, 3, 2)


def _csv(*lines: str) -> bytes:
    return (HEADER + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def admin(agency_admin):
    return agency_admin


def test_reimport_updates_by_uscc_and_never_duplicates(admin, jurisdiction):
    u1, u2 = enterprise_uscc(1), enterprise_uscc(2)
    first = _csv(
        f"{u1},,示范县甲餐饮有限公司,企业,餐饮,递铺街道1号,递铺街道,B,",
        ",YP-2026-01,某品牌婴幼儿配方奶粉,产品,食品,,,C,投诉举报",
    )
    r = excel.import_directory(
        actor=admin, jurisdiction=jurisdiction, content=first, filename="名录.csv", on=ON
    )
    assert (r.ok, r.created, r.updated) == (True, 2, 0)
    second = _csv(
        f"{u1.lower()},,示范县甲餐饮有限公司,企业,餐饮,递铺街道8号,递铺街道,D类（信用风险高）,",
        f"{u2},,乙超市,个体工商户,零售,,,,",
    )
    r = excel.import_directory(
        actor=admin, jurisdiction=jurisdiction, content=second, filename="名录.csv", on=ON
    )
    assert (r.ok, r.created, r.updated) == (True, 1, 1)
    assert Entity.objects.count() == 3
    e = Entity.objects.get(key=u1)
    assert (e.address, e.credit_grade) == ("递铺街道8号", "D")
    assert Entity.objects.get(key="PRODUCT-YP-2026-01").flags == ["complaint"]


def test_malformed_and_duplicate_uscc_are_refused_with_chinese_messages_and_nothing_saved(
    admin, jurisdiction
):
    u1 = enterprise_uscc(1)
    bad = u1[:-1] + ("0" if u1[-1] != "0" else "1")
    content = _csv(
        f"{u1},,甲公司,企业,餐饮,,,A,",
        f"{bad},,乙公司,企业,餐饮,,,A,",
        f"{u1},,甲公司（重复）,企业,餐饮,,,A,",
        f"{enterprise_uscc(3)},,丙公司,工厂,餐饮,,,E,",
    )
    r = excel.import_directory(
        actor=admin, jurisdiction=jurisdiction, content=content, filename="名录.csv", on=ON
    )
    assert [(e.row, e.column) for e in r.errors] == [
        (3, "统一社会信用代码"),
        (4, "统一社会信用代码"),
        (5, "对象类型"),
    ]
    assert (
        r.errors[0].message
        == f"统一社会信用代码校验位错误：第18位应为“{u1[-1]}”，实际为“{bad[-1]}”。请核对后重新输入。"
    )
    assert r.errors[1].message == f"“{u1}”与第 2 行重复：同一对象在一个文件中只能出现一次。"
    assert r.errors[2].message.startswith("“工厂”不是有效的对象类型")
    assert Entity.objects.count() == 0


def test_excel_round_trip(admin, jurisdiction):
    r = excel.import_directory(
        actor=admin,
        jurisdiction=jurisdiction,
        content=_csv(f"{enterprise_uscc(1)},,甲公司,企业,餐饮,,,C,新设立"),
        filename="a.csv",
        on=ON,
    )
    assert r.ok
    content = excel.export_entities(Entity.objects.all())
    r = excel.import_directory(
        actor=admin, jurisdiction=jurisdiction, content=content, filename="名录.xlsx", on=ON
    )
    assert (r.ok, r.created, r.updated) == (True, 0, 1)


def test_wrong_headers_are_a_file_error(admin, jurisdiction):
    with pytest.raises(ImportFileError, match="缺少必填列"):
        excel.import_directory(
            actor=admin, jurisdiction=jurisdiction, content=b"USCC,name\n1,2\n", filename="x.csv", on=ON
        )


def test_an_officer_may_not_import(officer, jurisdiction):
    with pytest.raises(PermissionDenied):
        excel.import_directory(
            actor=officer, jurisdiction=jurisdiction, content=_csv("x"), filename="x.csv", on=ON
        )


def test_import_command_with_progress_and_error_report(admin, jurisdiction, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    good = tmp_path / "名录.csv"
    good.write_bytes(_csv(f"{enterprise_uscc(1)},,甲公司,企业,餐饮,,,A,"))
    call_command("inspection", "import-directory", str(good), "--user", admin.username)
    out = capsys.readouterr().out
    assert "校验 [########################] 1/1" in out
    assert "导入完成：共1行，新增1个对象，更新0个对象。" in out
    bad = tmp_path / "坏.csv"
    bad.write_bytes(_csv("123,,乙公司,企业,,,,,"))
    with pytest.raises(CommandError, match="导入失败：共1处错误"):
        call_command("inspection", "import-directory", str(bad), "--user", admin.username)
    assert (tmp_path / "坏-错误报告.xlsx").exists()
