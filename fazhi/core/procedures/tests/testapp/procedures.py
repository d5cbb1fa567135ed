"""Test procedures modelled on 行政复议法 (2023) and 政府信息公开条例 (2019)."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.procedures import Clock, Procedure, Transition, cd, register, register_clocks, wd


def at_least_two_handlers(case: Any, data: dict[str, Any]) -> None:
    """行政复议法第三十六条、第四十五条: at least two staff handle the case."""
    if case.handlers < 2:
        raise ValidationError("作出复议决定前须有至少两名承办人员（行政复议法第四十五条）。", code="handlers")


P = "procedures_testapp."

RECONSIDERATION = register(
    Procedure(
        code="testapp.reconsideration",
        label="行政复议（测试）",
        effective_from=date(2024, 1, 1),
        initial="received",
        states={
            "received": "待审查",
            "amendment_requested": "待补正",
            "accepted": "已受理",
            "suspended": "中止",
            "rejected": "不予受理",
            "decided": "已决定",
            "terminated": "已终止",
        },
        clocks=[
            Clock(
                "acceptance_review",
                "受理审查",
                wd(5, "行政复议法第三十条"),
                starts_in={"received"},
                stops_in={"accepted", "rejected", "amendment_requested"},
                on_expiry="deem_accepted",
            ),
            Clock(
                "decision",
                "复议决定",
                cd(60, "行政复议法第六十二条"),
                starts_in={"accepted"},
                stops_in={"decided", "terminated"},
                pauses_in={"suspended"},
                max_extension=cd(30, "行政复议法第六十二条"),
                max_extensions=1,
            ),
            Clock(
                "copy_to_respondent",
                "发送副本",
                wd(7, "行政复议法第四十八条"),
                starts_in={"accepted"},
                stops_on={"send_copy"},
                stops_in={"decided", "terminated"},
                pauses_in={"suspended"},
            ),
        ],
        transitions=[
            Transition("accept", "received", "accepted", "受理", perm=P + "decide_acceptance"),
            Transition("deem_accepted", "received", "accepted", "视为受理", by_system=True),
            Transition(
                "reject",
                "received",
                "rejected",
                "不予受理",
                perm=P + "decide_acceptance",
                requires=("reasons",),
            ),
            Transition(
                "request_amendment",
                "received",
                "amendment_requested",
                "通知补正",
                perm=P + "decide_acceptance",
                requires=("missing_items",),
            ),
            Transition("amend", "amendment_requested", "received", "补正材料", perm=P + "handle_case"),
            Transition("send_copy", "accepted", "accepted", "发送副本", perm=P + "handle_case"),
            Transition(
                "suspend", "accepted", "suspended", "中止", perm=P + "handle_case", requires=("ground",)
            ),
            Transition("resume", "suspended", "accepted", "恢复审理", perm=P + "handle_case"),
            Transition(
                "extend",
                "accepted",
                "accepted",
                "延长审理期限",
                perm=P + "approve_extension",
                extends="decision",
                requires=("ground",),
            ),
            Transition(
                "decide",
                "accepted",
                "decided",
                "作出决定",
                perm=P + "decide_case",
                requires=("outcome",),
                guards=(at_least_two_handlers,),
            ),
            Transition("terminate", "*", "terminated", "终止", perm=P + "decide_case", requires=("ground",)),
        ],
    )
)

DISCLOSURE = register(
    Procedure(
        code="testapp.disclosure",
        label="依申请公开（测试）",
        initial="received",
        states={"received": "办理中", "awaiting_applicant": "待申请人补正", "answered": "已答复"},
        clocks=[
            Clock(
                "reply",
                "答复",
                wd(20, "政府信息公开条例第三十三条"),
                starts_in={"received"},
                stops_in={"answered"},
                pauses_in={"awaiting_applicant"},
                max_extension=wd(20, "政府信息公开条例第三十三条"),
            ),
        ],
        transitions=[
            Transition("ask_applicant", "received", "awaiting_applicant", "通知补正", perm=P + "handle_case"),
            Transition(
                "applicant_replied", "awaiting_applicant", "received", "申请人补正", perm=P + "handle_case"
            ),
            Transition(
                "extend",
                "received",
                "received",
                "延长答复期限",
                perm=P + "approve_extension",
                extends="reply",
            ),
            Transition("answer", "received", "answered", "答复", perm=P + "handle_case"),
        ],
    )
)

RESTART = register(
    Procedure(
        code="testapp.restart",
        label="重新起算（测试）",
        initial="open",
        states={"open": "办理中", "done": "办结"},
        clocks=[
            Clock(
                "reply", "答复", wd(15, "测试"), starts_in={"open"}, starts_on={"restart"}, stops_in={"done"}
            )
        ],
        transitions=[
            Transition("restart", "open", "open", "重新起算", perm=P + "handle_case"),
            Transition("finish", "open", "done", "办结", perm=P + "handle_case"),
        ],
    )
)


# Standalone clocks on a record that is not run by a procedure (here: an Application used as any
# record), e.g. a publicity record's 7 working days and a reply with one 20-working-day extension.
PUBLICITY = register_clocks(
    "testapp.publicity",
    "公示",
    [
        Clock("publish", "公示", wd(7, "国办发〔2018〕118号")),
        Clock("reply", "答复", wd(20, "政府信息公开条例第三十三条"), max_extension=wd(20)),
    ],
)
