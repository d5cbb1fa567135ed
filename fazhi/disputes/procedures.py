"""Administrative reconsideration as a procedure — 《行政复议法》(2023修订, in force 2024-01-01).

第八十八条: the law's "3/5/7/10 days" are working days (wd); 60 and 30 days are calendar days (cd).
One line per legal step, each citing its article. Guards live in `guards.py` (they query).
"""

from __future__ import annotations

from datetime import date

from fazhi.core.procedures import Clock, Procedure, Transition, register, register_clocks
from fazhi.core.workdays import cd, months, wd

from . import guards

# --- period checks: limits a past date is measured against (no deadline runs for them) ---------------
# 第二十条第一款: apply within 60 days of knowing (or having to know) the act.
APPLICATION_PERIOD = cd(60, "行政复议法第二十条第一款")
# 第二十条第三款: rights not notified → 60 days from learning them, but at most 1 year from knowing the act.
APPLICATION_PERIOD_RIGHTS_LEARNED = cd(60, "行政复议法第二十条第三款")
APPLICATION_PERIOD_CAP = months(12, "行政复议法第二十条第三款")
# 第二十一条: not accepted 20 years (real property) / 5 years (anything else) after the act.
ABSOLUTE_BAR_REAL_PROPERTY = months(20 * 12, "行政复议法第二十一条")
ABSOLUTE_BAR = months(5 * 12, "行政复议法第二十一条")
# 第五十一条: the parties are notified in writing at least 5 WD before a formal hearing.
HEARING_NOTICE = wd(5, "行政复议法第五十一条")
# 第四十一条第五项: 60 days of suspension on 第三十九条第一款第一、二、四项 with the cause still there.
SUSPENSION_LAPSE = cd(60, "行政复议法第四十一条第五项")
# 《行政强制法》第五十四条: apply to court only 10 days after the demand was served (第六十九条: working days).
ENFORCEMENT_DEMAND_WAIT = wd(10, "行政强制法第五十四条、第六十九条")

HANDLE = "disputes.handle_case"
ACCEPTANCE = "disputes.decide_acceptance"
HEAD = "disputes.approve_extension"
CLOSED = {"decided", "mediated", "terminated"}

