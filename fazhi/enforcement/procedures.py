"""行政处罚程序 — 《行政处罚法》(2021修订, in force 2021-07-15), declared on the procedure engine.

Ordinary procedure (第五十四条起) with the on-the-spot procedure (第五十一、五十二条) as a short
path from `investigating` straight to `decided`. Guards that need queries (certificates, evidence,
benchmarks, the legal-review list) live in `services/cases.py`, named, one rule each.
第八十五条: "二日、三日、五日、七日" are working days; 15 and 90 days are calendar days.
"""

from datetime import date
from typing import Any

from fazhi.core.audit.labels import register_action_labels
from fazhi.core.procedures.declare import Clock, ClockPolicy, Procedure, Transition, register, register_clocks
from fazhi.core.workdays import cd, months, wd

from . import guards

HANDLE = "enforcement.handle_case"
REVIEW = "enforcement.review_case"
HEAD = "enforcement.approve_extension"

DECISION_BASIS = "行政处罚法第六十条"


def decision_policy(case: Any) -> ClockPolicy:
    """第六十条 + the agency's time-limit rule (`PenaltyTimeLimitRule`; no row = 90 days, one
    extension of at most 30 days). Read when the clock starts and when an extension is asked for."""
    from fazhi.enforcement.selectors.rules import time_limit_for

    rule = time_limit_for(case.agency_id)
    extension = cd(rule.extension_days) if rule.max_extensions else None
    if not rule.configured:
        return ClockPolicy(cd(rule.decision_days, DECISION_BASIS), extension, rule.max_extensions)
    basis = "，".join(b for b in (rule.legal_basis, rule.extension_approver) if b)
    return ClockPolicy(cd(rule.decision_days, DECISION_BASIS), extension, rule.max_extensions, basis)


STATEMENT_BASIS = "行政处罚法第四十四条、第四十五条"


def statement_policy(case: Any) -> ClockPolicy:
    """陈述申辩期间: the Act sets no number of days; the agency's rule does (`PenaltyTimeLimitRule.
    statement_days`, no row = 3 working days — an interpretation, ADR 0011). Read when the clock starts."""
    from fazhi.enforcement.selectors.rules import time_limit_for

    rule = time_limit_for(case.agency_id)
    basis = rule.legal_basis if rule.configured and rule.legal_basis else "期间按本机关规则，默认3个工作日"
    return ClockPolicy(wd(rule.statement_days, STATEMENT_BASIS), basis=basis)


# 第六十四条第一项、第八十五条: the hearing-request window (the `hearing_request` clock below).
HEARING_REQUEST_PERIOD = wd(5, "行政处罚法第六十四条第一项、第八十五条")
# 第六十四条第二项、第八十五条: the party is told of the hearing at least 7 working days before it.
HEARING_NOTICE_PERIOD = wd(7, "行政处罚法第六十四条第二项、第八十五条")

BEFORE_DECISION = ("notified", "notified_hearing", "heard", "reviewed", "discussed")

