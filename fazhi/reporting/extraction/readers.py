"""Turn a report file (.txt, .html, .docx, .pdf) into plain text, with Chinese errors when it cannot."""

from __future__ import annotations

import io
import zipfile
from html.parser import HTMLParser
from pathlib import Path

SUPPORTED = (".txt", ".html", ".htm", ".docx", ".pdf")


class ReportReadError(ValueError):
    """A report file that cannot be read; the message is shown to the user as is."""


def read_report(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReportReadError(f"找不到文件：{path}") from exc
    except OSError as exc:
        raise ReportReadError(f"无法读取文件：{path}（{exc.strerror}）") from exc
    return read_report_bytes(data, path.name)


def read_report_bytes(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise ReportReadError(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请上传 .txt、.html、.docx 或 .pdf 文件（{name}）"
        )
    if not data.strip():
        raise ReportReadError(f"文件为空：{name}")
    if suffix == ".txt":
        text = _decode(data, name)
    elif suffix in (".html", ".htm"):
        text = html_to_text(_decode(data, name))
    elif suffix == ".docx":
        text = _docx_text(data, name)
    else:
        text = _pdf_text(data, name)
    if not text.strip():
        raise ReportReadError(f"文件中没有可读取的文字：{name}")
    return text


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportReadError(f"无法识别文件编码（应为 UTF-8 或 GB18030）：{name}")


class _TextParser(HTMLParser):
    BLOCKS = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "title",
    }
    SKIP = {"script", "style", "head", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReportReadError(f"Word 文档已损坏或不是 .docx 格式，无法读取：{name}") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(line.strip() for line in lines if line.strip())


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ReportReadError(f"PDF 文件已损坏或已加密，无法读取：{name}") from exc
    return join_wrapped_lines("\n".join(pages))


def join_wrapped_lines(text: str) -> str:
    """PDF text breaks lines inside paragraphs: join a full-width line to the next one.

    A line shorter than the page's usual width (a title, a heading, a paragraph's last line) or one
    that ends a sentence keeps its break.
    """
    lines = [line.rstrip() for line in text.splitlines()]
    lengths = sorted(len(line) for line in lines if line.strip())
    if len(lengths) < 10:  # too little text to tell a full line from a short one
        return text
    width = lengths[int(len(lengths) * 0.9) - 1]
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1]
            and len(out[-1].split("\n")[-1]) >= 0.85 * width
            and out[-1][-1] not in "。：:；;！？!?"
        ):
            out[-1] += line.strip()
        else:
            out.append(line.strip())
    return "\n".join(out)
