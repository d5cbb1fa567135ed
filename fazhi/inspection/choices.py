"""Choices of the random-inspection app (LEGAL_RULES.md §5)."""

from __future__ import annotations

from django.db import models


class EntityKind(models.TextChoices):
    """检查对象名录库: enterprises, individual businesses and other entities, or products and projects (国发〔2019〕5号)."""

    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    INSTITUTION = "institution", "事业单位"
    ASSOCIATION = "association", "社会组织"
    LAW_FIRM = "law_firm", "律师事务所"
    PRODUCT = "product", "产品"
    PROJECT = "project", "项目"


#: Products and projects are inspected objects without a USCC of their own.
CODED_KINDS = frozenset({EntityKind.PRODUCT, EntityKind.PROJECT})


class CreditGrade(models.TextChoices):
    """信用风险分类 (国市监信发〔2022〕6号): A low … D high; an internal reference, never published."""

    A = "A", "A类（信用风险低）"
    B = "B", "B类（信用风险一般）"
    C = "C", "C类（信用风险较高）"
    D = "D", "D类（信用风险高）"


class MatterCategory(models.TextChoices):
    """国发〔2019〕5号: general items (ratio strictly limited) and key items (no ceiling)."""

    GENERAL = "general", "一般检查事项"
    KEY = "key", "重点检查事项"


class InspectionMethod(models.TextChoices):
    ON_SITE = "on_site", "现场检查"
    DOCUMENTS = "documents", "书面检查"
    ONLINE = "online", "网络监测"
    SAMPLING = "sampling", "抽样检测"


class PlanKind(models.TextChoices):
    ANNUAL = "annual", "年度计划"
    AD_HOC = "ad_hoc", "专项（临时）计划"


class DrawState(models.TextChoices):
    COMMITTED = "committed", "已公布种子哈希，待抽取"
    DRAWN = "drawn", "已抽取，待确认"
    CONFIRMED = "confirmed", "已确认，任务已下达"
    SUPERSEDED = "superseded", "已重新抽取（原结果保留）"


class Outcome(models.TextChoices):
    """检查结果 as published on the enterprise credit publicity system."""

    NO_PROBLEM = "no_problem", "未发现问题"
    RECTIFIED = "rectified", "发现问题已责令改正（当场整改）"
    PROBLEMS = "problems", "发现问题，已立案查处"
    NOT_FOUND = "not_found", "通过登记的住所（经营场所）无法联系"
    CLOSED = "closed", "已关闭停业或不再从事相关经营活动"
    REFUSED = "refused", "不配合检查情节严重"
    REFERRED = "referred", "发现问题，已移交其他部门处理"


FLAG_LABELS = {
    "key_sector": "特殊重点领域",
    "complaint": "投诉举报",
    "abnormal": "经营异常名录",
    "new": "新设立",
}
