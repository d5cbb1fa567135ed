"""Choice lists of the affairs app. The disclosure reply types are the statutory ones only
(《政府信息公开条例》第三十六至三十九条), each mapped to its row of the national annual-report format
(国办公开办函〔2021〕30号, ../shared/DISCLOSURE_REPORT.md §5 and §9)."""

from __future__ import annotations

from django.db import models


# --- disclosure requests -------------------------------------------------------------------------
class ApplicantKind(models.TextChoices):
    """The applicant columns of table 三 (DISCLOSURE_REPORT.md §5), in the format's order."""

    PERSON = "person", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"


class DisclosureChannel(models.TextChoices):
    """第二十九条: written requests by letter or electronically; oral requests are written down by the office.
    第三十一条 fixes the date of receipt per channel (see services.disclosure.statutory_receipt_date)."""

    IN_PERSON = "in_person", "当面提交"
    REGISTERED_MAIL = "registered_mail", "邮寄（挂号信、特快专递等需签收）"
    ORDINARY_MAIL = "ordinary_mail", "平常信函"
    ONLINE = "online", "互联网渠道"
    FAX = "fax", "传真"


class ReplyType(models.TextChoices):
    """The statutory ways to answer (第三十六条(一)–(七), 第三十七、三十八、三十九条 and 第三十条, 第三十五条)."""

    ALREADY_PUBLIC = "already_public", "已主动公开，告知获取的方式和途径（第三十六条第一项）"
    PROVIDED = "provided", "予以提供，或告知获取的方式、途径和时间（第三十六条第二项）"
    PARTIAL = "partial", "部分公开，说明不予公开部分的理由（第三十七条）"
    DENIED_STATE_SECRET = "denied_state_secret", "不予公开：属于国家秘密（第十四条）"
    DENIED_BY_LAW = "denied_by_law", "不予公开：其他法律行政法规禁止公开（第十四条）"
    DENIED_SAFETY = "denied_safety", "不予公开：危及“三安全一稳定”（第十四条）"
    DENIED_THIRD_PARTY = "denied_third_party", "不予公开：保护第三方合法权益（第十五条）"
    DENIED_INTERNAL = "denied_internal", "不予公开：属于三类内部事务信息（第十六条第一款）"
    DENIED_PROCESS = "denied_process", "不予公开：属于四类过程性信息（第十六条第二款）"
    DENIED_CASE_FILE = "denied_case_file", "不予公开：属于行政执法案卷（第十六条第二款）"
    DENIED_SPECIAL_REGIME = "denied_special_regime", "不予公开：属于行政查询事项（第三十六条第七项）"
    NOT_HELD = "not_held", "无法提供：本机关不掌握相关政府信息（第三十六条第四、五项）"
    NEEDS_CREATION = "needs_creation", "无法提供：没有现成信息需要另行制作（第三十八条）"
    STILL_UNCLEAR = "still_unclear", "无法提供：补正后申请内容仍不明确（第三十条）"
    PETITION = "petition", "不予处理：信访举报投诉类申请（第三十九条第一款）"
    REPEAT = "repeat", "不予处理：重复申请（第三十六条第六项）"
    PUBLICATION = "publication", "不予处理：要求提供公开出版物（第三十九条第二款）"
    EXCESSIVE = "excessive", "不予处理：无正当理由大量反复申请（第三十五条）"
    CONFIRM_OR_REISSUE = "confirm_or_reissue", "不予处理：要求行政机关确认或重新出具已获取信息"


