"""Hostile uploads (issue 16, point 6): a zip bomb is refused before it is inflated; formula cells are
read by their cached value, or refused naming the cell when the file holds none."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from fazhi.core import excel

COLUMNS = (excel.Column("name", "姓名", "", required=True), excel.Column("hours", "学时", ""))


def xlsx(rows) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    return excel.workbook_bytes(wb)


def rewrite(content: bytes, part: str, change) -> bytes:
    """The same .xlsx with one part's XML changed (as another program would have written it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info.filename, change(data) if info.filename == part else data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated(monkeypatch):
    # given a small file whose parts expand to 3 MB (the limit set to 2 MB for the test)
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    content = rewrite(xlsx([["姓名"], ["张三"]]), "xl/worksheets/sheet1.xml", lambda d: d)
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))
    bomb = out.getvalue()
    assert len(bomb) < 50_000
    # when / then
    with pytest.raises(excel.ImportFileError, match="文件解压后超过 2 MB，无法导入"):
        excel.read_rows(bomb, COLUMNS)


def test_the_declared_sizes_are_read_without_inflating(monkeypatch):
    # given a part that declares 3 MB (a lie the zip reader would catch on inflating)
    monkeypatch.setattr(excel, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)

    def inflate(*args, **kwargs):
        raise AssertionError("inflated")

    content = xlsx([["姓名"], ["张三"]])
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/padding.bin", b"\0" * (3 * 1024 * 1024))
    monkeypatch.setattr(zipfile.ZipFile, "read", inflate)
    monkeypatch.setattr(zipfile.ZipFile, "open", inflate)
    with pytest.raises(excel.ImportFileError, match="文件解压后超过"):
        excel.open_workbook(out.getvalue())


def test_a_formula_without_a_cached_value_is_refused_naming_the_cell():
    content = xlsx([["姓名", "学时"], ["张三", "=1+1"], ["李四", "=2*3"]])
    with pytest.raises(excel.ImportFileError) as exc:
        excel.read_rows(content, COLUMNS)
    assert str(exc.value) == (
        "单元格 B2、B3 是公式，但文件中没有保存计算结果：请在 Excel 中打开文件、保存后重新上传，或把公式改为数值。"
    )


def test_a_formula_is_read_by_its_cached_value():
    # given a file saved by Excel: the formula and its computed value
    content = rewrite(
        xlsx([["姓名", "学时"], ["张三", "=1+1"]]),
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>2</v>").replace(
            b"<f>1+1</f><v/>", b"<f>1+1</f><v>2</v>"
        ),
    )
    # when
    rows = excel.read_rows(content, COLUMNS)
    # then
    assert rows == [(2, {"name": "张三", "hours": "2"})]


def test_an_unreadable_file_is_a_chinese_message():
    with pytest.raises(excel.ImportFileError, match="无法读取该文件"):
        excel.read_rows(b"PK\x03\x04 not really a zip", COLUMNS)


@pytest.mark.parametrize("content", [b"not a workbook", b""])
def test_the_training_import_answers_an_unreadable_file_with_400(client, agency_admin, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(agency_admin)
    upload = SimpleUploadedFile("学时.xlsx", content)
    response = client.post("/enforcement/officers/training/import/", {"file": upload})
    assert response.status_code == 400
    assert "无法导入培训学时" in response.content.decode()