PENALTY = register(
    Procedure(
        code="enforcement.penalty",
        label="行政处罚",
        effective_from=date(2021, 7, 15),
        initial="investigating",
        start_perm="enforcement.open_case",
        states={
            "investigating": "立案调查",
            "notified": "已告知（陈述申辩）",
            "notified_hearing": "已告知（含听证权利）",
            "hearing_requested": "已申请听证",
            "hearing_scheduled": "已通知听证",
            "heard": "已听证",
            "legal_review": "法制审核中",
            "reviewed": "法制审核通过",
            "discussed": "已集体讨论",
            "suspended": "中止调查",
            "decided": "已作出决定",
            "served": "已送达",
            "executed": "已执行",
            "closed": "已结案",
        },
        clocks=[
            # 第六十条: decide within 90 days of opening "unless a rule says otherwise"; extension and
            # suspension per the agency's rule (e.g. 市场监督管理行政处罚程序规定: +30 days with the
            # head's approval) — a data row per agency (`decision_policy`), these are the defaults.
            Clock(
                "decision",
                "作出处罚决定",
                cd(90, "行政处罚法第六十条"),
                starts_in={"investigating"},
                stops_in={"decided"},
                pauses_in={"suspended"},
                max_extension=cd(30),
                max_extensions=1,
                policy=decision_policy,
            ),
            # 第六十四条第一项、第八十五条: the party asks for a hearing within 5 working days of notice;
            # a written waiver (第六十二条) ends the window early. Gate: guards.hearing_window_closed.
            Clock(
                "hearing_request",
                "当事人申请听证",
                HEARING_REQUEST_PERIOD,
                starts_in={"notified_hearing"},
                stops_in={"hearing_requested", "legal_review", "discussed", "decided"},
                stops_on={"waive_hearing"},
            ),
            # 第四十四条、第四十五条: after a notice without hearing rights the party states its case and
            # defends itself within the period of the agency's rule (default 3 WD, ADR 0011); the
            # statement or a written waiver ends it. Gate: guards.statement_period_over.
            Clock(
                "statement",
                "当事人陈述申辩",
                wd(3, STATEMENT_BASIS),
                starts_in={"notified"},
                stops_in={"legal_review", "discussed", "decided"},
                stops_on={"make_statement", "waive_statement"},
                policy=statement_policy,
            ),
            # 第六十一条、第八十五条: serve the decision within 7 working days.
            Clock(
                "service",
                "送达处罚决定书",
                wd(7, "行政处罚法第六十一条、第八十五条"),
                starts_in={"decided"},
                stops_in={"served"},
            ),
            # 第六十七条第三款: pay within 15 days of receiving the decision.
            Clock(
                "payment",
                "缴纳罚款",
                cd(15, "行政处罚法第六十七条第三款"),
                starts_on={"serve_fine"},
                stops_in={"executed", "closed"},
            ),
        ],
        transitions=[
            Transition(
                "notify",
                "investigating",
                "notified",
                "告知拟处罚（陈述申辩）",
                perm=HANDLE,
                guards=(guards.ordinary_procedure, guards.investigation_recorded),
                basis="行政处罚法第四十四条、第四十五条",
            ),
            Transition(
                "notify_hearing",
                "investigating",
                "notified_hearing",
                "告知拟处罚（含听证权利）",
                perm=HANDLE,
                guards=(guards.ordinary_procedure, guards.investigation_recorded),
                basis="行政处罚法第四十四条、第六十三条",
            ),
            Transition(
                "make_statement",
                "notified",
                "notified",
                "当事人陈述申辩",
                perm=HANDLE,
                basis="行政处罚法第七条、第四十五条",
            ),
            Transition(
                "waive_statement",
                "notified",
                "notified",
                "当事人书面放弃陈述申辩",
                perm=HANDLE,
                basis="行政处罚法第六十二条",
            ),
            Transition(
                "waive_hearing",
                "notified_hearing",
                "notified_hearing",
                "当事人书面放弃陈述申辩、听证",
                perm=HANDLE,
                basis="行政处罚法第六十二条",
            ),
            Transition(
                "request_hearing",
                "notified_hearing",
                "hearing_requested",
                "当事人申请听证",
                perm=HANDLE,
                guards=(guards.filed_within_hearing_window,),
                basis="行政处罚法第六十四条第一项",
            ),
            Transition(
                "schedule_hearing",
                "hearing_requested",
                "hearing_scheduled",
                "通知听证",
                perm=HANDLE,
                requires=("hearing_on", "chair"),
                basis="行政处罚法第六十四条第二、四项",
            ),
            Transition(
                "hold_hearing",
                "hearing_scheduled",
                "heard",
                "举行听证",
                perm=HANDLE,
                requires=("record",),
                basis="行政处罚法第六十四条、第六十五条",
            ),
            Transition(
                "submit_review",
                ("notified", "notified_hearing", "heard"),
                "legal_review",
                "提交法制审核",
                perm=HANDLE,
                guards=(guards.hearing_window_closed, guards.statement_period_over),
                basis="行政处罚法第五十八条",
            ),
            Transition(
                "approve_review",
                "legal_review",
                "reviewed",
                "法制审核通过",
                perm=REVIEW,
                requires=("opinion",),
                basis="行政处罚法第五十八条",
            ),
            Transition(
                "return_review",
                "legal_review",
                "investigating",
                "法制审核退回",
                perm=REVIEW,
                requires=("opinion",),
                basis="行政处罚法第五十八条第一款",
            ),
            Transition(
                "discuss",
                ("notified", "notified_hearing", "heard", "reviewed"),
                "discussed",
                "负责人集体讨论",
                perm=HANDLE,
                requires=("minutes",),
                guards=(
                    guards.hearing_window_closed,
                    guards.statement_period_over,
                    guards.legal_review_before_discussion,
                ),
                basis="行政处罚法第五十七条第二款",
            ),
            Transition(
                "decide",
                BEFORE_DECISION,
                "decided",
                "作出处罚决定",
                perm=HANDLE,
                guards=(
                    guards.ordinary_procedure,
                    guards.hearing_window_closed,
                    guards.statement_period_over,
                    guards.legal_review_passed,
                    guards.collective_discussion_held,
                    guards.not_heavier_than_notified,
                ),
                basis="行政处罚法第五十七条、第五十九条",
            ),
            Transition(
                "decide_on_the_spot",
                "investigating",
                "decided",
                "当场作出处罚决定",
                perm=HANDLE,
                guards=(
                    guards.on_the_spot_procedure,
                    guards.officers_certified_on_decision,
                    guards.within_on_the_spot_limits,
                ),
                basis="行政处罚法第五十一条、第五十二条",
            ),
            Transition(
                "serve",
                "decided",
                "served",
                "送达",
                perm=HANDLE,
                guards=(guards.electronic_service_consented,),
                basis="行政处罚法第六十一条",
            ),
            Transition(
                "serve_fine",
                "decided",
                "served",
                "送达（待缴罚款）",
                perm=HANDLE,
                guards=(guards.electronic_service_consented,),
                basis="行政处罚法第六十一条、第六十七条",
            ),
            Transition(
                "record_payment",
                "served",
                "executed",
                "缴纳罚款/执行完毕",
                perm=HANDLE,
                basis="行政处罚法第六十七条、第七十二条",
            ),
            Transition(
                "close",
                ("served", "executed"),
                "closed",
                "结案",
                perm=HANDLE,
                guards=(
                    guards.execution_recorded,
                    guards.collected_fine_handed_in,
                    guards.on_the_spot_decision_filed,
                ),
                basis="行政处罚法第四十七条（归档）",
            ),
            Transition(
                "suspend",
                "investigating",
                "suspended",
                "中止调查",
                perm=HANDLE,
                requires=("ground",),
                basis="行政处罚法第六十条（按部门规章）",
            ),
            Transition(
                "resume",
                "suspended",
                "investigating",
                "恢复调查",
                perm=HANDLE,
                basis="行政处罚法第六十条（按部门规章）",
            ),
            Transition(
                "extend",
                "investigating",
                "investigating",
                "延长办案期限",
                perm=HEAD,
                extends="decision",
                requires=("ground",),
                basis="行政处罚法第六十条（按部门规章，负责人批准）",
            ),
        ],
    )
)

