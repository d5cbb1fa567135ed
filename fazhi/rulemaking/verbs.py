"""The verb tables (core.procedures.verbs): one per procedure. The API endpoint, the case page's
action form and 我的待办 share each transition's name; verbs that are not transitions name their
permission and states."""

from __future__ import annotations

from typing import Any

from fazhi.core.procedures.verbs import Verb, VerbTable

from . import forms, selectors, services
from .api import serializers as s
from .models import LegalAdviser

EDITABLE = frozenset({"registered", "assessed", "commented", "review_failed", "reviewed"})
VALID = frozenset({"published", "in_force"})
BEFORE_REVIEW = frozenset({"registered", "consulting", "consulted", "review_failed"})


def _doc_detail(user: Any, pk: int) -> Any:
    return (
        selectors.documents_visible_to(user)
        .prefetch_related("versions__clauses__flags", "procedure_deadlines")
        .get(pk=pk)
    )


def _publish(u: Any, d: Any, v: dict[str, Any]) -> Any:
    v = dict(v)
    prefix = v.pop("number_prefix", v.pop("prefix", ""))
    return services.publish_document(actor=u, document=d, prefix=prefix, **v)


def _end(how: str) -> Any:
    return lambda u, d, v: services.end_document(actor=u, document=d, how=how, on=v["on"], reason=v["reason"])


DOCUMENT_VERBS = VerbTable(
    procedure="rulemaking.normative_document",
    basename="documents",
    route="rulemaking-document",
    queryset=selectors.documents_visible_to,
    output=s.NormativeDocumentDetailOut,
    detail=_doc_detail,
    html_route="rulemaking:document_action",
    verbs=[
        Verb(
            "assess",
            lambda u, d, v: services.assess_document(actor=u, document=d, **v),
            s.DocumentAssessIn,
            forms.AssessForm,
        ),
        Verb(
            "open_comment",
            lambda u, d, v: services.open_comment(actor=u, document=d, **v),
            s.CommentPeriodIn,
            forms.CommentPeriodForm,
        ),
        Verb(
            "close_comment",
            lambda u, d, v: services.close_comment(actor=u, document=d, **v),
            s.RulemakingDateIn,
            forms.OnForm,
        ),
        Verb(
            "submit_review",
            lambda u, d, v: services.submit_review(actor=u, document=d, **v),
            s.RulemakingDateIn,
            forms.OnForm,
        ),
        Verb(
            "pass_review",
            lambda u, d, v: services.pass_review(actor=u, document=d, **v),
            s.LegalityOpinionIn,
            forms.OpinionForm,
        ),
        Verb(
            "fail_review",
            lambda u, d, v: services.fail_review(actor=u, document=d, **v),
            s.LegalityFailIn,
            forms.FailForm,
        ),
        Verb(
            "resubmit",
            lambda u, d, v: services.resubmit_document(actor=u, document=d, **v),
            s.RulemakingDateIn,
            forms.OnForm,
        ),
        Verb(
            "fair_competition_review",
            lambda u, d, v: services.record_fair_competition(actor=u, document=d, **v),
            s.FairCompetitionIn,
            forms.FairCompetitionForm,
        ),
        Verb(
            "deliberate",
            lambda u, d, v: services.deliberate_document(actor=u, document=d, **v),
            s.DeliberationIn,
            forms.DeliberationForm,
        ),
        Verb("publish", _publish, s.PublicationIn, forms.PublicationForm),
        Verb(
            "take_effect",
            lambda u, d, v: services.take_effect(actor=u, document=d, **v),
            s.RulemakingDateIn,
            forms.OnForm,
        ),
        Verb(
            "file",
            lambda u, d, v: services.file_document(actor=u, document=d, **v),
            s.FilingIn,
            forms.FilingForm,
        ),
        Verb(
            "file_in_force",
            lambda u, d, v: services.file_document(actor=u, document=d, **v),
            s.FilingIn,
            forms.FilingForm,
        ),
        Verb(
            "evaluate",
            lambda u, d, v: services.evaluate_document(actor=u, document=d, **v),
            s.EvaluationIn,
            forms.EvaluationForm,
        ),
        Verb("repeal", _end("repeal"), s.RulemakingReasonIn, forms.ReasonForm),
        Verb("declare_expired", _end("declare_expired"), s.RulemakingReasonIn, forms.ReasonForm),
        Verb("replace", _end("replace"), s.RulemakingReasonIn, forms.ReasonForm),
        Verb(
            "withdraw",
            lambda u, d, v: services.withdraw_document(actor=u, document=d, **v),
            s.RulemakingReasonIn,
            forms.ReasonForm,
        ),
        Verb(
            "add_version",
            lambda u, d, v: services.add_version(actor=u, document=d, **v),
            s.DocumentVersionIn,
            forms.VersionForm,
            label="录入修改稿",
            perm="rulemaking.draft_document",
            states=EDITABLE,
        ),
        Verb(
            "review_filing",
            lambda u, d, v: services.review_filing(actor=u, document=d, **v),
            s.FilingReviewIn,
            forms.FilingReviewForm,
            label="备案审查",
            doc="示范指标体系第27项：报备规范率",
            perm="rulemaking.accept_filing",
            states=VALID,
        ),
    ],
)


