"""Rule-making procedures as data — LEGAL_RULES.md §6 (normative documents) and §7 (major decisions).

One line per legal step, each citing its article. Periods marked UNCONFIRMED in LEGAL_RULES.md are
local rules read from settings (`conf.py`) through a clock policy: the deadline stores the period
and basis used when it started, so a later change of the setting never moves a started deadline.
Guards live in `guards.py` (they query).

Minimum comment periods are not deadlines anybody can miss (the organ may keep a round open
longer), so they are declared here as clocks outside the procedures (`COMMENT_CLOCKS`) and read by
the guards through `comment_minimum(...)`; they become standalone clocks once the engine has them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.procedures import Clock, Procedure, Transition, register, register_clocks
from fazhi.core.procedures.declare import ClockPolicy
from fazhi.core.workdays import Period, cd, months, wd

from . import conf, guards

DRAFT = "rulemaking.draft_document"
REVIEW = "rulemaking.review_legality"
END = "rulemaking.end_document"
DECISION = "rulemaking.manage_decision"
PAPER_REVIEW = "rulemaking.review_paper"

BASIS_37 = "国办发〔2018〕37号"
BASIS_115 = "国办发〔2018〕115号"


# --- periods kept as local rules (UNCONFIRMED nationally) ---------------------------------------
def legality_review_policy(doc: Any) -> ClockPolicy:
    """115号 (UNCONFIRMED): a reasonable review period, generally ≥5 and at most 15 working days."""
    n = conf.get("LEGALITY_REVIEW_WORKING_DAYS")
    return ClockPolicy(wd(n, f"{BASIS_115}（{conf.LOCAL_RULE_NOTE}）"))


def filing_policy(doc: Any) -> ClockPolicy:
    """37号; local rules (UNCONFIRMED nationally): file within 30 days of publication."""
    return ClockPolicy(cd(conf.get("FILING_DAYS"), f"{BASIS_37}（{conf.LOCAL_RULE_NOTE}）"))


def max_validity_months(doc: Any) -> int:
    """Local rules (UNCONFIRMED nationally): ≤5 years; 暂行 / 试行 ≤2 years."""
    return conf.get("PROVISIONAL_VALIDITY_MONTHS" if doc.is_provisional else "VALIDITY_MONTHS")


def validity_policy(doc: Any) -> ClockPolicy:
    """The document's own validity (at most `max_validity_months`), from the day it takes effect."""
    n = doc.validity_months or max_validity_months(doc)
    return ClockPolicy(months(n, f"文件规定的有效期；{BASIS_37}（{conf.LOCAL_RULE_NOTE}）"))


def evaluation_policy(doc: Any) -> ClockPolicy:
    """Local rules: the issuer evaluates about 6 months before expiry, then amends, repeals or confirms."""
    n = (doc.validity_months or max_validity_months(doc)) - conf.get("EVALUATION_MONTHS_BEFORE_EXPIRY")
    return ClockPolicy(months(max(n, 1), f"有效期届满前评估（{conf.LOCAL_RULE_NOTE}）"))


def paper_review_policy(paper: Any) -> ClockPolicy:
    """Local rule: no national period for reviewing contracts and other papers."""
    return ClockPolicy(
        wd(conf.get("PAPER_REVIEW_WORKING_DAYS"), f"涉法文件合法性审查期限（{conf.LOCAL_RULE_NOTE}）")
    )


def cleanup_interval_policy(campaign: Any) -> ClockPolicy:
    """国发〔2010〕33号 (UNCONFIRMED, setting): a comprehensive cleanup every two years."""
    years = conf.get("CLEANUP_INTERVAL_YEARS")
    return ClockPolicy(months(years * 12, f"国发〔2010〕33号（{conf.LOCAL_RULE_NOTE}）"))