# Row keys of table 三 (DISCLOSURE_REPORT.md §5 "suggested key"), in the format's order, with the
# verbatim labels. Group rows carry no figures (the format has no subtotals for (三)–(六)).
REPORT_ROWS: tuple[tuple[str, str, str], ...] = (
    # (key, group label or "", row label)
    ("open", "", "（一）予以公开"),
    ("partial", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.1", "（三）不予公开", "1.属于国家秘密"),
    ("denied.2", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied.3", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied.4", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied.5", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied.6", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied.7", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied.8", "（三）不予公开", "8.属于行政查询事项"),
    ("unable.1", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.2", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable.3", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.1", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.2", "（五）不予处理", "2.重复申请"),
    ("not_processed.3", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed.4", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.5", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    (
        "other.1",
        "（六）其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other.2",
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other.3", "（六）其他处理", "3.其他"),
)

REPLY_TYPE_ROW: dict[str, str] = {
    ReplyType.ALREADY_PUBLIC: "open",
    ReplyType.PROVIDED: "open",
    ReplyType.PARTIAL: "partial",
    ReplyType.DENIED_STATE_SECRET: "denied.1",
    ReplyType.DENIED_BY_LAW: "denied.2",
    ReplyType.DENIED_SAFETY: "denied.3",
    ReplyType.DENIED_THIRD_PARTY: "denied.4",
    ReplyType.DENIED_INTERNAL: "denied.5",
    ReplyType.DENIED_PROCESS: "denied.6",
    ReplyType.DENIED_CASE_FILE: "denied.7",
    ReplyType.DENIED_SPECIAL_REGIME: "denied.8",
    ReplyType.NOT_HELD: "unable.1",
    ReplyType.NEEDS_CREATION: "unable.2",
    ReplyType.STILL_UNCLEAR: "unable.3",
    ReplyType.PETITION: "not_processed.1",
    ReplyType.REPEAT: "not_processed.2",
    ReplyType.PUBLICATION: "not_processed.3",
    ReplyType.EXCESSIVE: "not_processed.4",
    ReplyType.CONFIRM_OR_REISSUE: "not_processed.5",
}
# Endings other than a reply (第三十条 abandonment, unpaid fee, withdrawal) → （六）.
STATE_ROW: dict[str, str] = {"abandoned": "other.1", "fee_unpaid": "other.2", "withdrawn": "other.3"}
DISCLOSURE_CLOSED_STATES = ("replied", "abandoned", "fee_unpaid", "withdrawn")


# --- NPC suggestions and CPPCC proposals ---------------------------------------------------------
class SuggestionKind(models.TextChoices):
    NPC = "npc", "人大代表建议"
    CPPCC = "cppcc", "政协委员提案"


class SuggestionCategory(models.TextChoices):
    """The A/B/C classification of the handling result, as the supervising offices use it."""

    A = "A", "A类（所提问题已经解决或基本解决）"
    B = "B", "B类（所提问题列入计划逐步解决）"
    C = "C", "C类（因条件限制或其他原因暂时难以解决，作出说明）"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


SATISFIED_VALUES = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)


# --- petitions ------------------------------------------------------------------------------------
class PetitionChannel(models.TextChoices):
    VISIT = "visit", "走访"
    LETTER = "letter", "来信"
    ONLINE = "online", "网上信访"
    PHONE = "phone", "电话"
    HOTLINE = "hotline", "12345热线"


class PetitionRoute(models.TextChoices):
    """第三十一条: a statutory route where one applies, otherwise investigation and an opinion (第六项)."""

    INVESTIGATE = "investigate", "调查核实并出具信访处理意见书（第三十一条第六项）"
    STATUTORY = "statutory", "导入诉讼、仲裁、行政复议等法定途径（第三十一条第一至五项）"


class PetitionOutcome(models.TextChoices):
    """第三十二条: support; explain (reasonable but no basis); not support."""

    SUPPORT = "support", "予以支持"
    EXPLAIN = "explain", "解释说明"
    NOT_SUPPORT = "not_support", "不予支持"


# --- registries ---------------------------------------------------------------------------------
class LegalAidKind(models.TextChoices):
    CRIMINAL = "criminal", "刑事"
    CIVIL = "civil", "民事"
    ADMINISTRATIVE = "administrative", "行政"
    OTHER = "other", "其他"


class ConsultationChannel(models.TextChoices):
    VISIT = "visit", "来访"
    PHONE = "phone", "电话（12348）"
    ONLINE = "online", "网络"


class EducationKind(models.TextChoices):
    """Kinds of legal-education event, one per education.* indicator."""

    CAMPAIGN = "campaign", "普法宣传活动"
    LECTURE = "lecture", "法治讲座（宣讲）"
    SCHOOL = "school", "法治进校园活动"
    PERFORMANCE = "performance", "法治文艺演出"
    TRAINING = "training", "工作人员法治培训班"
    EXAM = "exam", "法律知识考试"
    COURT_HEARING = "court_hearing", "旁听庭审"


class Audience(models.TextChoices):
    PUBLIC = "public", "社会公众"
    STUDENTS = "students", "青少年学生"
    BUSINESSES = "businesses", "企业经营者"
    OFFICIALS = "officials", "国家工作人员"
    VILLAGERS = "villagers", "农村居民"
    OTHER = "other", "其他"


class StudyKind(models.TextChoices):
    EXEC_MEETING = "exec_meeting", "政府常务会议会前学法"
    CENTRAL_GROUP = "central_group", "党委（党组）理论学习中心组学法"
    THOUGHT = "thought", "习近平法治思想专题学习"
    DEPT_LEADER = "dept_leader", "部门领导干部专题学法"
