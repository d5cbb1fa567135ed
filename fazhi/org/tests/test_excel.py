"""Excel import/export: template, all-or-nothing import with per-row errors, broken files, round trip."""

import io

from django.core.exceptions import PermissionDenied

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.audit.models import AuditEntry
from fazhi.org import excel
from fazhi.org.models import Agency, User
from fazhi.org.tests.factories import make_uscc

AGENCY_HEADER = [c.header for c in excel.AGENCY_COLUMNS]
STAFF_HEADER = [c.header for c in excel.STAFF_COLUMNS]


def xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def agency_row(name, uscc, kind="政府工作部门", parent="", enforcement="是", reason=""):
    return [name, "", uscc, kind, parent, enforcement, "", "", reason]


def test_template_has_chinese_headers_and_a_notes_sheet():
    # when
    wb = load_workbook(io.BytesIO(excel.agency_template()))
    # then
    assert wb.sheetnames == ["行政机关", "填写说明"]
    assert [c.value for c in wb["行政机关"][1]] == AGENCY_HEADER
    notes = [row[0].value for row in wb["填写说明"].iter_rows(min_row=4)]
    assert notes == AGENCY_HEADER
    staff = load_workbook(io.BytesIO(excel.staff_template()))
    assert [c.value for c in staff.worksheets[0][1]] == STAFF_HEADER


def test_import_agencies_creates_rows_with_parent_from_earlier_row(supervisor, jurisdiction):
    # given
    content = xlsx(
        [
            AGENCY_HEADER,
            agency_row("示范县人民政府", make_uscc(601), kind="人民政府", enforcement="否"),
            [],  # a blank row is skipped
            agency_row("示范县城关镇人民政府", make_uscc(602), kind="township", parent="示范县人民政府"),
        ]
    )
    # when
    result = excel.import_agencies(actor=supervisor, jurisdiction=jurisdiction, content=content)
    # then
    assert (result.ok, result.rows, result.created, result.updated) == (True, 2, 2, 0)
    town = Agency.objects.get(name="示范县城关镇人民政府")
    assert (town.kind, town.parent.name, town.has_enforcement_authority) == (
        "township",
        "示范县人民政府",
        True,
    )
    assert AuditEntry.objects.filter(action="org.create_agency").count() == 2
    assert AuditEntry.objects.get(action="org.import_agencies").after == {
        "rows": 2,
        "created": 2,
        "updated": 0,
    }


def test_import_with_a_broken_row_changes_nothing_and_reports_each_error(supervisor, jurisdiction, agency):
    # given
    bad = make_uscc(604)[:17] + ("0" if make_uscc(604)[17] != "0" else "1")
    content = xlsx(
        [
            AGENCY_HEADER,
            agency_row("示范县水利局", make_uscc(603)),  # fine on its own
            agency_row("示范县林业局", bad),
            agency_row("", make_uscc(605), kind="局"),
            agency_row("示范县统计局", make_uscc(606), enforcement="也许", parent="不存在的机关"),
        ]
    )
    before = (Agency.objects.count(), AuditEntry.objects.count())
    # when
    result = excel.import_agencies(actor=supervisor, jurisdiction=jurisdiction, content=content)
    # then
    assert result.ok is False
    assert (result.created, result.updated) == (0, 0)
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "统一社会信用代码"),
        (4, "名称"),
        (5, "具有行政执法主体资格"),
    ]
    assert result.errors[0].message.startswith("统一社会信用代码校验位错误：第18位应为")
    assert result.errors[1].message == "名称不能为空。"
    assert result.errors[2].message == "具有行政执法主体资格应填“是”或“否”，实际为“也许”。"
    assert (Agency.objects.count(), AuditEntry.objects.count()) == before


def test_error_report_xlsx(supervisor):
    report = load_workbook(io.BytesIO(excel.error_report([excel.RowError(3, "名称", "名称不能为空。")])))
    assert [[c.value for c in row] for row in report.active.iter_rows()] == [
        ["行号", "列名", "错误说明"],
        ["第 3 行", "名称", "名称不能为空。"],
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "上传的文件是空的，请选择填好的 Excel 文件（.xlsx）。"),
        (
            b"name,uscc\nfoo,bar\n",
            "无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件，不支持 .xls、.csv 或其他格式。建议先下载导入模板，按模板填写。",
        ),
        (
            xlsx([["名称", "信用代码"], ["a", "b"]]),
            "列名与导入模板不一致（缺少必填列：统一社会信用代码；无法识别的列：信用代码）。请下载最新模板，勿修改第1行。",
        ),
        (xlsx([AGENCY_HEADER]), "文件中没有数据行：请从第2行起填写。"),
        (xlsx([]), "文件第1行没有列名：请使用导入模板，第1行保留列名。"),
    ],
)
def test_broken_files_get_a_clear_message(content, message, supervisor, jurisdiction):
    with pytest.raises(excel.ImportFileError) as exc:
        excel.import_agencies(actor=supervisor, jurisdiction=jurisdiction, content=content)
    assert str(exc.value) == message