# Standalone clock of a concluded comprehensive cleanup: the next one is due (stopped when it starts).
CLEANUP_CLOCKS = register_clocks(
    "rulemaking.cleanup",
    "规范性文件清理",
    [
        Clock(
            "next_comprehensive",
            "下一次全面清理",
            months(24, "国发〔2010〕33号"),
            policy=cleanup_interval_policy,
        )
    ],
)


# --- minimum comment periods --------------------------------------------------------------------
COMMENT_CLOCKS = {
    # 示范指标体系(2021)第24项: documents with a major impact on rights and obligations, ≥7 WD.
    "document": Clock(
        "comment_minimum", "公开征求意见最短期限", wd(7, "《市县法治政府建设示范指标体系（2021年版）》第24项")
    ),
    # 《优化营商环境条例》第六十二条第二款: documents tied to market entities' business, generally ≥30 days.
    "document_market": Clock(
        "comment_minimum", "公开征求意见最短期限（涉企）", cd(30, "《优化营商环境条例》第六十二条第二款")
    ),
    # 《重大行政决策程序暂行条例》第十五条第一款: generally ≥30 days; a shorter period is explained.
    "decision": Clock(
        "comment_minimum", "决策草案征求意见最短期限", cd(30, "《重大行政决策程序暂行条例》第十五条")
    ),
    # 第十六条第二款 (hearing): materials to the participants ≥7 days before the hearing.
    "hearing_materials": Clock(
        "hearing_materials", "听证材料送达", cd(7, "《重大行政决策程序暂行条例》第十七条")
    ),
}


def comment_minimum(case: Any) -> Period:
    """The minimum comment period for a normative document draft or a major decision draft."""
    from .models import MajorDecision

    if isinstance(case, MajorDecision):
        return COMMENT_CLOCKS["decision"].period
    return COMMENT_CLOCKS["document_market" if case.touches_market else "document"].period


PRE_PUBLICATION = (
    "registered",
    "assessed",
    "commenting",
    "commented",
    "legality_review",
    "review_failed",
    "reviewed",
    "adopted",
)
VALID = ("published", "in_force")

