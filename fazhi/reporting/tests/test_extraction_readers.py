"""Reading .txt, .html, .docx and .pdf reports; Chinese errors for unreadable files."""

from __future__ import annotations

import io
from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from fazhi.reporting.extraction.readers import ReportReadError, html_to_text, read_report_bytes

SAMPLE = "示范县2023年法治政府建设年度报告\n全年共办理法律援助案件120件。"


def test_txt_in_gb18030():
    # given
    data = SAMPLE.encode("gb18030")
    # when
    text = read_report_bytes(data, "report.txt")
    # then
    assert text == SAMPLE


def test_html_drops_scripts_and_keeps_paragraphs():
    # given
    html = "<html><head><title>t</title><script>var x=5;</script></head><body><p>示范县</p><p>办理案件3件。</p></body></html>"
    # when
    text = html_to_text(html)
    # then
    assert text == "示范县\n办理案件3件。"


def test_docx_paragraphs():
    # given
    import docx

    document = docx.Document()
    for line in SAMPLE.splitlines():
        document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    # when
    text = read_report_bytes(buf.getvalue(), "report.docx")
    # then
    assert text == SAMPLE


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "empty.txt", "文件为空：empty.txt"),
        (b"   \n", "blank.txt", "文件为空：blank.txt"),
        (
            b"abc",
            "report.xls",
            "不支持的文件类型“.xls”：请上传 .txt、.html、.docx 或 .pdf 文件（report.xls）",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "broken.docx",
            "Word 文档已损坏或不是 .docx 格式，无法读取：broken.docx",
        ),
        (b"%PDF-1.4 garbage", "broken.pdf", "PDF 文件已损坏或已加密，无法读取：broken.pdf"),
    ],
)
def test_unreadable_files_have_chinese_errors(data, name, message):
    # given an unreadable file
    # when
    with pytest.raises(ReportReadError) as exc:
        read_report_bytes(data, name)
    # then
    assert str(exc.value) == message


def test_extract_command_reports_unreadable_file(tmp_path):
    # given
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    # when
    with pytest.raises(CommandError) as exc:
        call_command("reports", "extract", str(path), stdout=StringIO())
    # then
    assert str(exc.value) == "文件为空：empty.txt"


def test_pdf_text_is_read():
    # given a PDF made from HTML with a CJK font (weasyprint is a project dependency)
    weasyprint = pytest.importorskip("weasyprint")
    import shutil
    import subprocess

    fonts = (
        subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
        if shutil.which("fc-list")
        else ""
    )
    if not fonts.strip():
        pytest.skip("no CJK font installed: weasyprint cannot write Chinese text")
    html = (
        '<html><body style="font-family: Noto Serif CJK SC, AR PL UMing CN, sans-serif">'
        "<p>示范县2023年法治政府建设年度报告</p><p>全年共办理法律援助案件120件。</p></body></html>"
    )
    pdf = weasyprint.HTML(string=html).write_pdf()
    # when
    text = read_report_bytes(pdf, "report.pdf")
    # then
    assert text == SAMPLE


def test_wrapped_pdf_lines_are_joined_but_headings_kept():
    # given twelve lines: headings and paragraphs wrapped at the page width
    from fazhi.reporting.extraction.readers import join_wrapped_lines

    block = "一、主要举措\n全年共办理法律援助案件一百二十件并且开展了大量普法宣传活动取得\n良好效果。\n"
    # when
    text = join_wrapped_lines(block * 4)
    # then
    assert text.splitlines()[:2] == [
        "一、主要举措",
        "全年共办理法律援助案件一百二十件并且开展了大量普法宣传活动取得良好效果。",
    ]
