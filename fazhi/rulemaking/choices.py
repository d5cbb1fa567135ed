"""Choices of the rulemaking app; each with its legal basis in a comment."""

from __future__ import annotations

from django.db import models


class ReviewOpinion(models.TextChoices):
    """合法性审核意见 — 《优化营商环境条例》第六十三条第二款; 115号."""

    PASSED = "passed", "合法（同意提交审议）"
    PASSED_WITH_CHANGES = "passed_with_changes", "修改后合法（同意修改后提交审议）"
    FAILED = "failed", "不合法（不得提交审议）"


PASSING_OPINIONS = (ReviewOpinion.PASSED, ReviewOpinion.PASSED_WITH_CHANGES)


class FairCompetitionConclusion(models.TextChoices):
    """公平竞争审查结论 — 《公平竞争审查条例》第十八条 (written conclusion); 第十二条 exceptions."""

    PASSED = "passed", "符合公平竞争审查标准"
    EXCEPTION = "exception", "适用例外规定（已详细说明）"
    FAILED = "failed", "不符合（不得出台）"


class CleanupConclusion(models.TextChoices):
    """清理结论 — 37号; 国发〔2010〕33号."""

    RETAIN = "retain", "继续有效"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"
    EXPIRE = "expire", "宣布失效"


class CleanupKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", "全面清理"
    THEMATIC = "thematic", "专项清理"


class CommentAnswer(models.TextChoices):
    """意见采纳情况 — the feedback published after a comment round."""

    PENDING = "pending", "待答复"
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "不予采纳"


class FlagKind(models.TextChoices):
    """机器预审 flags (rules are data: `rulemaking/data/prereview_rules.json`)."""

    PENALTY = "penalty", "设定行政处罚"
    PERMIT = "permit", "设定行政许可"
    COERCION = "coercion", "设定行政强制措施"
    FEE = "fee", "设定收费"
    OBLIGATION = "obligation", "减损权利、增加义务"
    MARKET = "market", "限制市场准入或干预经营"
    SUPERSEDED = "superseded", "援引已废止、失效的文件"


class FlagDecision(models.TextChoices):
    PENDING = "pending", "待审核人确认"
    ACCEPTED = "accepted", "问题成立"
    DISMISSED = "dismissed", "不成立（排除）"


class MeetingKind(models.TextChoices):
    """集体审议 / 集体讨论决定 — 37号; 《重大行政决策程序暂行条例》第三十条."""

    EXECUTIVE = "executive", "政府常务会议"
    PLENARY = "plenary", "政府全体会议"
    OFFICE = "office", "部门办公会议"


class CatalogueState(models.TextChoices):
    """决策事项目录 — 第三条第三款: approved by the Party committee, then published, adjusted."""

    DRAFTED = "drafted", "拟订中"
    APPROVED = "approved", "已报同级党委同意"
    PUBLISHED = "published", "已公布"


class RiskLevel(models.TextChoices):
    """第二十四条: a decision may be taken only if the risk is controllable."""

    LOW = "low", "低风险（可控）"
    MEDIUM = "medium", "中风险（采取措施后可控）"
    HIGH = "high", "高风险（不可控）"


CONTROLLABLE_RISKS = (RiskLevel.LOW, RiskLevel.MEDIUM)


class PaperKind(models.TextChoices):
    CONTRACT = "contract", "合同"
    AGREEMENT = "agreement", "行政协议"
    DECISION_DRAFT = "decision_draft", "决策草案"
    REPLY = "reply", "答复、复函"
    OTHER = "other", "其他涉法文件"


class PaperConclusion(models.TextChoices):
    LAWFUL = "lawful", "合法，可以签署（出台）"
    WITH_CHANGES = "with_changes", "修改后可以签署（出台）"
    UNLAWFUL = "unlawful", "存在法律风险，不宜签署（出台）"


class AdviserKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    EXPERT = "expert", "法学专家"
    IN_HOUSE = "in_house", "公职律师"