NORMATIVE_DOCUMENT = register(
    Procedure(
        code="rulemaking.normative_document",
        label="行政规范性文件制定",
        effective_from=date(2018, 5, 16),  # 国办发〔2018〕37号
        initial="registered",
        states={
            "registered": "已登记起草",
            "assessed": "已评估论证",
            "commenting": "公开征求意见中",
            "commented": "征求意见已结束",
            "legality_review": "合法性审核中",
            "review_failed": "审核未通过（退回修改）",
            "reviewed": "合法性审核通过",
            "adopted": "已集体审议通过",
            "published": "已公布（尚未施行）",
            "in_force": "现行有效",
            "repealed": "已废止",
            "expired": "已失效",
            "replaced": "已被修订替代",
            "withdrawn": "已终止起草",
        },
        field_labels={
            "assessment": "必要性、可行性评估",
            "opinion_text": "合法性审核意见书",
            "conclusion": "结论",
            "text": "书面结论",
            "meeting_name": "会议名称",
            "signed_by": "签发人",
            "number": "文号",
            "filed_with": "备案机关",
        },
        clocks=[
            # 115号 (UNCONFIRMED, setting): the legality-review body reviews within its working-day window.
            Clock(
                "legality_review",
                "合法性审核",
                wd(15, BASIS_115),
                starts_in={"legality_review"},
                stops_in={"reviewed", "review_failed", "withdrawn"},
                policy=legality_review_policy,
            ),
            # 37号; local rules (UNCONFIRMED, setting): file within 30 days of publication.
            Clock(
                "filing",
                "报送备案",
                cd(30, BASIS_37),
                starts_on={"publish"},
                stops_on={"file", "file_in_force"},
                policy=filing_policy,
            ),
            # local rules (UNCONFIRMED, setting): the validity period runs from the day it takes effect.
            Clock(
                "validity",
                "有效期",
                months(60, BASIS_37),
                starts_on={"take_effect"},
                on_expiry="expire",
                policy=validity_policy,
            ),
            # local rules: evaluation about six months before expiry.
            Clock(
                "evaluation",
                "有效期届满前评估",
                months(54, BASIS_37),
                starts_on={"take_effect"},
                stops_on={"evaluate"},
                policy=evaluation_policy,
            ),
        ],
        transitions=[
            # 37号 (UNCONFIRMED wording): assess necessity and feasibility, consult the departments affected.
            Transition(
                "assess",
                "registered",
                "assessed",
                "评估论证",
                perm=DRAFT,
                requires=("assessment",),
                basis=BASIS_37,
            ),
            # 示范指标体系第24项; 优化营商环境条例第六十二条第二款: publish the draft for comment.
            Transition(
                "open_comment",
                "assessed",
                "commenting",
                "公开征求意见",
                perm=DRAFT,
                guards=(guards.has_draft_version, guards.comment_period_long_enough),
                basis="示范指标体系第24项；《优化营商环境条例》第六十二条第二款",
            ),
            Transition(
                "close_comment",
                "commenting",
                "commented",
                "结束征求意见",
                perm=DRAFT,
                guards=(guards.comment_period_elapsed,),
                basis="示范指标体系第24项；《优化营商环境条例》第六十二条第二款",
            ),
            # 《优化营商环境条例》第六十三条第二款; 115号: legality review before collective deliberation.
            Transition(
                "submit_review",
                ("assessed", "commented"),
                "legality_review",
                "报送合法性审核",
                perm=DRAFT,
                guards=(guards.has_draft_version, guards.public_comment_held, guards.comments_answered),
                basis="《优化营商环境条例》第六十三条第二款；" + BASIS_115,
            ),
            Transition(
                "pass_review",
                "legality_review",
                "reviewed",
                "出具审核意见（通过）",
                perm=REVIEW,
                requires=("opinion_text",),
                guards=(guards.passing_opinion, guards.flags_decided),
                basis=BASIS_115,
            ),
            Transition(
                "fail_review",
                "legality_review",
                "review_failed",
                "出具审核意见（不通过）",
                perm=REVIEW,
                requires=("opinion_text",),
                guards=(guards.flags_decided,),
                basis="《优化营商环境条例》第六十三条第二款",
            ),
            Transition(
                "resubmit",
                "review_failed",
                "legality_review",
                "修改后重新报送审核",
                perm=DRAFT,
                guards=(guards.has_draft_version,),
                basis=BASIS_115,
            ),
            # 《公平竞争审查条例》第二、十三、十四、十六至十八条: written conclusion before issue.
            Transition(
                "fair_competition_review",
                "reviewed",
                "reviewed",
                "公平竞争审查",
                perm=DRAFT,
                requires=("conclusion", "text"),
                guards=(guards.fair_competition_conclusion_valid,),
                basis="《公平竞争审查条例》第十三、十四、十六、十八条",
            ),
            # 37号 (UNCONFIRMED wording): collective deliberation with minutes; reviewed first.
            Transition(
                "deliberate",
                "reviewed",
                "adopted",
                "集体审议",
                perm=DRAFT,
                requires=("meeting_name", "minutes"),
                guards=(
                    guards.legality_review_passed,
                    guards.fair_competition_passed,
                    guards.meeting_kind_valid,
                ),
                basis="《优化营商环境条例》第六十三条第二款；" + BASIS_37,
            ),
            # 《优化营商环境条例》第六十四条第二款; 37号: unified registration, number and publication.
            Transition(
                "publish",
                "adopted",
                "published",
                "签发公布（统一编号）",
                perm=DRAFT,
                requires=("signed_by", "number"),
                guards=(
                    guards.legality_review_passed,
                    guards.fair_competition_passed,
                    guards.number_unique,
                    guards.validity_within_limit,
                ),
                basis="《优化营商环境条例》第六十四条第二款；" + BASIS_37,
            ),
            # 《优化营商环境条例》第六十五条: a transition period before a market-related document applies.
            Transition(
                "take_effect",
                "published",
                "in_force",
                "施行",
                perm=DRAFT,
                guards=(guards.effective_date_reached,),
                basis="《优化营商环境条例》第六十五条",
            ),
            # 37号; 示范指标体系第27项: every document filed, late filing only with a recorded reason.
            Transition(
                "file",
                "published",
                "published",
                "报送备案",
                perm=DRAFT,
                requires=("filed_with",),
                guards=(guards.not_filed_yet, guards.filing_in_time_or_reason),
                basis=BASIS_37 + "；示范指标体系第27项",
            ),
            Transition(
                "file_in_force",
                "in_force",
                "in_force",
                "报送备案",
                perm=DRAFT,
                requires=("filed_with",),
                guards=(guards.not_filed_yet, guards.filing_in_time_or_reason),
                basis=BASIS_37 + "；示范指标体系第27项",
            ),
            Transition(
                "evaluate",
                "in_force",
                "in_force",
                "有效期届满前评估",
                perm=DRAFT,
                requires=("conclusion",),
                basis=f"{BASIS_37}（{conf.LOCAL_RULE_NOTE}）",
            ),
            Transition("repeal", VALID, "repealed", "废止", perm=END, requires=("reason",), basis=BASIS_37),
            Transition(
                "declare_expired",
                VALID,
                "expired",
                "宣布失效",
                perm=END,
                requires=("reason",),
                basis=BASIS_37,
            ),
            Transition("expire", VALID, "expired", "有效期届满自动失效", by_system=True, basis=BASIS_37),
            Transition(
                "replace",
                VALID,
                "replaced",
                "被修订后的文件替代",
                perm=END,
                requires=("reason",),
                basis=BASIS_37,
            ),
            Transition(
                "withdraw",
                PRE_PUBLICATION,
                "withdrawn",
                "终止起草",
                perm=DRAFT,
                requires=("reason",),
                basis=BASIS_37,
            ),
        ],
    )
)