def test_agency_admin_may_not_import_agencies(agency_admin, jurisdiction):
    with pytest.raises(PermissionDenied):
        excel.import_agencies(actor=agency_admin, jurisdiction=jurisdiction, content=xlsx([AGENCY_HEADER]))


def test_export_then_import_round_trips_without_change(supervisor, jurisdiction, agency, other_agency):
    # given
    other_agency.parent = agency
    other_agency.save()
    exported = excel.export_agencies(Agency.objects.order_by("name"))
    before = list(Agency.objects.order_by("pk").values())
    # when
    result = excel.import_agencies(actor=supervisor, jurisdiction=jurisdiction, content=exported)
    # then
    assert (result.ok, result.created, result.updated) == (True, 0, 3)
    assert list(Agency.objects.order_by("pk").values()) == before
    assert AuditEntry.objects.filter(action="org.update_agency").count() == 0  # nothing changed


def test_export_lists_only_visible_staff_and_never_passwords(agency_admin, officer, other_officer):
    from fazhi.org import selectors

    wb = load_workbook(io.BytesIO(excel.export_staff(selectors.users_filtered(agency_admin))))
    rows = [[c.value for c in row] for row in wb.worksheets[0].iter_rows(min_row=2)]
    assert [(r[0], r[2], r[3], r[8]) for r in rows] == [
        ("agency_admin", "部门管理员", "示范县市场监督管理局", None),
        ("officer", "执法人员", "示范县市场监督管理局", None),
    ]


def test_import_staff_creates_and_updates(agency_admin, agency, officer):
    # given
    content = xlsx(
        [
            STAFF_HEADER,
            [
                "wangwu",
                "王五",
                "执法人员",
                "示范县市场监督管理局",
                "否",
                "11010519491231002X",
                13800000000,
                "",
                "Shifan-county-2026",
            ],
            ["officer", "改名了", "法制审核人员", "示范县市场监督管理局", "", "", "", "", ""],
        ]
    )
    # when
    result = excel.import_staff(actor=agency_admin, jurisdiction=agency.jurisdiction, content=content)
    # then
    assert (result.ok, result.created, result.updated) == (True, 1, 1)
    wangwu = User.objects.get(username="wangwu")
    assert (wangwu.phone, wangwu.id_number, wangwu.check_password("Shifan-county-2026")) == (
        "13800000000",
        "11010519491231002X",
        True,
    )
    officer.refresh_from_db()
    assert (officer.full_name, officer.role) == ("改名了", "legal_reviewer")


def test_import_staff_out_of_scope_row_fails_whole_file(agency_admin, agency, other_agency):
    # given
    content = xlsx(
        [
            STAFF_HEADER,
            ["wangwu", "王五", "执法人员", "示范县市场监督管理局", "", "", "", "", "Shifan-county-2026"],
            ["zhaoliu", "赵六", "执法人员", "示范县交通运输局", "", "", "", "", "Shifan-county-2026"],
            ["sunqi", "孙七", "执法人员", "示范县市场监督管理局", "", "", "", "", ""],
        ]
    )
    # when
    result = excel.import_staff(actor=agency_admin, jurisdiction=agency.jurisdiction, content=content)
    # then
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "—", "您无权为“示范县交通运输局”新增工作人员。"),
        (4, "初始密码", "新建账号须填写初始密码。"),
    ]
    assert User.objects.filter(username__in=["wangwu", "zhaoliu", "sunqi"]).count() == 0


def test_export_never_writes_formulas(supervisor, agency):
    # given: text that a spreadsheet would run as a formula
    agency.address = '=HYPERLINK("http://evil.example","点我")'
    agency.save()
    # when
    wb = load_workbook(io.BytesIO(excel.export_agencies([agency])))
    cell = wb.worksheets[0]["G2"]
    # then
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://evil.example","点我")', "s")
