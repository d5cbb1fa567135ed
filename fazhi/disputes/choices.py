"""Choices of the disputes app, each with the article it comes from."""

from django.db import models


class Channel(models.TextChoices):
    """申请方式 — 《行政复议法》第二十二条."""

    ONLINE = "online", "网上申请"
    COUNTER_WRITTEN = "counter_written", "当面递交书面申请"
    COUNTER_ORAL = "counter_oral", "口头申请（当场记录）"
    POST = "post", "邮寄"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    THIRD_PARTY = "third_party", "第三人"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或者其他组织"


class ActKind(models.TextChoices):
    """The challenged act: an act, or failure to perform a statutory duty (第十一条)."""

    ACT = "act", "行政行为"
    NONPERFORMANCE = "nonperformance", "不履行法定职责"


class ProcedureKind(models.TextChoices):
    """普通程序 / 简易程序 — 第五十三至五十五条."""

    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class SimplifiedGround(models.TextChoices):
    """第五十三条: facts clear and little dispute, and one of these."""

    ON_THE_SPOT = "on_the_spot", "当场作出的行政行为"
    WARNING = "warning", "警告或者通报批评"
    SMALL_AMOUNT = "small_amount", "案件涉及款额三千元以下"
    DISCLOSURE = "disclosure", "政府信息公开案件"
    PARTIES_AGREE = "parties_agree", "当事人各方同意适用简易程序"


class Outcome(models.TextChoices):
    """复议决定类型 — 第三十三条、第六十三至六十九条."""

    ALTER = "alter", "变更"  # 第六十三条
    REVOKE = "revoke", "撤销"  # 第六十四条
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"  # 第六十五条
    ORDER_PERFORMANCE = "order_performance", "责令履行"  # 第六十六条
    DECLARE_VOID = "declare_void", "确认无效"  # 第六十七条
    UPHOLD = "uphold", "维持"  # 第六十八条
    DISMISS_CLAIM = "dismiss_claim", "驳回复议请求"  # 第六十九条
    DISMISS_APPLICATION = "dismiss_application", "驳回申请"  # 第三十三条


# 纠错: INDICATORS.md reconsideration.correction_rate numerator.
CORRECTING_OUTCOMES = frozenset(
    {
        Outcome.ALTER,
        Outcome.REVOKE,
        Outcome.DECLARE_UNLAWFUL,
        Outcome.ORDER_PERFORMANCE,
        Outcome.DECLARE_VOID,
    }
)
# Decided on the merits: the correction-rate denominator (the five + upheld + dismissed).
MERITS_OUTCOMES = CORRECTING_OUTCOMES | {Outcome.UPHOLD, Outcome.DISMISS_CLAIM, Outcome.DISMISS_APPLICATION}

# Which decision types fit which kind of act.
OUTCOMES_FOR_ACT = {
    # 第六十三至六十八条 apply to an act; 第三十三条 to any accepted application.
    ActKind.ACT: frozenset(
        {
            Outcome.ALTER,
            Outcome.REVOKE,
            Outcome.DECLARE_UNLAWFUL,
            Outcome.DECLARE_VOID,
            Outcome.UPHOLD,
            Outcome.DISMISS_APPLICATION,
        }
    ),
    # 第六十六条 order performance; 第六十五条第二款 declare unlawful; 第六十九条 dismiss the claim.
    ActKind.NONPERFORMANCE: frozenset(
        {
            Outcome.ORDER_PERFORMANCE,
            Outcome.DECLARE_UNLAWFUL,
            Outcome.DISMISS_CLAIM,
            Outcome.DISMISS_APPLICATION,
        }
    ),
}
# 第七十条: no reply / no evidence → revoke, declare unlawful or void, or order performance.
OUTCOMES_WITHOUT_REPLY = frozenset(
    {Outcome.REVOKE, Outcome.DECLARE_UNLAWFUL, Outcome.DECLARE_VOID, Outcome.ORDER_PERFORMANCE}
)


class SuspensionGround(models.TextChoices):
    """中止 — 第三十九条第一款 (10 grounds)."""

    DEATH = "death", "（一）作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议"
    INCAPACITY = "incapacity", "（二）作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人"
    MISSING = "missing", "（三）作为申请人的公民下落不明"
    DISSOLVED = "dissolved", "（四）作为申请人的法人或者其他组织终止，尚未确定权利义务承受人"
    FORCE_MAJEURE = "force_majeure", "（五）申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"
    MEDIATION = "mediation", "（六）依照本法规定进行调解、和解，申请人和被申请人同意中止"
    INTERPRETATION = "interpretation", "（七）行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认"
    RELATED_CASE = "related_case", "（八）行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"
    DOCUMENT_REVIEW = "document_review", "（九）有本法第五十六条或者第五十七条规定的情形"
    OTHER = "other", "（十）需要中止行政复议的其他情形"