ORDINANCE = "《重大行政决策程序暂行条例》"
BEFORE_REVIEW = ("registered", "consulting", "consulted")

MAJOR_DECISION = register(
    Procedure(
        code="rulemaking.major_decision",
        label="重大行政决策",
        effective_from=date(2019, 9, 1),  # 国务院令第713号
        initial="registered",
        states={
            "registered": "已启动（起草中）",
            "consulting": "公开征求意见中",
            "consulted": "征求意见已结束",
            "legality_review": "合法性审查中",
            "review_failed": "审查未通过（退回修改）",
            "reviewed": "合法性审查通过（待集体讨论）",
            "decided": "已集体讨论决定",
            "abandoned": "已终止决策",
        },
        field_labels={
            "opinion_text": "合法性审查意见书",
            "meeting_name": "会议名称",
            "meeting_kind": "会议类型",
            "outcome": "决定内容",
            "opinion": "专家论证意见",
            "experts": "论证专家",
            "report": "风险评估报告",
            "risk_level": "风险等级",
            "record": "听证笔录",
        },
        clocks=[
            # 第二十七条: the legality-review department generally gets ≥7 working days.
            Clock(
                "legality_review",
                "合法性审查",
                wd(7, f"{ORDINANCE}第二十七条"),
                starts_in={"legality_review"},
                stops_in={"reviewed", "review_failed", "abandoned"},
            ),
        ],
        transitions=[
            # 第十四、十五条: publish the draft and explanation, state the channel and the deadline.
            Transition(
                "open_participation",
                "registered",
                "consulting",
                "公开征求意见",
                perm=DECISION,
                guards=(guards.not_confidential, guards.has_draft_version, guards.comment_period_long_enough),
                basis=f"{ORDINANCE}第十四、十五条",
            ),
            Transition(
                "close_participation",
                "consulting",
                "consulted",
                "结束征求意见",
                perm=DECISION,
                guards=(guards.comment_period_elapsed,),
                basis=f"{ORDINANCE}第十五条",
            ),
            # 第十九至二十一条 (expert review), 第二十二至二十四条 (risk assessment) and 第十六、十七条
            # (hearings) are records kept by services (`record_expert_review` …); the gates below check them.
            # 第二十五条: before the decision organ discusses it, the legality-review department reviews it.
            Transition(
                "submit_review",
                ("registered", "consulted"),
                "legality_review",
                "报送合法性审查",
                perm=DECISION,
                guards=(
                    guards.public_participation_done,
                    guards.expert_review_done,
                    guards.risk_assessment_done,
                    guards.review_period_respected,
                ),
                basis=f"{ORDINANCE}第二十五条、第二十七条",
            ),
            Transition(
                "pass_review",
                "legality_review",
                "reviewed",
                "出具合法性审查意见（通过）",
                perm=REVIEW,
                requires=("opinion_text",),
                guards=(guards.passing_opinion,),
                basis=f"{ORDINANCE}第二十六至二十八条",
            ),
            # 第二十六条: a draft found unlawful may not be submitted for discussion.
            Transition(
                "fail_review",
                "legality_review",
                "review_failed",
                "出具合法性审查意见（不通过）",
                perm=REVIEW,
                requires=("opinion_text",),
                basis=f"{ORDINANCE}第二十六条",
            ),
            Transition(
                "resubmit",
                "review_failed",
                "legality_review",
                "修改后重新报送审查",
                perm=DECISION,
                basis=f"{ORDINANCE}第二十六条",
            ),
            # 第三十、三十一条: the executive or plenary meeting discusses; the head decides; dissent recorded.
            Transition(
                "decide",
                "reviewed",
                "decided",
                "集体讨论决定",
                perm=DECISION,
                requires=("meeting_kind", "meeting_name", "minutes", "outcome"),
                guards=(
                    guards.legality_review_passed,
                    guards.public_participation_done,
                    guards.expert_review_done,
                    guards.risk_assessment_done,
                    guards.risk_controllable,
                    guards.government_meeting,
                    guards.head_explains_departure,
                ),
                basis=f"{ORDINANCE}第二十九至三十一条",
            ),
            Transition(
                "abandon",
                ("registered", "consulting", "consulted", "review_failed", "reviewed"),
                "abandoned",
                "终止决策",
                perm=DECISION,
                requires=("reason",),
                basis=f"{ORDINANCE}第十一条",
            ),
        ],
    )
)

