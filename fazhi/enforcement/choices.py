"""Choices for the enforcement app, each with the article it comes from."""

from django.db import models


class MatterKind(models.TextChoices):
    """执法事项类别 (118号 二(一): publish duties and powers by kind)."""

    PENALTY = "penalty", "行政处罚"
    PERMIT = "permit", "行政许可"
    COERCIVE_MEASURE = "coercive_measure", "行政强制"
    INSPECTION = "inspection", "行政检查"
    LEVY = "levy", "行政征收"
    OTHER = "other", "其他"


class Tier(models.TextChoices):
    """裁量阶次 (行政处罚法第三十二、三十三条; 裁量基准 第三十四条)."""

    NO_PENALTY = "no_penalty", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LENIENT = "lenient", "从轻处罚"
    STANDARD = "standard", "一般处罚"
    AGGRAVATED = "aggravated", "从重处罚"


class NoPenaltyList(models.TextChoices):
    """不予处罚清单 (第三十三条第一款): 首违不罚 is discretionary, 轻微不罚 mandatory."""

    NONE = "", "—"
    FIRST_OFFENCE = "first_offence", "首违不罚"
    MINOR = "minor", "轻微不罚"


class ReviewGround(models.TextChoices):
    """法制审核情形 (行政处罚法第五十八条第一款)."""

    PUBLIC_INTEREST = "public_interest", "涉及重大公共利益"
    HEARING = "hearing", "直接关系当事人或者第三人重大权益，经过听证程序"
    COMPLEX = "complex", "案件情况疑难复杂、涉及多个法律关系"
    BY_LAW = "by_law", "法律、法规规定应当进行法制审核的其他情形"


class ProcedureKind(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"  # 第五十四条起
    ON_THE_SPOT = "on_the_spot", "简易程序（当场处罚）"  # 第五十一条


class PenaltyType(models.TextChoices):
    """行政处罚的种类 (行政处罚法第九条)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATION = "confiscation", "没收违法所得、没收非法财物"
    SUSPEND_PERMIT = "suspend_permit", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    REVOKE_PERMIT = "revoke_permit", "吊销许可证件"
    RESTRICT_ACTIVITIES = "restrict_activities", "限制开展生产经营活动"
    ORDER_CLOSURE = "order_closure", "责令停产停业、责令关闭"
    RESTRICT_EMPLOYMENT = "restrict_employment", "限制从业"
    DETENTION = "detention", "行政拘留"


# 第六十三条第一款: penalty types that always carry the right to a hearing.
HEARING_PENALTY_TYPES = frozenset(
    {
        PenaltyType.LOWER_QUALIFICATION,
        PenaltyType.REVOKE_PERMIT,
        PenaltyType.ORDER_CLOSURE,
        PenaltyType.RESTRICT_EMPLOYMENT,
        PenaltyType.RESTRICT_ACTIVITIES,
    }
)


class DecisionKind(models.TextChoices):
    """处罚决定的类型 (行政处罚法第五十七条第一款)."""

    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY_MINOR = "no_penalty_minor", "违法行为轻微，不予行政处罚"
    NO_PENALTY_FACTS = "no_penalty_facts", "违法事实不能成立，不予行政处罚"
    TRANSFER = "transfer", "违法行为涉嫌犯罪，移送司法机关"


class StepKind(models.TextChoices):
    """调查取证环节 (第五十五、五十六条; 118号 三(二) for audio-video)."""

    INQUIRY = "inquiry", "询问调查"
    INSPECTION = "inspection", "现场检查（勘验）"
    SAMPLING = "sampling", "抽样取证"
    PRESERVATION = "preservation", "先行登记保存"
    SEAL_SEIZE = "seal_seize", "查封、扣押"
    CASE_ROOM_INQUIRY = "case_room_inquiry", "执法办案场所询问"
    FORCED_EXECUTION = "forced_execution", "强制执行（强制拆除等）"


# 118号 三(二): whole-process audio-video is mandatory for on-site actions that directly affect
# personal liberty, life and health or major property rights, and in case-handling rooms.
AV_REQUIRED_STEPS = frozenset({StepKind.SEAL_SEIZE, StepKind.CASE_ROOM_INQUIRY, StepKind.FORCED_EXECUTION})


class ServiceMethod(models.TextChoices):
    """送达方式 (第六十一条; 民事诉讼法)."""

    DIRECT = "direct", "直接送达"
    ON_THE_SPOT = "on_the_spot", "当场交付"
    LEFT = "left", "留置送达"
    MAIL = "mail", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达（经当事人同意）"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class ReviewStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", "无需法制审核"
    MISSING = "missing", "待提交审核"
    PENDING = "pending", "审核中"
    APPROVED = "approved", "审核通过"
    RETURNED = "returned", "退回"


class PublicityKind(models.TextChoices):
    """118号 二(三): permit and penalty decisions 7 WD, other decisions 20 WD."""

    PENALTY = "penalty", "行政处罚决定"
    PERMIT = "permit", "行政许可决定"
    OTHER = "other", "其他执法决定"


class PublicityStatus(models.TextChoices):
    DUE = "due", "待公示"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回"
    WITHDRAWAL_DUE = "withdrawal_due", "待撤回"


class CollectionReason(models.TextChoices):
    """当场收缴罚款的情形 (行政处罚法第六十八、六十九条)."""

    NONE = "", "—"
    SMALL = "small", "当场处罚且罚款一百元以下"  # 第六十八条第一项
    HARD_TO_COLLECT = "hard_to_collect", "当场处罚且不当场收缴事后难以执行"  # 第六十八条第二项
    REMOTE = "remote", "边远、水上、交通不便地区，当事人提出"  # 第六十九条
