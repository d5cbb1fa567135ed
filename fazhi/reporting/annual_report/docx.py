"""The report as a .docx laid out per GB/T 9704-2012 (党政机关公文格式).

* A4; 天头 37 mm, 订口 28 mm, page core 156 × 225 mm (so right 26 mm, bottom 35 mm);
* title 2号 (22 pt) in a 小标宋-style face, centred; body 3号 (16 pt) in a 仿宋-style face,
  first line indented two characters, fixed 28 pt lines (22 lines of 28 characters);
* level-1 headings (一、) in a 黑体-style face, level-2 headings (（一）) in a 楷体-style face;
* page numbers 4号 (14 pt) "— N —", odd pages right and even pages left, one character in.

The fonts are the free faces installed from Debian packages by scripts/system-deps.sh
(fonts-noto-cjk, fonts-arphic-uming, fonts-arphic-ukai); their names are written into every run
(w:eastAsia), so Word or LibreOffice on another machine substitutes its own 仿宋 etc. only if
these are missing.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# GB/T 9704 role → installed face (fc-list :lang=zh)
FONT_TITLE = "Noto Serif CJK SC"  # 小标宋 style (bold serif)
FONT_BODY = "AR PL UMing CN"  # 仿宋 style (light Song/Ming)
FONT_H1 = "Noto Sans CJK SC"  # 黑体 style
FONT_H2 = "AR PL UKai CN"  # 楷体 style
FONT_LATIN = "Times New Roman"
SIZE_TITLE, SIZE_BODY, SIZE_PAGE = Pt(22), Pt(16), Pt(14)
LINE = Pt(28)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}


def set_font(run_or_style: Any, east_asia: str, size: Any = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = FONT_LATIN
    el = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rfonts = el.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold


def _fixed_lines(paragraph: Any, *, indent: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = Pt(32)


def _page_number(paragraph: Any, align: Any) -> None:
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(14)

    def run(text: str = "") -> Any:
        r = paragraph.add_run(text)
        set_font(r, FONT_BODY, SIZE_PAGE)
        return r

    run("— ")
    r = run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r._r.append(fld)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            r._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            r._r.append(t)
    run(" —")


def new_document() -> Any:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.footer_distance = Mm(28) - Pt(14)  # page number line 7 mm under the page core (GB/T 9704 7.5)
    normal = doc.styles["Normal"]
    set_font(normal, FONT_BODY, SIZE_BODY)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)
    return doc


def add_title(doc: Any, title: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(35)
    fmt.space_after = LINE
    set_font(p.add_run(title), FONT_TITLE, SIZE_TITLE, bold=True)


def add_heading(doc: Any, text: str, level: int) -> None:
    p = doc.add_paragraph()
    _fixed_lines(p)
    set_font(p.add_run(text), FONT_H1 if level == 1 else FONT_H2, SIZE_BODY, bold=False)


def add_body(doc: Any, parts: Iterable[tuple[str, str | None]]) -> None:
    """One body paragraph from (text, link) parts: a figure is its own run, inside a hyperlink to
    the records behind it when `link` is given (staff copies; the published copy has none)."""
    p = doc.add_paragraph()
    _fixed_lines(p)
    for text, link in parts:
        run = p.add_run(text)
        set_font(run, FONT_BODY, SIZE_BODY)
        if link:
            r_id = p.part.relate_to(link, RT.HYPERLINK, is_external=True)
            hyperlink = OxmlElement("w:hyperlink")
            hyperlink.set(qn("r:id"), r_id)
            hyperlink.append(run._r)  # moves the run into the hyperlink
            p._p.append(hyperlink)


def add_picture(doc: Any, png: bytes, caption: str) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_picture(io.BytesIO(png), width=Mm(150))
    c = doc.add_paragraph()
    c.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fixed_lines(c, indent=False)
    set_font(c.add_run(caption), FONT_H2, Pt(14))


def add_signature(doc: Any, issuer: str, on: date) -> None:
    doc.add_paragraph()
    for text in (issuer, f"{on.year}年{on.month}月{on.day}日"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _fixed_lines(p, indent=False)
        p.paragraph_format.right_indent = Pt(64)  # 右空四字 (GB/T 9704 7.3.5.2)
        set_font(p.add_run(text), FONT_BODY, SIZE_BODY)


def to_bytes(doc: Any) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