PAPER_REVIEW_PROCEDURE = register(
    Procedure(
        code="rulemaking.paper_review",
        label="涉法文件合法性审查",
        initial="received",
        states={
            "received": "已收件（待分办）",
            "assigned": "审查中",
            "opined": "已出具法律意见书",
            "returned": "已退回",
        },
        field_labels={"conclusion": "审查结论", "opinion": "法律意见书", "reviewer": "审查人员"},
        clocks=[
            # local rule (setting): the review period of contracts and other papers.
            Clock(
                "review",
                "合法性审查",
                wd(7, "涉法文件合法性审查期限"),
                starts_in={"received"},
                stops_in={"opined", "returned"},
                policy=paper_review_policy,
            ),
        ],
        transitions=[
            Transition(
                "assign", "received", "assigned", "分办", perm=PAPER_REVIEW, guards=(guards.reviewer_named,)
            ),
            Transition(
                "give_opinion",
                "assigned",
                "opined",
                "出具法律意见书",
                perm=PAPER_REVIEW,
                requires=("conclusion", "opinion"),
                guards=(guards.paper_conclusion_valid,),
            ),
            Transition(
                "return_paper",
                ("received", "assigned"),
                "returned",
                "退回",
                perm=PAPER_REVIEW,
                requires=("reason",),
            ),
        ],
    )
)