class TerminationGround(models.TextChoices):
    """终止 — 第四十一条; settlement withdrawal 第七十四条."""

    WITHDRAWN = "withdrawn", "（一）申请人撤回行政复议申请，行政复议机构准予撤回"
    SETTLED = "settled", "当事人达成和解，申请人撤回申请（第七十四条）"
    NO_HEIR = "no_heir", "（二）申请人死亡，没有近亲属或者其近亲属放弃行政复议权利"
    NO_SUCCESSOR = "no_successor", "（三）申请人终止，没有权利义务承受人或者其放弃行政复议权利"
    CRIMINAL = (
        "criminal",
        "（四）申请人对行政拘留或者限制人身自由的行政强制措施不服申请行政复议后，因同一违法行为涉嫌犯罪，被采取刑事强制措施",
    )
    SUSPENSION_LAPSED = (
        "suspension_lapsed",
        "（五）依照第三十九条第一款第一项、第二项、第四项中止满六十日，中止的原因仍未消除",
    )


class HearingKind(models.TextChoices):
    """听取意见 (第四十九条) / 听证 (第五十条)."""

    VIEWS = "views", "听取当事人意见"
    FORMAL = "formal", "听证"


class HearingMode(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    ONLINE = "online", "互联网"
    PHONE = "phone", "电话"
    WRITTEN = "written", "书面审查（因当事人原因不能听取意见）"


class DocumentKind(models.TextChoices):
    ACCEPTANCE = "acceptance", "行政复议受理通知书"
    REJECTION = "rejection", "不予受理决定书"
    AMENDMENT = "amendment", "补正通知书"
    REPLY_NOTICE = "reply_notice", "提出答复通知书"
    DECISION = "decision", "行政复议决定书"


# --- Litigation defence (行政应诉) -----------------------------------------------------------------


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    SECOND = "second", "二审"
    RETRIAL = "retrial", "再审"


class Judgment(models.TextChoices):
    """裁判结果 — 《行政诉讼法》第六十二、六十九至七十八条."""

    DISMISS_CLAIM = "dismiss_claim", "驳回诉讼请求"  # 第六十九条
    DISMISS_SUIT = "dismiss_suit", "驳回起诉"
    WITHDRAWN = "withdrawn", "撤诉"
    WITHDRAWN_AFTER_CHANGE = "withdrawn_after_change", "被告改变行政行为后原告撤诉"  # 第六十二条
    REVOKE = "revoke", "撤销"  # 第七十条
    PERFORM = "perform", "判决履行"  # 第七十二条
    PAY = "pay", "判决给付"  # 第七十三条
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"  # 第七十四条
    DECLARE_VOID = "declare_void", "确认无效"  # 第七十五条
    ALTER = "alter", "变更"  # 第七十七条
    AGREEMENT_REMEDY = "agreement_remedy", "行政协议判决被告承担责任"  # 第七十八条
    MEDIATED = "mediated", "调解结案"


class AbsenceReason(models.TextChoices):
    """负责人未出庭的理由 — 2020规定第八条."""

    FORCE_MAJEURE = "force_majeure", "不可抗力"
    ACCIDENT = "accident", "意外事件"
    DUTIES = "duties", "需要履行他人不能代替的公务"
    OTHER = "other", "其他正当事由"
    NONE = "none", "无正当理由"


# --- Mediation -----------------------------------------------------------------------------------


class MediationKind(models.TextChoices):
    PEOPLES = "peoples", "人民调解"
    ADMINISTRATIVE = "administrative", "行政调解"
    PRETRIAL = "pretrial", "诉前委派调解（行政争议）"


class DisputeKind(models.TextChoices):
    NEIGHBOUR = "neighbour", "邻里纠纷"
    FAMILY = "family", "婚姻家庭纠纷"
    LAND = "land", "土地承包、宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    LABOUR = "labour", "劳动争议"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    MEDICAL = "medical", "医疗纠纷"
    PROPERTY = "property", "物业纠纷"
    ADMINISTRATIVE = "administrative", "行政争议"
    OTHER = "other", "其他纠纷"


class MediationOutcome(models.TextChoices):
    PENDING = "pending", "调解中"
    AGREED = "agreed", "调解成功（达成协议）"
    FAILED = "failed", "调解不成"


class Linkage(models.TextChoices):
    """Linked mediation channels (INDICATORS.md mediation.*_linkage)."""

    NONE = "", "无"
    POLICE = "police", "公调对接"
    PROCURATORATE = "procuratorate", "检调对接"
    COURT = "court", "诉调对接"
