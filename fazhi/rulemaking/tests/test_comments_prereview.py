"""Public comment (anonymous, anchored to a clause, answered) and machine pre-review on real texts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from fazhi.rulemaking import prereview, services
from fazhi.rulemaking.models import PreReviewFlag, PreReviewRule, PublicComment

from .flow import to_published, to_review

NOW = datetime(2025, 9, 29, 10, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def consultation(register, drafter, outdoor_ads):
    doc = register(text=outdoor_ads, title="示范县户外广告设施设置管理办法", on=date(2025, 9, 26))
    services.assess_document(actor=drafter, document=doc, on=date(2025, 9, 26), assessment="必要")
    services.open_comment(actor=drafter, document=doc, on=date(2025, 9, 26), ends_on=date(2025, 10, 13))
    return doc


def _comment(doc, **over):
    version = doc.versions.get()
    values = {
        "version": version,
        "clause": version.clauses.get(heading="第四条"),
        "text": "建议取消户外广告设施占用费，减轻小微商户负担。",
        "name": "张三",
        "contact": "13812345678",
        "address": "203.0.113.5",
        "form_started_at": NOW - timedelta(seconds=60),
        "now": NOW,
    }
    values.update(over)
    return services.submit_comment(**values)


def test_a_comment_is_anchored_to_a_clause_without_an_account(consultation):
    c = _comment(consultation)
    assert (c.clause.heading, c.answer, c.submitted_on) == ("第四条", "pending", date(2025, 9, 29))
    assert len(c.source_hash) == 64
    assert "203.0.113.5" not in c.source_hash


@pytest.mark.parametrize(
    ("_case", "over", "code"),
    [
        ("honeypot field filled by a bot", {"honeypot": "http://spam.example"}, "honeypot"),
        (
            "sent two seconds after the form opened",
            {"form_started_at": NOW - timedelta(seconds=2)},
            "too_fast",
        ),
        ("no form start time", {"form_started_at": None}, "too_fast"),
    ],
)
def test_spam_is_refused_without_third_party_services(_case, over, code, consultation):
    with pytest.raises(ValidationError) as exc:
        _comment(consultation, **over)
    assert exc.value.code == code
    assert PublicComment.objects.count() == 0


def test_one_address_may_send_five_comments_an_hour(consultation):
    for _ in range(5):
        _comment(consultation)
    with pytest.raises(ValidationError) as exc:
        _comment(consultation)
    assert exc.value.code == "rate_limited"
    _comment(consultation, address="198.51.100.7")  # another address is not affected
    assert PublicComment.objects.count() == 6


def test_comments_are_refused_after_the_deadline(consultation):
    with pytest.raises(ValidationError) as exc:
        _comment(
            consultation,
            now=datetime(2025, 10, 14, 9, 0, tzinfo=timezone.get_current_timezone()),
            form_started_at=datetime(2025, 10, 14, 8, 0, tzinfo=timezone.get_current_timezone()),
        )
    assert exc.value.code == "comment_closed"


def test_every_comment_is_answered_before_review_and_reasons_are_required(consultation, drafter):
    # given
    c = _comment(consultation)
    services.close_comment(actor=drafter, document=consultation, on=date(2025, 10, 13))
    # when / then: unanswered → no review
    with pytest.raises(ValidationError) as exc:
        services.submit_review(actor=drafter, document=consultation, on=date(2025, 10, 13))
    assert exc.value.code == "comments_unanswered"
    # not adopted needs a reason
    with pytest.raises(ValidationError) as exc:
        services.answer_comment(
            actor=drafter, comment=c, answer="not_adopted", reason="", on=date(2025, 10, 13)
        )
    assert exc.value.error_dict["reason"][0].code == "required"
    services.answer_comment(
        actor=drafter,
        comment=c,
        answer="partly",
        reason="占用费依据省定标准收取，已明确减免情形。",
        on=date(2025, 10, 13),
    )
    services.submit_review(actor=drafter, document=consultation, on=date(2025, 10, 13))
    consultation.refresh_from_db()
    assert consultation.state == "legality_review"


# --- machine pre-review -----------------------------------------------------------------------------
def test_split_clauses_keeps_the_preamble_and_numbers():
    from .texts import CLEAN

    clauses = prereview.split_clauses(CLEAN)
    assert [h for h, _ in clauses] == ["序言", "第一条", "第二条", "第三条", "第四条"]


def test_prereview_flags_the_outdoor_ads_draft(register, drafter, reviewer, outdoor_ads):
    # given: an old document, repealed, that the draft still cites
    old = to_review(
        register(requires_comment=False, title="示范县户外广告管理暂行办法", on=date(2025, 9, 1)), drafter
    )
    to_published(old, drafter, reviewer, on=date(2025, 9, 2), number="示政发〔2019〕12号", months=24)
    services.end_document(
        actor=reviewer, document=old, on=date(2025, 9, 3), how="repeal", reason="已被新办法替代"
    )
    # when
    doc = register(
        text=outdoor_ads, title="示范县户外广告设施设置管理办法", requires_comment=False, on=date(2025, 9, 3)
    )
    to_review(doc, drafter, on=date(2025, 9, 3))
    # then
    flags = {(f.clause.heading, f.kind) for f in PreReviewFlag.objects.filter(clause__version__document=doc)}
    assert flags == {
        ("第三条", "permit"),
        ("第四条", "fee"),
        ("第六条", "penalty"),
        ("第七条", "coercion"),
        ("第九条", "superseded"),
    }
    penalty = PreReviewFlag.objects.get(clause__heading="第六条", clause__version__document=doc)
    assert penalty.basis == "《中华人民共和国行政处罚法》第十六条"
    # 第八条 cites 《广告法》第五十七条: no penalty flag


def test_prereview_flags_the_private_economy_measures(register, drafter, private_economy):
    doc = register(
        text=private_economy,
        title="示范县促进民营经济高质量发展若干政策措施",
        requires_comment=False,
        touches_market=True,
    )
    to_review(doc, drafter)
    flags = {(f.clause.heading, f.kind) for f in PreReviewFlag.objects.filter(clause__version__document=doc)}
    assert flags == {("第一条", "market"), ("第三条", "obligation")}


def test_a_clean_draft_raises_no_flag(register, drafter):
    doc = to_review(register(requires_comment=False), drafter)
    assert PreReviewFlag.objects.filter(clause__version__document=doc).count() == 0


def test_rules_are_data_a_deactivated_rule_raises_nothing(register, drafter, outdoor_ads):
    PreReviewRule.objects.filter(code="fee.create").update(is_active=False)
    doc = register(text=outdoor_ads, requires_comment=False)
    to_review(doc, drafter)
    assert not PreReviewFlag.objects.filter(clause__version__document=doc, kind="fee").exists()


def test_the_reviewer_decides_every_flag_before_the_opinion(register, drafter, reviewer, outdoor_ads):
    doc = to_review(register(text=outdoor_ads, requires_comment=False), drafter)
    with pytest.raises(ValidationError) as exc:
        services.pass_review(actor=reviewer, document=doc, on=date(2025, 9, 3), opinion_text="合法")
    assert exc.value.code == "flags_pending"
    flag = PreReviewFlag.objects.filter(clause__version__document=doc).first()
    with pytest.raises(ValidationError) as exc:
        services.decide_flag(actor=reviewer, flag=flag, decision="dismissed", note="", on=date(2025, 9, 3))
    assert exc.value.error_dict["note"][0].code == "required"
    services.decide_flag(
        actor=reviewer, flag=flag, decision="dismissed", note="有省级地方性法规依据。", on=date(2025, 9, 3)
    )
    flag.refresh_from_db()
    assert (flag.decision, flag.decided_by) == ("dismissed", reviewer)
