"""The affairs procedures as data: every period declared once, with its article.

* Disclosure requests — 《政府信息公开条例》(2019修订, in force 2019-05-15), LEGAL_RULES.md §8.
  The periods are the text's own 工作日 (working days).
* NPC deputies' suggestions and CPPCC proposals — one shape (LEGAL_RULES.md §10): 3 months from
  assignment, at most 6 for complex items; the CPPCC period and the local re-handling period are
  UNCONFIRMED nationally and configurable (settings.FAZHI_AFFAIRS).
* Petitions — 《信访工作条例》(2022), LEGAL_RULES.md §9: 15/60/30 are calendar days (§13).

Guards are in `guards.py` (they read the case and the engine's deadlines).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings

from fazhi.core.procedures import Clock, Procedure, Transition, register
from fazhi.core.procedures.declare import ClockPolicy
from fazhi.core.workdays import Period, cd, months, wd

from . import guards

HANDLE_DISCLOSURE = "affairs.handle_disclosure"
APPROVE_DISCLOSURE = "affairs.approve_disclosure_extension"
ASSIGN_SUGGESTION = "affairs.assign_suggestion"
REPLY_SUGGESTION = "affairs.reply_suggestion"
HANDLE_PETITION = "affairs.handle_petition"
APPROVE_PETITION = "affairs.approve_petition_extension"
REVIEW_PETITION = "affairs.review_petition"

# Defaults of the rules LEGAL_RULES.md marks UNCONFIRMED; a deployment overrides them in
# settings.FAZHI_AFFAIRS (e.g. {"suggestion_max_months": 6, "cppcc_reply_months": 3}).
DEFAULTS: dict[str, int] = {
    "amendment_working_days": 15,  # 第三十条 "合理的补正期限": set by the organ; our default
    "fee_payment_working_days": 20,  # 信息处理费管理办法 — article not read (DISCLOSURE_REPORT.md §8)
    "npc_reply_months": 3,
    "cppcc_reply_months": 3,
    "suggestion_max_months": 6,
    "rehandle_months": 2,  # 北京市条例第二十三条 (2 M); 山东省条例第二十四条 says 1 M
}


def config(key: str) -> int:
    return int(getattr(settings, "FAZHI_AFFAIRS", {}).get(key, DEFAULTS[key]))


# --- disclosure requests ------------------------------------------------------------------------
# 第三十三条第二款: 20 WD, extension approved by the head of the disclosure office, ≤ 20 WD.
DISCLOSURE_REPLY = wd(20, "政府信息公开条例第三十三条第二款")
DISCLOSURE_EXTENSION = wd(20, "政府信息公开条例第三十三条第二款")
ANNUAL_REPORT_BASIS = "政府信息公开条例第四十九条"


def amendment_policy(case: Any) -> ClockPolicy:
    """第三十条: the organ gives the applicant a reasonable period (set on the case, default configurable)."""
    n = int(getattr(case, "amendment_period_days", 0) or config("amendment_working_days"))
    return ClockPolicy(wd(n, "政府信息公开条例第三十条"), basis="补正期限由行政机关确定")


def fee_policy(case: Any) -> ClockPolicy:
    """UNCONFIRMED (DISCLOSURE_REPORT.md §8): payment period of the fee measures, configurable."""
    return ClockPolicy(
        wd(config("fee_payment_working_days"), "政府信息公开条例第四十二条；政府信息公开信息处理费管理办法"),
        basis="缴费期限为可配置的默认值（待核实）",
    )


def report_due(year: int, *, government: bool) -> date:
    """第四十九条: departments publish the report on year Y by 31 January of Y+1, governments by 31 March."""
    return date(year + 1, 3 if government else 1, 31)


PENDING = ("received", "processing")
# Clocks that are not the agency's own duty to act (the applicant's or a third party's time, or a
# window whose lapse only ends an option): shown on the case, left out of the overdue overview.
NOT_AGENCY_DUTIES = frozenset(
    {
        ("affairs.disclosure", "amendment_notice"),
        ("affairs.disclosure", "applicant_amendment"),
        ("affairs.disclosure", "third_party"),
        ("affairs.disclosure", "fee_payment"),
    }
)
DISCLOSURE = register(
    Procedure(
        code="affairs.disclosure",
        label="政府信息公开申请",
        effective_from=date(2019, 5, 15),
        initial="received",
        states={
            "received": "已收到申请",
            "amendment_requested": "待申请人补正",
            "processing": "办理中",
            "consulting": "征求第三方意见",
            "fee_notice": "待缴纳信息处理费",
            "replied": "已答复",
            "abandoned": "逾期未补正（不再处理）",
            "fee_unpaid": "逾期未缴费（不再处理）",
            "withdrawn": "申请人撤回",
        },
        field_labels={
            "items": "需要补正的事项",
            "third_party": "第三方",
            "reply_type": "答复类型",
            "fee_amount": "收费金额",
        },
        clocks=[
            # 第三十条: an unclear request is amended once, notice within 7 WD of receipt.
            Clock(
                "amendment_notice",
                "告知补正",
                wd(7, "政府信息公开条例第三十条"),
                starts_in={"received"},
                stops_in={"amendment_requested", "processing", "consulting", "fee_notice"},
            ),
            # 第三十三条第二款: reply within 20 WD of receipt (第三十一条); one extension ≤ 20 WD.
            # 第三十条: the period runs again from receipt of the corrected request (restart);
            # 第三十三条第三款: consultation time is excluded (pause); fee notice: the applicant's time.
            Clock(
                "reply",
                "答复",
                DISCLOSURE_REPLY,
                starts_in={"received"},
                starts_on={"supply_amendment"},
                pauses_in={"amendment_requested", "consulting", "fee_notice"},
                max_extension=DISCLOSURE_EXTENSION,
                max_extensions=1,
            ),
            # 第三十条: the applicant's own period to correct (the applicant's time, not the agency's).
            Clock(
                "applicant_amendment",
                "申请人补正",
                wd(15, "政府信息公开条例第三十条"),
                starts_in={"amendment_requested"},
                stops_in={"processing", "abandoned", "withdrawn"},
                policy=amendment_policy,
            ),
            # 第三十二条: the third party gives its opinion within 15 WD of the request.
            Clock(
                "third_party",
                "第三方提出意见",
                wd(15, "政府信息公开条例第三十二条"),
                starts_in={"consulting"},
                stops_in={"processing", "replied", "withdrawn"},
            ),
            Clock(
                "fee_payment",
                "申请人缴纳信息处理费",
                wd(20, "政府信息公开条例第四十二条"),
                starts_in={"fee_notice"},
                stops_in={"processing", "fee_unpaid", "withdrawn"},
                policy=fee_policy,
            ),
        ],
        transitions=[
            Transition(
                "request_amendment",
                "received",
                "amendment_requested",
                "告知补正",
                perm=HANDLE_DISCLOSURE,
                requires=("items",),
                guards=(guards.amendment_within_7_working_days,),
                basis="政府信息公开条例第三十条",
            ),
            Transition(
                "supply_amendment",
                "amendment_requested",
                "processing",
                "收到补正申请",
                perm=HANDLE_DISCLOSURE,
                guards=(guards.supplement_in_time,),
                basis="政府信息公开条例第三十条",
            ),
            Transition(
                "abandon",
                "amendment_requested",
                "abandoned",
                "逾期未补正，不再处理",
                perm=HANDLE_DISCLOSURE,
                guards=(guards.amendment_period_expired,),
                basis="政府信息公开条例第三十条",
            ),
            Transition(
                "consult_third_party",
                PENDING,
                "consulting",
                "书面征求第三方意见",
                perm=HANDLE_DISCLOSURE,
                requires=("third_party",),
                basis="政府信息公开条例第三十二条",
            ),
            Transition(
                "receive_third_party_opinion",
                "consulting",
                "processing",
                "收到第三方意见（或期满未提出）",
                perm=HANDLE_DISCLOSURE,
                basis="政府信息公开条例第三十二条",
            ),
            Transition(
                "notify_fee",
                PENDING,
                "fee_notice",
                "发出收费通知",
                perm=HANDLE_DISCLOSURE,
                requires=("fee_amount", "ground"),
                guards=(guards.fee_allowed,),
                basis="政府信息公开条例第四十二条",
            ),
            Transition(
                "pay_fee",
                "fee_notice",
                "processing",
                "申请人已缴费",
                perm=HANDLE_DISCLOSURE,
                basis="政府信息公开条例第四十二条",
            ),
            Transition(
                "fee_unpaid",
                "fee_notice",
                "fee_unpaid",
                "逾期未缴费，不再处理",
                perm=HANDLE_DISCLOSURE,
                guards=(guards.fee_period_expired,),
                basis="政府信息公开条例第四十二条",
            ),
            # 第三十三条第二款: the head of the disclosure office approves (perm), before the period
            # ends (the engine refuses an extension after expiry), ≤ 20 WD, once. A self-loop per pending state; the service picks it.
            *[
                Transition(
                    name,
                    state,
                    state,
                    "延长答复期限",
                    perm=APPROVE_DISCLOSURE,
                    requires=("ground",),
                    extends="reply",
                    basis="政府信息公开条例第三十三条第二款",
                )
                for name, state in (("extend", "received"), ("extend_processing", "processing"))
            ],
            Transition(
                "reply",
                PENDING,
                "replied",
                "作出答复",
                perm=HANDLE_DISCLOSURE,
                requires=("reply_type",),
                guards=(guards.statutory_reply_type,),
                basis="政府信息公开条例第三十六条",
            ),
            Transition(
                "withdraw",
                ("received", "amendment_requested", "processing", "consulting", "fee_notice"),
                "withdrawn",
                "申请人撤回申请",
                perm=HANDLE_DISCLOSURE,
                basis="DISCLOSURE_REPORT.md §8（六）3",
            ),
        ],
    )
)


# --- NPC suggestions and CPPCC proposals --------------------------------------------------------
NPC_BASIS = "全国人民代表大会和地方各级人民代表大会代表法第五十一条第二、三款"
CPPCC_BASIS = "政协提案工作条例（期限条款待核实）；地方办法：交办之日起3个月，最长6个月"


def suggestion_policy(case: Any) -> ClockPolicy:
    """代表法第五十一条: 3 months from assignment, 6 for wide-ranging or hard items (the longer period
    by extension, with the assigning office's consent). CPPCC: the same by local measures (UNCONFIRMED)."""
    npc = getattr(case, "kind", "npc") == "npc"
    base = config("npc_reply_months" if npc else "cppcc_reply_months")
    extra = max(config("suggestion_max_months") - base, 0)
    basis = NPC_BASIS if npc else CPPCC_BASIS
    return ClockPolicy(
        months(base, basis),
        max_extension=months(extra, basis) if extra else None,
        max_extensions=1 if extra else 0,
        basis="期限可配置" if not npc else "",
    )


def rehandle_policy(case: Any) -> ClockPolicy:
    """Re-handling after an unsatisfied deputy: local rules (北京 2 M, 山东 1 M) — configurable default."""
    return ClockPolicy(
        months(config("rehandle_months"), "北京市人民代表大会代表建议、批评和意见办理条例第二十三条"),
        basis="重新办理期限为可配置的默认值",
    )


SUGGESTION = register(
    Procedure(
        code="affairs.suggestion",
        label="建议提案办理",
        initial="registered",
        states={
            "registered": "待交办",
            "assigned": "办理中",
            "replied": "已答复（待反馈）",
            "rehandling": "重新办理",
            "closed": "办结",
        },
        field_labels={
            "category": "办理结果分类",
            "reply_text": "答复内容",
            "satisfaction": "满意度",
        },
        clocks=[
            Clock(
                "reply",
                "答复代表委员",
                months(3, NPC_BASIS),
                starts_on={"assign"},
                stops_in={"replied"},
                max_extension=months(3, NPC_BASIS),
                policy=suggestion_policy,
            ),
            Clock(
                "rehandle",
                "重新办理并答复",
                months(2, "北京市人民代表大会代表建议、批评和意见办理条例第二十三条"),
                starts_in={"rehandling"},
                stops_in={"replied"},
                policy=rehandle_policy,
            ),
        ],
        transitions=[
            Transition(
                "assign",
                "registered",
                "assigned",
                "交办",
                perm=ASSIGN_SUGGESTION,
                guards=(guards.lead_agency_named,),
                basis=NPC_BASIS,
            ),
            Transition(
                "extend",
                "assigned",
                "assigned",
                "延期答复（复杂事项）",
                perm=ASSIGN_SUGGESTION,
                requires=("ground",),
                extends="reply",
                guards=(guards.complex_item, guards.extension_requested),
                basis=NPC_BASIS,
            ),
            Transition(
                "reply",
                "assigned",
                "replied",
                "答复",
                perm=REPLY_SUGGESTION,
                requires=("category", "reply_text"),
                guards=(guards.valid_category, guards.all_countersigned),
                basis=NPC_BASIS,
            ),
            Transition(
                "close",
                "replied",
                "closed",
                "代表委员反馈满意，办结",
                perm=ASSIGN_SUGGESTION,
                requires=("satisfaction",),
                guards=(guards.satisfied_feedback,),
            ),
            Transition(
                "rehandle",
                "replied",
                "rehandling",
                "代表委员不满意，重新办理",
                perm=ASSIGN_SUGGESTION,
                requires=("satisfaction",),
                guards=(guards.unsatisfied_feedback,),
                basis="北京市人民代表大会代表建议、批评和意见办理条例第二十三条",
            ),
            Transition(
                "rereply",
                "rehandling",
                "replied",
                "重新答复",
                perm=REPLY_SUGGESTION,
                requires=("category", "reply_text"),
                guards=(guards.valid_category,),
            ),
        ],
    )
)


# --- petitions ------------------------------------------------------------------------------------
PETITION_BASIS = "信访工作条例"
# The petitioner's own windows (第三十五、三十六条): checked by guards when a request arrives, never
# a clock of the agency (a request posted in time is in time, LEGAL_RULES.md §13).
REVIEW_REQUEST_PERIOD: Period = cd(30, "信访工作条例第三十五条")
REREVIEW_REQUEST_PERIOD: Period = cd(30, "信访工作条例第三十六条")

PETITION = register(
    Procedure(
        code="affairs.petition",
        label="信访事项",
        effective_from=date(2022, 5, 1),
        initial="received",
        states={
            "received": "待受理",
            "accepted": "办理中",
            "not_accepted": "不予受理",
            "routed": "导入法定途径",
            "answered": "已出具处理意见",
            "review": "复查中",
            "reviewed": "已复查",
            "rereview": "复核中",
            "rereview_hearing": "复核听证中",
            "concluded": "复核终结",
        },
        field_labels={"outcome": "处理意见", "statutory_route": "法定途径", "reasons": "不予受理理由"},
        clocks=[
            # 第二十三条: tell the petitioner within 15 days whether the matter is accepted.
            Clock(
                "acceptance_notice",
                "告知是否受理",
                cd(15, "信访工作条例第二十三条"),
                starts_in={"received"},
                stops_in={"accepted", "not_accepted", "routed"},
            ),
            # 第三十四条: 60 days from acceptance; complex cases + ≤ 30 days with the head's approval.
            Clock(
                "handling",
                "办结信访事项",
                cd(60, "信访工作条例第三十四条"),
                starts_in={"accepted"},
                stops_in={"answered"},
                max_extension=cd(30, "信访工作条例第三十四条"),
                max_extensions=1,
            ),
            # 第三十五条: the reviewer answers within 30 days of the request.
            Clock(
                "review",
                "复查意见",
                cd(30, "信访工作条例第三十五条"),
                starts_in={"review"},
                stops_in={"reviewed"},
            ),
            # 第三十六条: re-review answered within 30 days; hearing time excluded.
            Clock(
                "rereview",
                "复核意见",
                cd(30, "信访工作条例第三十六条"),
                starts_in={"rereview"},
                stops_in={"concluded"},
                pauses_in={"rereview_hearing"},
            ),
        ],
        transitions=[
            Transition(
                "accept",
                "received",
                "accepted",
                "受理（调查核实）",
                perm=HANDLE_PETITION,
                basis="信访工作条例第二十三条、第三十一条第六项",
            ),
            Transition(
                "route",
                "received",
                "routed",
                "告知通过法定途径办理",
                perm=HANDLE_PETITION,
                requires=("statutory_route",),
                basis="信访工作条例第三十一条",
            ),
            Transition(
                "not_accept",
                "received",
                "not_accepted",
                "不予受理",
                perm=HANDLE_PETITION,
                requires=("reasons",),
                basis="信访工作条例第二十三条",
            ),
            Transition(
                "extend",
                "accepted",
                "accepted",
                "延长办理期限",
                perm=APPROVE_PETITION,
                requires=("ground",),
                extends="handling",
                basis="信访工作条例第三十四条",
            ),
            Transition(
                "answer",
                "accepted",
                "answered",
                "出具信访处理意见书",
                perm=HANDLE_PETITION,
                requires=("outcome",),
                guards=(guards.petition_outcome,),
                basis="信访工作条例第三十二条",
            ),
            Transition(
                "request_review",
                "answered",
                "review",
                "收到复查请求",
                perm=REVIEW_PETITION,
                guards=(guards.review_requested_in_time,),
                basis="信访工作条例第三十五条",
            ),
            Transition(
                "decide_review",
                "review",
                "reviewed",
                "出具复查意见",
                perm=REVIEW_PETITION,
                requires=("outcome",),
                guards=(guards.petition_outcome,),
                basis="信访工作条例第三十五条",
            ),
            Transition(
                "request_rereview",
                "reviewed",
                "rereview",
                "收到复核请求",
                perm=REVIEW_PETITION,
                guards=(guards.rereview_requested_in_time,),
                basis="信访工作条例第三十六条",
            ),
            Transition(
                "hold_hearing",
                "rereview",
                "rereview_hearing",
                "举行听证",
                perm=REVIEW_PETITION,
                basis="信访工作条例第三十六条",
            ),
            Transition(
                "end_hearing",
                "rereview_hearing",
                "rereview",
                "听证结束",
                perm=REVIEW_PETITION,
                basis="信访工作条例第三十六条",
            ),
            Transition(
                "decide_rereview",
                "rereview",
                "concluded",
                "出具复核意见",
                perm=REVIEW_PETITION,
                requires=("outcome",),
                guards=(guards.petition_outcome,),
                basis="信访工作条例第三十六条",
            ),
        ],
    )
)
