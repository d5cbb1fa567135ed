"""Reconsideration documents as .docx (python-docx): acceptance, rejection, amendment and reply
notices, and the decision. Each is built from the case record only (never retype)."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.http import Http404, HttpResponse

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fazhi.core import procedures, workdays

from .choices import DocumentKind, Outcome, PartyRole
from .models import Reconsideration
from .procedures import RECONSIDERATION

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ORGAN = "{j}人民政府"


def _organ(case: Reconsideration) -> str:
    return ORGAN.format(j=case.jurisdiction.name)


def _applicants(case: Reconsideration) -> str:
    return "、".join(p.name for p in case.parties.all() if p.role == PartyRole.APPLICANT)


def _step_on(case: Reconsideration, *names: str) -> str:
    step = next((st for st in reversed(list(procedures.steps(case))) if st.transition in names), None)
    return f"{step.on:%Y年%m月%d日}" if step else "____年__月__日"


PENDING = "待日历确认"


def _by(case: Reconsideration, clock: str) -> str:
    """ "于2025年10月20日前"; while the due date is provisional (its year's holidays not entered) the
    period itself with the provisional date, e.g. "自2026年12月29日起10个工作日内（届满日暂计为
    2027年01月12日，待日历确认）" — never a provisional date passed off as the exact one."""
    d = procedures.deadlines(case).filter(clock=clock).order_by("-id").first()
    if d is None:
        return "于____年__月__日前"
    if d.due_date is not None and not d.calendar_pending:
        return f"于{d.due_date:%Y年%m月%d日}前"
    period = str(workdays.Period(d.period_n, d.period_unit))  # type: ignore[arg-type]
    extended = "、".join(str(workdays.Period(e.period_n, e.period_unit)) for e in d.extensions.all())  # type: ignore[arg-type]
    provisional = f"暂计为{d.due_date:%Y年%m月%d日}，" if d.due_date is not None else ""
    return (
        f"自{d.start_date:%Y年%m月%d日}起{period}内"
        f"（{'另延长' + extended + '，' if extended else ''}届满日{provisional}{PENDING}）"
    )


def _acceptance(case: Reconsideration) -> tuple[str, list[str]]:
    decision_clock = "decision_simplified" if case.is_simplified else "decision"
    return "行政复议受理通知书", [
        f"{_applicants(case)}：",
        f"你（单位）不服{case.respondent.name}{case.challenged_act}，于{case.received_on:%Y年%m月%d日}提出的行政复议申请，"
        f"经审查，符合《中华人民共和国行政复议法》第三十条规定的受理条件，本机关决定自"
        f"{_step_on(case, 'accept', 'accept_simplified', 'deem_accepted')}起受理，适用{case.get_procedure_kind_display()}审理。",
        f"本机关将{_by(case, decision_clock)}作出行政复议决定（依法中止、延长的除外）。",
    ]


def _rejection(case: Reconsideration) -> tuple[str, list[str]]:
    lines = [
        f"{_applicants(case)}：",
        f"你（单位）不服{case.respondent.name}{case.challenged_act}，于{case.received_on:%Y年%m月%d日}提出行政复议申请。",
        f"经审查，{case.rejection_reasons}。根据《中华人民共和国行政复议法》第三十条第二款的规定，本机关决定不予受理。",
    ]
    if case.competent_organ:
        lines.append(f"你（单位）可以向{case.competent_organ}申请行政复议。")
    lines.append(
        "如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼（行政复议法第三十四条）。"
    )
    return "不予受理行政复议申请决定书", lines


def _amendment(case: Reconsideration) -> tuple[str, list[str]]:
    amendment = case.amendments.order_by("-id").first()
    if amendment is None:
        raise Http404("本案没有补正通知。")
    items = [f"{i}. {item}" for i, item in enumerate(amendment.items, start=1)]
    return "补正行政复议申请材料通知书", [
        f"{_applicants(case)}：",
        f"你（单位）于{case.received_on:%Y年%m月%d日}提出的行政复议申请，材料不齐全或者表述不清楚，"
        "根据《中华人民共和国行政复议法》第三十一条的规定，请补正以下全部事项：",
        *items,
        f"请{_amendment_by(case)}补正。无正当理由逾期不补正的，视为放弃行政复议申请。",
    ]


def _amendment_by(case: Reconsideration) -> str:
    """第三十一条第二款: the period runs from the applicant's receipt of this notice, so a notice
    printed before that receipt is recorded states the period, not a date."""
    if procedures.deadlines(case).filter(clock="amendment").exists():
        return _by(case, "amendment")
    return f"自收到本通知之日起{RECONSIDERATION.clock('amendment').period}内"


def _reply_notice(case: Reconsideration) -> tuple[str, list[str]]:
    clock = "reply_simplified" if case.is_simplified else "reply"
    article = "第五十四条" if case.is_simplified else "第四十八条"
    return "提出行政复议答复通知书", [
        f"{case.respondent.name}：",
        f"{_applicants(case)}不服你机关{case.challenged_act}，向本机关申请行政复议，本机关已依法受理。现将申请书副本发送你机关。",
        f"根据《中华人民共和国行政复议法》{article}的规定，请{_reply_by(case, clock)}提出书面答复，"
        "并提交作出该行政行为的证据、依据和其他有关材料。逾期不答复的，视为该行政行为没有证据、依据（第七十条）。",
    ]


def _reply_by(case: Reconsideration, clock: str) -> str:
    """第四十八条、第五十四条: the period runs from the respondent's receipt of the copy this notice
    goes with, so before that receipt is recorded the notice states the period, not a date."""
    if procedures.deadlines(case).filter(clock=clock).exists():
        return _by(case, clock)
    return f"自收到申请书副本之日起{RECONSIDERATION.clock(clock).period}内"


def _decision(case: Reconsideration) -> tuple[str, list[str]]:
    if case.state != "decided":
        raise Http404("本案尚未作出复议决定。")
    return "行政复议决定书", [
        case.decision_number,
        f"申请人：{_applicants(case)}",
        f"被申请人：{case.respondent.name}",
        f"申请人不服被申请人{case.challenged_act}，于{case.received_on:%Y年%m月%d日}向本机关提出行政复议申请。",
        f"申请人请求：{case.claim}",
        f"被申请人答复称：{case.reply_text or '被申请人未在法定期限内提出书面答复。'}",
        f"本机关认为：{case.decision_reasons}",
        f"根据《中华人民共和国行政复议法》的规定，本机关决定：{Outcome(case.outcome).label}。",
        "申请人如不服本决定，可以自收到本决定书之日起十五日内向人民法院提起行政诉讼。",
        f"{case.closed_on:%Y年%m月%d日}" if case.closed_on else "",
    ]


BUILDERS: dict[str, Callable[[Reconsideration], tuple[str, list[str]]]] = {
    DocumentKind.ACCEPTANCE: _acceptance,
    DocumentKind.REJECTION: _rejection,
    DocumentKind.AMENDMENT: _amendment,
    DocumentKind.REPLY_NOTICE: _reply_notice,
    DocumentKind.DECISION: _decision,
}
AVAILABLE_IN = {
    DocumentKind.ACCEPTANCE: {"accepted", "suspended", "decided", "mediated", "terminated"},
    DocumentKind.REJECTION: {"rejected"},
    DocumentKind.AMENDMENT: {
        "amendment_requested",
        "received",
        "accepted",
        "abandoned",
        "rejected",
        "suspended",
        "decided",
    },
    DocumentKind.REPLY_NOTICE: {"accepted", "suspended", "decided", "mediated", "terminated"},
    DocumentKind.DECISION: {"decided"},
}


def available(case: Reconsideration) -> list[tuple[str, str]]:
    """(kind, label) of the documents this case can produce now."""
    out = []
    for kind in DocumentKind:
        if case.state not in AVAILABLE_IN[kind]:
            continue
        if kind == DocumentKind.AMENDMENT and not case.amendments.exists():
            continue
        if kind == DocumentKind.REPLY_NOTICE and case.copy_sent_on is None:
            continue
        out.append((kind.value, kind.label))
    return out


def render(case: Reconsideration, kind: str) -> tuple[str, bytes]:
    """(filename, .docx bytes)."""
    if kind not in BUILDERS or kind not in dict(available(case)):
        raise Http404("本案当前不能生成该文书。")
    title, lines = BUILDERS[kind](case)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"  # type: ignore[attr-defined]
    style.font.size = Pt(16)  # type: ignore[attr-defined]
    for text, size in ((_organ(case), 22), (title, 22)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
    if kind != DocumentKind.DECISION:
        p = doc.add_paragraph(case.number)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for line in lines:
        doc.add_paragraph(line)
    p = doc.add_paragraph(f"{_organ(case)}（印章）")
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buf = io.BytesIO()
    doc.save(buf)
    return f"{case.number}-{DocumentKind(kind).label}.docx", buf.getvalue()


def docx_response(case: Reconsideration, kind: str) -> HttpResponse:
    from urllib.parse import quote

    filename, content = render(case, kind)
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