def _dec(fn: Any) -> Any:
    return lambda u, d, v: fn(actor=u, decision=d, **v)


DECISION_VERBS = VerbTable(
    procedure="rulemaking.major_decision",
    basename="decisions",
    route="rulemaking-decision",
    queryset=selectors.decisions_visible_to,
    output=s.MajorDecisionOut,
    html_route="rulemaking:decision_action",
    verbs=[
        Verb(
            "open_participation",
            _dec(services.open_participation),
            s.CommentPeriodIn,
            forms.CommentPeriodForm,
        ),
        Verb(
            "close_participation",
            _dec(services.close_participation),
            s.ParticipationCloseIn,
            forms.ParticipationCloseForm,
        ),
        Verb(
            "submit_review",
            _dec(services.submit_decision_review),
            s.DecisionReviewSubmitIn,
            forms.DecisionReviewSubmitForm,
        ),
        Verb(
            "pass_review",
            _dec(services.pass_decision_review),
            s.DecisionLegalityIn,
            forms.DecisionOpinionForm,
        ),
        Verb(
            "fail_review",
            _dec(services.fail_decision_review),
            s.DecisionLegalityIn,
            forms.DecisionOpinionForm,
        ),
        Verb("resubmit", _dec(services.resubmit_decision), s.RulemakingDateIn, forms.OnForm),
        Verb("decide", _dec(services.decide), s.CollectiveDecisionIn, forms.DecideForm),
        Verb("abandon", _dec(services.abandon_decision), s.RulemakingReasonIn, forms.ReasonForm),
        Verb(
            "record_hearing",
            _dec(services.record_hearing),
            s.HearingIn,
            forms.HearingForm,
            label="听证",
            doc="重大行政决策程序暂行条例第十六、十七条",
            perm="rulemaking.manage_decision",
            states=BEFORE_REVIEW,
        ),
        Verb(
            "record_expert_review",
            _dec(services.record_expert_review),
            s.ExpertReviewIn,
            forms.ExpertForm,
            label="专家论证",
            doc="重大行政决策程序暂行条例第十九至二十一条",
            perm="rulemaking.manage_decision",
            states=BEFORE_REVIEW,
        ),
        Verb(
            "record_risk_assessment",
            _dec(services.record_risk_assessment),
            s.RiskAssessmentIn,
            forms.RiskForm,
            label="风险评估",
            doc="重大行政决策程序暂行条例第二十二至二十四条",
            perm="rulemaking.manage_decision",
            states=BEFORE_REVIEW,
        ),
        Verb(
            "publish_decision",
            _dec(services.publish_decision),
            s.RulemakingDateIn,
            forms.OnForm,
            label="决策公布",
            doc="重大行政决策程序暂行条例第三十二条",
            perm="rulemaking.manage_decision",
            states={"decided"},
        ),
        Verb(
            "record_report",
            _dec(services.record_report),
            s.DecisionReportIn,
            forms.ReportForm,
            label="执行情况报告、后评估",
            doc="重大行政决策程序暂行条例第三十四、三十六条",
            perm="rulemaking.manage_decision",
            states={"decided"},
        ),
    ],
)


def _assign(u: Any, p: Any, v: dict[str, Any]) -> Any:
    from django.contrib.auth import get_user_model

    reviewer, adviser = v.get("reviewer"), v.get("adviser")
    if isinstance(reviewer, int):
        reviewer = get_user_model().objects.filter(pk=reviewer).first()
    if isinstance(adviser, int):
        adviser = LegalAdviser.objects.filter(pk=adviser).first()
    return services.assign_paper(actor=u, paper=p, on=v["on"], reviewer=reviewer, adviser=adviser)


PAPER_VERBS = VerbTable(
    procedure="rulemaking.paper_review",
    basename="papers",
    route="rulemaking-paper",
    queryset=selectors.papers_visible_to,
    output=s.PaperReviewOut,
    html_route="rulemaking:paper_action",
    verbs=[
        Verb("assign", _assign, s.PaperAssignIn, forms.AssignForm),
        Verb(
            "give_opinion",
            lambda u, p, v: services.give_opinion(actor=u, paper=p, **v),
            s.PaperOpinionIn,
            forms.PaperOpinionForm,
        ),
        Verb(
            "return_paper",
            lambda u, p, v: services.return_paper(actor=u, paper=p, **v),
            s.RulemakingReasonIn,
            forms.ReasonForm,
        ),
    ],
)
