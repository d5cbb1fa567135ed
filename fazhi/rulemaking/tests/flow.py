"""Move a normative document through its procedure with real dates (test helpers)."""

from __future__ import annotations

from datetime import date

from fazhi.rulemaking import services
from fazhi.rulemaking.models import PreReviewFlag


def to_review(doc, drafter, *, on: date = date(2025, 9, 1), comment_days_end: date | None = None):
    """registered → assessed → (comment) → legality_review, on and after `on`."""
    services.assess_document(actor=drafter, document=doc, on=on, assessment="确有必要，切实可行。")
    if doc.requires_comment:
        end = comment_days_end or date(2025, 10, 13)
        services.open_comment(actor=drafter, document=doc, on=on, ends_on=end)
        services.close_comment(actor=drafter, document=doc, on=end)
        services.submit_review(actor=drafter, document=doc, on=end)
    else:
        services.submit_review(actor=drafter, document=doc, on=on)
    doc.refresh_from_db()
    return doc


def clear_flags(doc, reviewer, on: date):
    for f in PreReviewFlag.objects.filter(clause__version__document=doc):
        services.decide_flag(actor=reviewer, flag=f, decision="accepted", note="", on=on)


def to_adopted(doc, drafter, reviewer, *, on: date):
    clear_flags(doc, reviewer, on)
    services.pass_review(
        actor=reviewer, document=doc, on=on, opinion_text="经审核，该文件制定主体适格，程序合法，内容合法。"
    )
    if doc.touches_market:
        services.record_fair_competition(
            actor=drafter, document=doc, on=on, conclusion="passed", text="经审查，不含排除、限制竞争的内容。"
        )
    services.deliberate_document(
        actor=drafter,
        document=doc,
        on=on,
        meeting_kind="executive",
        meeting_name="县政府第12次常务会议",
        minutes="会议审议通过。",
    )
    doc.refresh_from_db()
    return doc


def to_published(
    doc,
    drafter,
    reviewer,
    *,
    on: date,
    number: str = "示政规〔2025〕1号",
    effective_on: date | None = None,
    months: int = 60,
):
    to_adopted(doc, drafter, reviewer, on=on)
    services.publish_document(
        actor=drafter,
        document=doc,
        on=on,
        signed_by="王县长",
        effective_on=effective_on or on,
        validity_months=months,
        number=number,
    )
    doc.refresh_from_db()
    return doc
