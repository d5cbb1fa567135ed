"""The shared Excel machinery (core.excel): templates, safe text cells, error report, reading rows with
header checks and their Chinese messages, and the all-or-nothing row runner."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core import excel

COLUMNS = (
    excel.Column("name", "名称", "全称。", required=True, width=30),
    excel.Column("kind", "类型", "从下拉列表选择。", choices=(("a", "甲类"), ("b", "乙类"))),
    excel.Column("active", "启用", "填“是”或“否”。", is_bool=True),
    excel.Column("note", "备注", "可不填。"),
)
HEADER = [c.header for c in COLUMNS]


def xlsx(rows):
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    return excel.workbook_bytes(wb)


def test_template_has_the_headers_drop_downs_text_cells_and_a_notes_sheet():
    wb = load_workbook(io.BytesIO(excel.template("名单", COLUMNS)))
    assert wb.sheetnames == ["名单", "填写说明"]
    ws = wb["名单"]
    assert [c.value for c in ws[1]] == HEADER
    assert (ws.freeze_panes, ws.column_dimensions["A"].width, ws["A2"].number_format) == ("A2", 30, "@")
    assert sorted(dv.formula1 for dv in ws.data_validations.dataValidation) == ['"是,否"', '"甲类,乙类"']
    notes = [[c.value for c in row] for row in wb["填写说明"].iter_rows(values_only=False)]
    assert notes[0] == ["说明", excel.IMPORT_INTRO, None, None]
    assert notes[2] == ["列名", "是否必填", "填写要求", "可选值"]
    assert notes[3:] == [
        ["名称", "必填", "全称。", None],
        ["类型", "选填", "从下拉列表选择。", "甲类、乙类"],
        ["启用", "选填", "填“是”或“否”。", "是、否"],
        ["备注", "选填", "可不填。", None],
    ]


def test_export_writes_rows_in_the_import_layout_and_never_formulas():
    # given: text that a spreadsheet would run as a formula
    evil = '=HYPERLINK("http://evil.example","点我")'
    # when
    wb = load_workbook(io.BytesIO(excel.export("名单", COLUMNS, [["甲", "甲类", excel.yes_no(True), evil]])))
    # then
    ws = wb["名单"]
    assert [c.value for c in ws[2]] == ["甲", "甲类", "是", evil]
    assert ws["D2"].data_type == "s"
    assert wb.sheetnames == ["名单", "填写说明"]


def test_append_text_row_keeps_numbers_as_numbers():
    wb = Workbook()
    excel.append_text_row(wb.active, ["=1+1", 3, 2.5, None])
    assert [(c.value, c.data_type) for c in wb.active[1]] == [
        ("=1+1", "s"),
        (3, "n"),
        (2.5, "n"),
        (None, "n"),
    ]


def test_error_report_lists_each_broken_cell():
    report = load_workbook(
        io.BytesIO(
            excel.error_report(
                [excel.RowError(3, "名称", "名称不能为空。"), excel.RowError(0, "—", "=SUM(A1)")]
            )
        )
    )
    ws = report.active
    assert ws.title == "错误报告"
    assert [[c.value for c in row] for row in ws.iter_rows()] == [
        ["行号", "列名", "错误说明"],
        ["第 3 行", "名称", "名称不能为空。"],
        ["—", "—", "=SUM(A1)"],
    ]
    assert ws["C3"].data_type == "s"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "是"),
        (False, "否"),
        (12.0, "12"),
        (12.5, "12.5"),
        (7, "7"),
        (date(2025, 3, 1), "2025-03-01"),
        (datetime(2025, 3, 1), "2025-03-01T00:00:00"),  # noqa: DTZ001 — Excel dates are naive
        ("  文本 ", "文本"),
    ],
)
def test_cell_text(value, text):
    assert excel.cell_text(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2025-03-01T00:00:00", "2025-03-01"),
        ("2025/3/1", "2025-03-01"),
        ("2025-3-1 08:00", "2025-03-01"),
        ("明年", "明年"),
        ("", ""),
    ],
)
def test_date_text(value, text):
    assert excel.date_text(value) == text


def test_read_rows_maps_headers_to_fields_skips_blank_rows_and_ignores_a_required_star():
    content = xlsx(
        [["名称*", "类型", "启用"], ["甲", "甲类", True], [], [None, None, None], ["乙", None, 0.0]]
    )
    assert excel.read_rows(content, COLUMNS) == [
        (2, {"name": "甲", "kind": "甲类", "active": "是"}),
        (5, {"name": "乙", "kind": "", "active": "0"}),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "上传的文件是空的，请选择填好的 Excel 文件（.xlsx）。"),
        (
            b"name,kind\nfoo,bar\n",
            "无法读取该文件：请上传 Excel 2007 及以上格式（.xlsx）的文件，不支持 .xls、.csv 或其他格式。建议先下载导入模板，按模板填写。",
        ),
        (xlsx([]), "文件第1行没有列名：请使用导入模板，第1行保留列名。"),
        (
            xlsx([["类型", "别名"], ["a", "b"]]),
            "列名与导入模板不一致（缺少必填列：名称；无法识别的列：别名）。请下载最新模板，勿修改第1行。",
        ),
        (xlsx([HEADER]), "文件中没有数据行：请从第2行起填写。"),
        (xlsx([HEADER, ["甲"], ["乙"], ["丙"], ["丁"]]), "一次最多导入 3 行，请分批导入。"),
    ],
)
def test_broken_files_get_a_clear_message(content, message):
    with pytest.raises(excel.ImportFileError) as exc:
        excel.read_rows(content, COLUMNS, max_rows=3)
    assert str(exc.value) == message


def test_open_workbook_takes_bytes_or_a_file_and_names_the_problem():
    content = xlsx([["名称"], ["甲"]])
    assert excel.open_workbook(content).worksheets[0]["A2"].value == "甲"
    assert excel.open_workbook(io.BytesIO(content)).worksheets[0]["A2"].value == "甲"
    with pytest.raises(excel.ImportFileError) as exc:
        excel.open_workbook(b"not a workbook", "请上传填报模板。")
    assert str(exc.value) == "请上传填报模板。"


def test_choice_and_bool_accept_values_and_labels_and_name_the_column():
    assert (excel.choice("甲类", COLUMNS[1]), excel.choice("b", COLUMNS[1])) == ("a", "b")
    assert [excel.parse_bool(v, COLUMNS[2]) for v in ("是", "Y", " true ", "√", "1", "否", "", "no")] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    with pytest.raises(ValidationError) as bad_choice:
        excel.choice("丙类", COLUMNS[1])
    assert bad_choice.value.message_dict == {"kind": ["“丙类”不是有效的类型，可选：甲类、乙类。"]}
    with pytest.raises(ValidationError) as bad_bool:
        excel.parse_bool("也许", COLUMNS[2])
    assert bad_bool.value.message_dict == {"active": ["启用应填“是”或“否”，实际为“也许”。"]}


def test_row_errors_name_the_column_of_each_message():
    exc = ValidationError({"name": ["太长。", "含有非法字符。"], "other": "不对。"})
    assert excel.row_errors(4, exc, COLUMNS) == [
        excel.RowError(4, "名称", "太长。"),
        excel.RowError(4, "名称", "含有非法字符。"),
        excel.RowError(4, "—", "不对。"),
    ]
    assert excel.row_errors(5, ValidationError("整行有误。"), COLUMNS) == [
        excel.RowError(5, "—", "整行有误。")
    ]
    assert excel.row_errors(6, PermissionDenied(), COLUMNS) == [excel.RowError(6, "—", "您无权导入该行。")]


def _create_group(values, result, number):
    if values["name"].startswith("禁"):
        raise PermissionDenied(f"您无权新增“{values['name']}”。")
    if values.get("active") and not excel.parse_bool(values["active"], COLUMNS[2]):
        raise excel.field_error("active", "只能导入启用的分组。", "inactive")
    Group.objects.create(name=values["name"])
    result.created += 1


@pytest.mark.django_db
def test_run_rows_writes_every_row_when_all_are_good():
    rows = [(2, {"name": "甲"}), (3, {"name": "乙", "active": "是"})]
    result = excel.run_rows(rows, COLUMNS, _create_group)
    assert (result.ok, result.rows, result.created, result.errors) == (True, 2, 2, [])
    assert sorted(Group.objects.values_list("name", flat=True)) == ["乙", "甲"]


@pytest.mark.django_db
def test_run_rows_checks_every_row_and_writes_nothing_when_one_fails():
    rows = [
        (2, {"name": "甲"}),
        (3, {"name": ""}),
        (4, {"name": "禁区"}),
        (5, {"name": "丙", "active": "否"}),
        (6, {"name": "丁", "active": "也许"}),
        (7, {"name": "戊"}),
    ]
    result = excel.run_rows(rows, COLUMNS, _create_group)
    assert (result.ok, result.rows, result.created, result.updated) == (False, 6, 0, 0)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (3, "名称", "名称不能为空。"),
        (4, "—", "您无权新增“禁区”。"),
        (5, "启用", "只能导入启用的分组。"),
        (6, "启用", "启用应填“是”或“否”，实际为“也许”。"),
    ]
    assert Group.objects.count() == 0