RECONSIDERATION = register(
    Procedure(
        code="disputes.reconsideration",
        label="行政复议",
        effective_from=date(2024, 1, 1),
        initial="received",
        # "abandoned" is final although a supplement posted in time can still reopen it
        final=CLOSED | {"abandoned", "rejected"},
        states={
            "received": "待审查",
            "amendment_requested": "待补正",
            "abandoned": "视为放弃申请",
            "rejected": "不予受理",
            "accepted": "审理中",
            "suspended": "中止审理",
            "decided": "已作出复议决定",
            "mediated": "调解结案",
            "terminated": "终止",
        },
        clocks=[
            # 第三十条第一款、第三款: examine within 5 WD; no rejection by then = accepted from that day.
            # Restarts when the supplement arrives (第三十一条第三款: 收到补正材料后依照第三十条审查).
            Clock(
                "acceptance_review",
                "受理审查",
                wd(5, "行政复议法第三十条"),
                starts_in={"received"},
                stops_in={"accepted", "rejected", "amendment_requested"},
                on_expiry="deem_accepted",
            ),
            # 第三十一条第二款: the applicant supplements within 10 WD "自收到补正通知之日起" — the clock
            # starts when the applicant's receipt of the notice is recorded, not when it was sent; the
            # organ may allow more time for good reason (no cap in the law: one extension of 10 WD).
            Clock(
                "amendment",
                "申请人补正",
                wd(10, "行政复议法第三十一条第二款"),
                starts_on={"receive_amendment_notice"},
                stops_in={"received", "abandoned"},
                max_extension=wd(10, "行政复议法第三十一条第二款"),
                on_expiry="abandon",
            ),
            # 第四十八条: copy to the respondent within 7 WD of acceptance (ordinary procedure).
            Clock(
                "copy_to_respondent",
                "发送申请书副本",
                wd(7, "行政复议法第四十八条"),
                starts_on={"accept", "deem_accepted"},
                stops_on={"send_copy"},
                stops_in=CLOSED,
            ),
            # 第五十四条: 3 WD in the simplified procedure.
            Clock(
                "copy_to_respondent_simplified",
                "发送申请书副本（简易程序）",
                wd(3, "行政复议法第五十四条"),
                starts_on={"accept_simplified"},
                stops_on={"send_copy_simplified"},
                stops_in=CLOSED,
            ),
            # 第四十八条: the respondent replies with evidence within 10 WD "自收到申请书副本之日起" —
            # the clock starts on the recorded receipt of the copy, not on its sending.
            Clock(
                "reply",
                "被申请人答复",
                wd(10, "行政复议法第四十八条"),
                starts_on={"receive_copy"},
                stops_on={"receive_reply"},
                stops_in=CLOSED,
            ),
            # 第五十四条: 5 WD from receiving the copy in the simplified procedure.
            Clock(
                "reply_simplified",
                "被申请人答复（简易程序）",
                wd(5, "行政复议法第五十四条"),
                starts_on={"receive_copy_simplified"},
                stops_on={"receive_reply"},
                stops_in=CLOSED,
            ),
            # 第六十二条第一款: decide within 60 CD of acceptance; one extension of ≤30 CD approved by the
            # head of the reconsideration body; 第三十九条: suspended time does not count. Runs for every
            # accepted case, so a case moved from the simplified procedure keeps the 60 days counted from
            # the original acceptance (第五十五条 is silent — UNCONFIRMED reading, LEGAL_RULES.md §1).
            Clock(
                "decision",
                "复议决定（普通程序）",
                cd(60, "行政复议法第六十二条第一款"),
                starts_on={"accept", "accept_simplified", "deem_accepted"},
                stops_in=CLOSED,
                pauses_in={"suspended"},
                max_extension=cd(30, "行政复议法第六十二条第一款"),
                max_extensions=1,
            ),
            # 第六十二条第二款: simplified procedure, 30 CD; ends when moved to the ordinary procedure.
            Clock(
                "decision_simplified",
                "复议决定（简易程序）",
                cd(30, "行政复议法第六十二条第二款"),
                starts_on={"accept_simplified"},
                stops_on={"convert_to_ordinary"},
                stops_in=CLOSED,
                pauses_in={"suspended"},
            ),
        ],
        transitions=[
            # 第三十条第一款: accept; 第五十三条: in the simplified procedure.
            Transition("accept", "received", "accepted", "受理", perm=ACCEPTANCE, basis="行政复议法第三十条"),
            Transition(
                "accept_simplified",
                "received",
                "accepted",
                "受理（适用简易程序）",
                perm=ACCEPTANCE,
                requires=("simplified_ground",),
                basis="行政复议法第三十条、第五十三条",
            ),
            # 第三十条第三款: no decision when the review period ends = accepted from that day.
            Transition(
                "deem_accepted",
                "received",
                "accepted",
                "视为受理",
                by_system=True,
                basis="行政复议法第三十条第三款",
            ),
            # 第三十条第二款: reasons; outside jurisdiction → name the competent organ.
            Transition(
                "reject",
                "received",
                "rejected",
                "不予受理",
                perm=ACCEPTANCE,
                requires=("reasons",),
                basis="行政复议法第三十条第二款",
            ),
            # 第三十一条第一款: one notice listing every item, within the 5 WD.
            Transition(
                "request_amendment",
                "received",
                "amendment_requested",
                "通知补正",
                perm=ACCEPTANCE,
                requires=("items",),
                basis="行政复议法第三十一条第一款",
            ),
            # 第三十一条第二款: the applicant's 10 WD start from its receipt of the notice (recorded once).
            Transition(
                "receive_amendment_notice",
                "amendment_requested",
                "amendment_requested",
                "申请人收到补正通知",
                perm=HANDLE,
                guards=(guards.notice_not_yet_received,),
                basis="行政复议法第三十一条第二款",
            ),
            # 第三十一条第三款: the review runs again from receipt of the supplement. A supplement posted
            # before the period expired is on time even if it arrives after the case was deemed
            # abandoned (民事诉讼法第八十五条第四款: time in the post is not counted).
            Transition(
                "supply_amendment",
                ("amendment_requested", "abandoned"),
                "received",
                "收到补正材料",
                perm=HANDLE,
                guards=(guards.supplement_in_time,),
                basis="行政复议法第三十一条第三款；民事诉讼法第八十五条第四款",
            ),
            Transition(
                "extend_amendment",
                "amendment_requested",
                "amendment_requested",
                "延长补正期限",
                perm=HANDLE,
                extends="amendment",
                requires=("ground",),
                basis="行政复议法第三十一条第二款",
            ),
            # 第三十一条第二款: no supplement in time without good reason = application abandoned.
            Transition(
                "abandon",
                "amendment_requested",
                "abandoned",
                "视为放弃申请",
                by_system=True,
                basis="行政复议法第三十一条第二款",
            ),
            # 第四十八条 / 第五十四条: copy sent; the service picks the transition for the procedure.
            Transition(
                "send_copy",
                "accepted",
                "accepted",
                "发送申请书副本",
                perm=HANDLE,
                guards=(guards.ordinary_procedure, guards.copy_not_yet_sent),
                basis="行政复议法第四十八条",
            ),
            Transition(
                "send_copy_simplified",
                "accepted",
                "accepted",
                "发送申请书副本（简易程序）",
                perm=HANDLE,
                guards=(guards.simplified_procedure, guards.copy_not_yet_sent),
                basis="行政复议法第五十四条",
            ),
            # 第四十八条 / 第五十四条: the respondent's reply period runs from its receipt of the copy
            # (recorded once by the office, from the return receipt or the electronic acknowledgement).
            Transition(
                "receive_copy",
                "accepted",
                "accepted",
                "被申请人收到申请书副本",
                perm=HANDLE,
                guards=(guards.ordinary_procedure, guards.copy_sent_not_received),
                basis="行政复议法第四十八条",
            ),
            Transition(
                "receive_copy_simplified",
                "accepted",
                "accepted",
                "被申请人收到申请书副本（简易程序）",
                perm=HANDLE,
                guards=(guards.simplified_procedure, guards.copy_sent_not_received),
                basis="行政复议法第五十四条",
            ),
            Transition(
                "receive_reply",
                "accepted",
                "accepted",
                "收到答复",
                perm="disputes.file_reply",
                basis="行政复议法第四十八条",
            ),
            # 第五十五条: simplified → ordinary with the approval of the head of the reconsideration body.
            Transition(
                "convert_to_ordinary",
                "accepted",
                "accepted",
                "转为普通程序",
                perm=HEAD,
                requires=("ground",),
                guards=(guards.simplified_procedure,),
                basis="行政复议法第五十五条",
            ),
            # 第三十九条: suspension on a statutory ground; the decision clock stops.
            Transition(
                "suspend",
                "accepted",
                "suspended",
                "中止审理",
                perm=HANDLE,
                requires=("ground",),
                basis="行政复议法第三十九条",
            ),
            # 第三十九条第二款: resumes when the cause is gone.
            Transition(
                "resume", "suspended", "accepted", "恢复审理", perm=HANDLE, basis="行政复议法第三十九条第二款"
            ),
            # 第六十二条第一款: one extension of ≤30 days, head approval, ordinary procedure only.
            Transition(
                "extend",
                "accepted",
                "accepted",
                "延长审理期限",
                perm=HEAD,
                extends="decision",
                requires=("ground",),
                guards=(guards.ordinary_procedure,),
                basis="行政复议法第六十二条第一款",
            ),
            # 第六十一条、第六十三至六十九条; 第三十三条 (驳回申请).
            Transition(
                "decide",
                "accepted",
                "decided",
                "作出复议决定",
                perm="disputes.decide_case",
                requires=("outcome", "approved_by"),
                guards=(
                    guards.at_least_two_handlers,
                    guards.parties_heard,
                    guards.formal_hearing_held,
                    guards.advisory_opinion_recorded,
                    guards.outcome_allowed,
                ),
                basis="行政复议法第六十一条、第六十三至六十九条",
            ),
            # 第七十三条: mediation agreement signed by every party and stamped.
            Transition(
                "mediate",
                ("accepted", "suspended"),
                "mediated",
                "调解结案",
                perm=HANDLE,
                requires=("agreement",),
                guards=(guards.at_least_two_handlers,),
                basis="行政复议法第七十三条",
            ),
            # 第四十一条; 第七十四条 (withdrawal after settlement).
            Transition(
                "terminate",
                ("accepted", "suspended"),
                "terminated",
                "终止行政复议",
                perm=HANDLE,
                requires=("ground",),
                guards=(guards.termination_ground_holds,),
                basis="行政复议法第四十一条、第七十四条",
            ),
        ],
    )
)


# --- standalone clocks: records that are not procedure cases ----------------------------------------
# 《行政诉讼法》第六十七条: the defendant files its defence and evidence within 15 days of receiving
# the complaint copy (calendar days, LEGAL_RULES §13); 第三十四条: late evidence counts as none.
LITIGATION = "disputes.litigation"
LITIGATION_CLOCKS = register_clocks(
    LITIGATION,
    "行政应诉",
    [Clock("defence", "答辩举证", cd(15, "行政诉讼法第六十七条"))],
)

# 第七十六条: the recipient of a reconsideration opinion reports its corrections within 60 days of
# receiving it (the clock starts on the recorded receipt, not on the issue date).
OPINION = "disputes.opinion"
OPINION_CLOCKS = register_clocks(
    OPINION,
    "行政复议意见书",
    [Clock("report", "整改情况反馈", cd(60, "行政复议法第七十六条"))],
)