# --- Standalone clocks: records that are not themselves procedure cases (ADR 0003) ---------------
PUBLICITY = "enforcement.publicity"
PUBLICITY_BASIS = "国办发〔2018〕118号 二(三)"
# 118号 二(三): permit and penalty decisions within 7 WD of the decision, other decisions within 20 WD.
PUBLICITY_PERIODS = {
    "penalty": wd(7, PUBLICITY_BASIS),
    "permit": wd(7, PUBLICITY_BASIS),
    "other": wd(20, PUBLICITY_BASIS),
}


def publicity_policy(record: Any) -> ClockPolicy:
    """The publication period of the record's kind of decision (118号 二(三))."""
    return ClockPolicy(PUBLICITY_PERIODS[record.kind])


PUBLICITY_CLOCKS = register_clocks(
    PUBLICITY,
    "行政执法公示",
    [
        Clock("publish", "公示执法决定", wd(7, PUBLICITY_BASIS), policy=publicity_policy),
        # 行政处罚法第四十八条第二款、第八十五条: withdraw within 3 WD of the revocation (with reasons)
        Clock("withdraw", "撤回公示信息", wd(3, "行政处罚法第四十八条、第八十五条")),
    ],
)

# 第七十一条、第八十五条: an officer who collected a fine on the spot hands it to the agency within 2 WD.
COLLECTION = "enforcement.collection"
COLLECTION_CLOCKS = register_clocks(
    COLLECTION,
    "当场收缴罚款",
    [Clock("hand_in", "当场收缴罚款交至行政机关", wd(2, "行政处罚法第七十一条、第八十五条"))],
)

