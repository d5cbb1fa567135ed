"""Field specs of the action forms on the case page. Parsing reuses the API's `*In` serializers, so the
browser and the API accept exactly the same input; the services do every check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fazhi.enforcement.choices import (
    DecisionKind,
    PenaltyType,
    ServiceMethod,
    StepKind,
    Tier,
)


@dataclass(frozen=True)
class F:
    name: str
    label: str
    kind: str = "text"  # text | date | textarea | select | multi | checkbox | money | number | user | file
    choices: list[tuple[str, str]] = field(default_factory=list)
    help: str = ""


def _c(choices: Any) -> list[tuple[str, str]]:
    return [(str(v), str(label)) for v, label in choices]


ON = F("on", "办理日期", "date")

# verb → (title, fields); the verb is the API's (fazhi.enforcement.api.views.VERBS)
ACTION_FORMS: dict[str, tuple[str, list[F]]] = {
    "update-details": (
        "补正当事人信息和案情",
        [
            F("party_address", "当事人地址"),
            F("party_id_number", "身份证号码/统一社会信用代码"),
            F("facts", "违法事实", "textarea"),
        ],
    ),
    "notify": (
        "告知拟处罚决定（第四十四条）",
        [
            ON,
            F("tier", "裁量阶次", "select", _c(Tier.choices)),
            F("penalty_types", "拟处罚种类", "multi", _c(PenaltyType.choices)),
            F("fine", "拟罚款（元）", "money"),
            F("confiscation", "拟没收金额（元）", "money"),
            F(
                "out_of_tier_reason",
                "超出基准范围的书面理由",
                "textarea",
                help="拟罚款超出所选阶次的裁量基准时必填，并提交法制审核。",
            ),
            F("collective_discussion", "须负责人集体讨论（情节复杂或重大违法）", "checkbox"),
        ],
    ),
    "make-statement": (
        "当事人陈述申辩",
        [
            F("on", "收到日期", "date"),
            F("posted_on", "邮寄的，寄出日期（邮戳）", "date", help="在期间届满前交邮的，不算过期。"),
            F("text", "陈述申辩要点", "textarea"),
        ],
    ),
    "request-hearing": (
        "当事人申请听证（五个工作日内）",
        [
            F("on", "收到日期", "date"),
            F("posted_on", "邮寄的，寄出日期（邮戳）", "date", help="在期间届满前交邮的，不算过期。"),
        ],
    ),
    "waive-hearing": ("当事人书面放弃陈述申辩、听证", [ON]),
    "schedule-hearing": (
        "通知听证（七个工作日前）",
        [ON, F("hearing_on", "听证日期", "date"), F("chair", "听证主持人（非本案调查人员）", "user")],
    ),
    "hold-hearing": ("举行听证", [ON, F("record", "听证笔录摘要", "textarea")]),
    "submit-review": ("提交法制审核", [ON]),
    "approve-review": ("法制审核通过", [ON, F("opinion", "审核意见", "textarea")]),
    "return-review": ("法制审核退回", [ON, F("opinion", "退回理由", "textarea")]),
    "discuss": ("负责人集体讨论", [ON, F("minutes", "讨论纪要", "textarea")]),
    "decide": (
        "作出处罚决定（第五十七、五十九条）",
        [
            ON,
            F("decision_kind", "决定类型", "select", _c(DecisionKind.choices)),
            F("decision_number", "决定书文号"),
            F("penalty_types", "处罚种类", "multi", _c(PenaltyType.choices)),
            F("fine_amount", "罚款（元）", "money"),
            F("confiscation_amount", "没收金额（元）", "money"),
            F("decision_basis", "处罚的种类和依据", "textarea"),
            F("evidence_summary", "违法事实和证据", "textarea"),
            F("performance", "履行方式和期限", "textarea"),
            F("remedies", "救济途径和期限", "textarea"),
        ],
    ),
    "decide-on-the-spot": (
        "当场作出处罚决定（第五十一、五十二条）",
        [
            ON,
            F("decision_number", "当场处罚决定书编号"),
            F(
                "penalty_types",
                "处罚种类（警告、罚款）",
                "multi",
                _c([(PenaltyType.WARNING, "警告"), (PenaltyType.FINE, "罚款")]),
            ),
            F("fine_amount", "罚款（元）", "money", help="公民不超过200元，法人或其他组织不超过3000元。"),
            F("decision_basis", "处罚依据", "textarea"),
            F("evidence_summary", "违法事实", "textarea"),
            F("performance", "缴纳方式和期限", "textarea"),
            F("remedies", "救济途径和期限", "textarea"),
        ],
    ),
    "file": ("当场处罚决定报机关备案", [ON]),
    "serve": (
        "送达处罚决定书（七个工作日内）",
        [
            ON,
            F("method", "送达方式", "select", _c(ServiceMethod.choices)),
            F("party_consented", "当事人已同意电子送达", "checkbox"),
        ],
    ),
    "record-payment": (
        "登记缴纳罚款",
        [ON, F("amount", "缴款金额（元）", "money"), F("note", "执行情况", "textarea")],
    ),
    "close": ("结案", [ON, F("note", "执行情况（罚款未缴纳时必填）", "textarea")]),
    "suspend": ("中止调查", [ON, F("ground", "中止理由", "textarea")]),
    "resume": ("恢复调查", [ON]),
    "extend": (
        "延长办案期限（负责人批准）",
        [
            ON,
            F("ground", "延长理由", "textarea"),
            F("days", "延长天数（不填按本机关办案期限规则）", "number"),
        ],
    ),
}

# transitions of the engine → the verb form that fires them
TRANSITION_VERB = {
    "notify": "notify",
    "notify_hearing": "notify",
    "make_statement": "make-statement",
    "waive_statement": "waive-hearing",
    "waive_hearing": "waive-hearing",
    "request_hearing": "request-hearing",
    "schedule_hearing": "schedule-hearing",
    "hold_hearing": "hold-hearing",
    "submit_review": "submit-review",
    "approve_review": "approve-review",
    "return_review": "return-review",
    "discuss": "discuss",
    "decide": "decide",
    "decide_on_the_spot": "decide-on-the-spot",
    "serve": "serve",
    "serve_fine": "serve",
    "record_payment": "record-payment",
    "close": "close",
    "suspend": "suspend",
    "resume": "resume",
    "extend": "extend",
}

STEP_FORM = [
    F("kind", "取证方式", "select", _c(StepKind.choices)),
    ON,
    F("place", "地点"),
    F("officer_a", "执法人员一", "user"),
    F("officer_b", "执法人员二", "user"),
    F("summary", "笔录/记录摘要", "textarea"),
    F("files", "书证、照片等文件", "file"),
    F("audio_video", "音像记录文件（查封扣押、强制执行、办案场所询问必传）", "file"),
]
