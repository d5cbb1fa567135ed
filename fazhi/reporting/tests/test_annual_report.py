"""The annual report: placeholders resolved with their source, YoY computed, .docx per GB/T 9704, PDF, publication."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.core.audit.models import AuditEntry
from fazhi.core.indicators import CatalogueEntry
from fazhi.reporting.annual_report import docx as gbt
from fazhi.reporting.annual_report import render
from fazhi.reporting.annual_report.figures import yoy_text
from fazhi.reporting.models import ReportFigure, ReportStatus
from fazhi.reporting.report import services as svc
from fazhi.reporting.submissions import services as subs

E = subs.Entry


def _approve(actor, officer, jurisdiction, agency, year, values):
    campaign = subs.open_campaign(
        actor=actor,
        jurisdiction=jurisdiction,
        year=year,
        due_date=date(year + 1, 1, 31),
        codes=list(values),
        agencies=[agency],
    )
    s = campaign.submissions.get()
    subs.save_values(actor=officer, submission=s, entries={c: E(v, "说明") for c, v in values.items()})
    subs.submit_submission(actor=officer, submission=s)
    subs.approve_submission(actor=actor, submission=s)
    return s


@pytest.fixture
def report(supervisor, jurisdiction):
    return svc.create_report(actor=supervisor, jurisdiction=jurisdiction, year=2025)


def test_create_report_has_the_statutory_sections(report):
    assert list(report.sections.values_list("key", flat=True)) == [
        "intro",
        *[f"system_{i}" for i in range(1, 9)],
        "problems",
        "leaders",
        "plans",
        "other",
    ]
    assert report.title == f"{report.jurisdiction.name}人民政府关于2025年度法治政府建设情况的报告"
    assert (report.report_due, report.publication_due) == (date(2026, 3, 1), date(2026, 4, 1))


def test_figures_keep_their_source_and_yoy_is_computed(report, supervisor, officer, jurisdiction, agency):
    # given: 2024 = 10 meetings, 2025 = 12 meetings (approved submissions)
    _approve(supervisor, officer, jurisdiction, agency, 2024, {"leadership.meetings_on_rule_of_law": 10})
    s25 = _approve(
        supervisor, officer, jurisdiction, agency, 2025, {"leadership.meetings_on_rule_of_law": 12}
    )
    section = report.sections.get(key="leaders")
    svc.update_section(
        actor=supervisor,
        section=section,
        body="专题研究法治建设{{ind:leadership.meetings_on_rule_of_law}}，{{yoy:leadership.meetings_on_rule_of_law}}；立案{{ind:enforcement.cases_opened}}。",
    )
    # when
    svc.build_report(actor=supervisor, report=report)
    # then
    figs = list(ReportFigure.objects.filter(section=section).order_by("position"))
    assert [(f.kind, f.code, f.value, f.previous, f.text, f.source) for f in figs] == [
        ("ind", "leadership.meetings_on_rule_of_law", Decimal(12), None, "12次", "submission"),
        (
            "yoy",
            "leadership.meetings_on_rule_of_law",
            Decimal(12),
            Decimal(10),
            "同比增长20.0%",
            "submission",
        ),
        ("ind", "enforcement.cases_opened", Decimal(0), None, "0件", "computed"),
    ]
    assert list(figs[0].submissions.values_list("pk", flat=True)) == [s25.pk]
    assert figs[2].record_count == 0
    para = [
        b for b in render.blocks(report, with_chart=False) if b.kind == "para" and "专题研究" in b.parts[0][0]
    ][0]
    assert "".join(t for t, _ in para.parts) == "专题研究法治建设12次，同比增长20.0%；立案0件。"


@pytest.mark.parametrize(
    ("kind", "unit", "value", "text"),
    [
        ("count", "件", 486000, "48.6万件"),
        ("count", "件", 99999, "99999件"),
        ("rate", "%", Decimal("95.50"), "95.5%"),
        ("amount", "万元", Decimal("2122.84"), "2122.84万元"),
        ("count", "次", 0, "0次"),
    ],
)
def test_figure_wording(kind, unit, value, text):
    from fazhi.reporting.dashboard.selectors import format_value

    entry = CatalogueEntry("x.y", "测试", unit, kind, "year", "yes", "computed", "reporting")
    assert format_value(value, entry) == text


@pytest.mark.parametrize(
    ("kind", "unit", "current", "previous", "text"),
    [
        ("count", "件", 120, 100, "同比增长20.0%"),
        ("count", "件", 90, 100, "同比下降10.0%"),
        ("count", "件", 100, 100, "与上年持平"),
        ("count", "件", 5, 0, "上年为0，本年增加5件"),
        ("rate", "%", Decimal("98.5"), Decimal("97"), "同比提高1.5个百分点"),
        ("rate", "%", Decimal("90"), Decimal("92.25"), "同比下降2.25个百分点"),
        ("count", "件", 5, None, "（上年无可比数据）"),
    ],
)
def test_yoy_wording(kind, unit, current, previous, text):
    entry = CatalogueEntry("x.y", "测试", unit, kind, "year", "yes", "computed", "reporting")
    assert yoy_text(entry, current, previous) == text


def test_unknown_code_in_a_section_is_refused(report, supervisor):
    section = report.sections.get(key="other")
    with pytest.raises(ValidationError) as exc:
        svc.update_section(actor=supervisor, section=section, body="共{{ind:nothing.here}}项")
    assert exc.value.message_dict == {
        "body": ["“五、其他需要报告的事项”中引用了不在指标目录中的指标代码：nothing.here。"]
    }
    section.refresh_from_db()
    assert section.body == "无。"


def test_only_the_bureau_drafts_a_report(officer, jurisdiction):
    with pytest.raises(PermissionDenied):
        svc.create_report(actor=officer, jurisdiction=jurisdiction, year=2025)


def _east_asia(run):
    return run.element.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_is_laid_out_as_an_official_document(report, supervisor):
    # given
    svc.build_report(actor=supervisor, report=report)
    # when
    doc = Document(io.BytesIO(render.render_docx(report)))
    # then: A4 and GB/T 9704 margins
    s = doc.sections[0]
    assert (s.page_width.twips, s.page_height.twips) == (11906, 16838)  # A4
    assert [round(m.mm, 1) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]
    paras = [p for p in doc.paragraphs if p.text.strip()]
    # title: 小标宋-style face, 22 pt, bold, centred
    title = paras[0]
    assert title.text == report.title
    assert (_east_asia(title.runs[0]), title.runs[0].font.size, title.runs[0].font.bold) == (
        gbt.FONT_TITLE,
        Pt(22),
        True,
    )
    assert title.alignment == 1  # CENTER
    # headings: the statutory outline in order, 一、 in 黑体-style, （一） in 楷体-style
    headings = [p.text for p in paras if p.text.startswith(("一、", "二、", "三、", "四、", "五、", "（"))]
    assert headings == [
        "一、2025年法治政府建设的主要举措和成效",
        "（一）健全政府机构职能体系，推动更好发挥政府作用",
        "（二）健全依法行政制度体系，加快推进政府治理规范化程序化法治化",
        "（三）健全行政决策制度体系，不断提升行政决策公信力和执行力",
        "（四）健全行政执法工作体系，全面推进严格规范公正文明执法",
        "（五）健全突发事件应对体系，依法预防处置重大突发事件",
        "（六）健全社会矛盾纠纷行政预防调处化解体系，不断促进社会公平正义",
        "（七）健全行政权力制约和监督体系，促进行政权力规范透明运行",
        "（八）健全法治政府建设科技保障体系，全面建设数字法治政府",
        "二、存在的不足和原因",
        "三、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "四、2026年推进法治政府建设的主要安排",
        "五、其他需要报告的事项",
    ]
    h1 = next(p for p in paras if p.text.startswith("一、"))
    h2 = next(p for p in paras if p.text.startswith("（一）"))
    assert (_east_asia(h1.runs[0]), _east_asia(h2.runs[0])) == (gbt.FONT_H1, gbt.FONT_H2)
    # body: 仿宋-style face, 16 pt, fixed 28 pt lines, two-character indent
    body = next(p for p in paras if p.text.startswith("2025年，"))
    assert {(_east_asia(r), r.font.size) for r in body.runs} == {(gbt.FONT_BODY, Pt(16))}
    assert (body.paragraph_format.line_spacing, body.paragraph_format.first_line_indent) == (Pt(28), Pt(32))
    # page numbers: PAGE field in the odd (right) and even (left) footers
    assert doc.settings.odd_and_even_pages_header_footer is True
    for footer, align in ((s.footer, 2), (s.even_page_footer, 0)):
        xml = footer.paragraphs[0]._p.xml
        assert " PAGE " in xml
        assert footer.paragraphs[0].alignment == align
        assert footer.paragraphs[0].text.replace(" ", "") == "—1—"
    # one chart picture, and the issuer at the end
    assert len(doc.inline_shapes) == 1
    assert paras[-2].text == report.issuer


def test_the_fonts_named_in_the_docx_are_installed():
    import subprocess

    names = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True
    ).stdout
    for font in (gbt.FONT_TITLE, gbt.FONT_BODY, gbt.FONT_H1, gbt.FONT_H2):
        assert font in names


def test_publish_writes_docx_and_pdf_and_shows_on_the_portal(report, supervisor, client, settings, tmp_path):
    # given
    settings.MEDIA_ROOT = tmp_path
    # when
    svc.publish_report(actor=supervisor, report=report, on=date(2026, 3, 20))
    # then
    report.refresh_from_db()
    assert (report.status, report.published_on) == (ReportStatus.PUBLISHED, date(2026, 3, 20))
    assert report.pdf_file.read(5) == b"%PDF-"
    entry = AuditEntry.objects.get(action="reporting.publish_report")
    assert (entry.after["late"], entry.note) == (False, "")
    page = client.get("/gongkai/baogao/")
    assert report.title in page.content.decode()
    assert client.get(f"/gongkai/baogao/{report.pk}/download.pdf").status_code == 200
    with pytest.raises(ValidationError):
        svc.update_section(actor=supervisor, section=report.sections.first(), body="改")


def test_late_publication_is_noted(report, supervisor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    svc.publish_report(actor=supervisor, report=report, on=date(2026, 4, 2))
    assert (
        AuditEntry.objects.get(action="reporting.publish_report").note
        == "逾期公开：法定公开期限为 2026-04-01"
    )


def test_drafts_are_not_on_the_portal(report, client):
    assert client.get(f"/gongkai/baogao/{report.pk}/").status_code == 404


def test_chart_is_an_a4_width_png():
    from PIL import Image

    from fazhi.reporting.annual_report.charts import bar_chart

    png = bar_chart("主要指标同比", ["执法立案", "复议申请"], [100, None], [120, 25], year=2025)
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (1600, 900))


def test_staff_copy_links_every_figure_to_its_records(report, supervisor):
    # when
    doc = Document(io.BytesIO(render.render_docx(report, link_base="https://fazhi.example.gov.cn/")))
    # then
    body = doc.part
    links = [r.target_ref for r in body.rels.values() if r.reltype.endswith("/hyperlink")]
    assert sum(len(p.hyperlinks) for p in doc.paragraphs) == report.figures.count() == 80
    assert len(set(links)) == report.figures.values("code").distinct().count()
    assert "https://fazhi.example.gov.cn/reporting/indicators/services.items/?year=2025" in links
    first = next(p for p in doc.paragraphs if p.hyperlinks)
    assert {_east_asia(r) for h in first.hyperlinks for r in h.runs} == {gbt.FONT_BODY}


def test_published_copy_has_no_staff_links(report):
    doc = Document(io.BytesIO(render.render_docx(report)))
    assert not [r for r in doc.part.rels.values() if r.reltype.endswith("/hyperlink")]