# 第五十六条、第八十五条: decide on items registered and preserved within 7 WD (an investigation step).
PRESERVATION = "enforcement.preservation"
PRESERVATION_CLOCKS = register_clocks(
    PRESERVATION,
    "先行登记保存",
    [Clock("decide", "对登记保存物品作出处理决定", wd(7, "行政处罚法第五十六条、第八十五条"))],
)

# 第三十六条: no penalty for a violation not discovered within 2 years (5 years where life, health or
# financial safety was involved and harm resulted), from the act or the end of a continuing act.
LIMITATION = {False: months(24, "行政处罚法第三十六条"), True: months(60, "行政处罚法第三十六条")}


def opinion_reply_policy(opinion: Any) -> ClockPolicy:
    """The reply (rectification) period of a supervision opinion. No national rule fixes it (local rules:
    30 days for an opinion, 20 working days after a case-file review are common) — UNCONFIRMED, so
    configurable: FAZHI_SUPERVISION_REPLY_DAYS (calendar days), FAZHI_REVIEW_RECTIFICATION_WORKDAYS."""
    from django.conf import settings

    if opinion.kind == "feedback":
        n = int(getattr(settings, "FAZHI_REVIEW_RECTIFICATION_WORKDAYS", 20))
        return ClockPolicy(wd(n, "案卷评查整改期限（可配置）"))
    return ClockPolicy(
        cd(int(getattr(settings, "FAZHI_SUPERVISION_REPLY_DAYS", 30)), "监督意见书回复期限（可配置）")
    )


# 118号 二(三): year Y's enforcement statistics are published by 31 January of Y+1 — 31 December of Y
# + 1 month, rolled to the next working day when 31 January is a rest day (民法典第二百零三条).
ANNUAL_STATISTICS_PERIOD = months(1, PUBLICITY_BASIS)

SUPERVISION = "enforcement.supervision"
SUPERVISION_CLOCKS = register_clocks(
    SUPERVISION,
    "行政执法监督",
    [
        Clock("reply", "回复（整改）", cd(30, "监督意见书回复期限（可配置）"), policy=opinion_reply_policy),
        # counted from 31 December of the statistics year (AnnualStatistics)
        Clock("statistics", "公开年度行政执法统计", ANNUAL_STATISTICS_PERIOD),
    ],
)

# Chinese labels for the audit trail: the engine's transitions and the services' own writes.
register_action_labels(
    {
        "enforcement.penalty.start": "立案",
        **{f"enforcement.penalty.{t.name}": t.display for t in PENALTY.transitions},
        "enforcement.record_investigation_step": "记录调查取证",
        "enforcement.update_case_details": "补正当事人信息和案情",
        "enforcement.file_on_the_spot_decision": "当场处罚决定备案",
        "enforcement.create_publicity": "生成公示记录",
        "enforcement.publish_record": "公示",
        "enforcement.revoke_decision": "决定被撤销（变更）",
        "enforcement.withdraw_record": "撤回公示",
        "enforcement.record_permit_decision": "登记行政许可决定",
        "enforcement.create_matter": "登记执法事项",
        "enforcement.add_benchmark": "增加裁量基准",
        "enforcement.add_legal_review_item": "增加法制审核目录事项",
        "enforcement.import_catalogue": "导入执法事项清单",
        "enforcement.set_time_limit_rule": "设置办案期限规则",
        "enforcement.demo_seed": "生成演示数据",
    }
)
