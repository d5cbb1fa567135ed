"""Reads of the rulemaking app, always scoped by the user (STYLE.md §2.2; ADR 0002)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from fazhi.core import procedures
from fazhi.core.procedures.models import Deadline, DeadlineState

from .choices import CommentAnswer, FlagDecision
from .models import (
    CleanupCampaign,
    DecisionCatalogue,
    DraftVersion,
    LegalAdviser,
    MajorDecision,
    NormativeDocument,
    PaperReview,
    PreReviewFlag,
    PublicComment,
)

RUNNING = (DeadlineState.OPEN, DeadlineState.PAUSED)


def _due(model: type, clock: str, *, running: bool = True) -> Subquery:
    """The due date of the latest `clock` deadline of each row (one subquery, no per-row query)."""
    qs = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), clock=clock
    )
    if running:
        qs = qs.filter(state__in=RUNNING)
    return Subquery(qs.order_by("-id").values("due_date")[:1])


def _next_due(model: type) -> tuple[Subquery, Subquery]:
    running = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"), state__in=RUNNING
    ).order_by(F("due_date").asc(nulls_last=True), "id")
    return Subquery(running.values("due_date")[:1]), Subquery(running.values("label")[:1])


# --- normative documents ------------------------------------------------------------------------
def documents_visible_to(user: Any) -> QuerySet[NormativeDocument]:
    """Documents the user may see, with the next running deadline and pending flag count."""
    due, label = _next_due(NormativeDocument)
    return (
        NormativeDocument.objects.visible_to(user)
        .select_related("agency")
        .annotate(next_due=due, next_due_label=label)
    )


def document_detail(user: Any, pk: int) -> NormativeDocument:
    return documents_visible_to(user).get(pk=pk)


def latest_version(owner: Any) -> DraftVersion | None:
    return owner.versions.order_by("-number").first()


def clauses_with_flags_and_comments(version: DraftVersion) -> Any:
    """The clauses of a version, each with its pre-review flags and comments (three queries)."""
    return version.clauses.prefetch_related(
        Prefetch("flags", queryset=PreReviewFlag.objects.select_related("decided_by", "related_document")),
        Prefetch("comments", queryset=PublicComment.objects.order_by("id")),
    )


def pending_flag_count(doc: NormativeDocument) -> int:
    return PreReviewFlag.objects.filter(clause__version__document=doc, decision=FlagDecision.PENDING).count()


def documents_expiring(user: Any, *, on: date, within_days: int = 180) -> QuerySet[NormativeDocument]:
    """有效期届满提醒 — documents in force whose validity ends within `within_days` of `on`."""
    return (
        documents_visible_to(user)
        .filter(state="in_force")
        .annotate(validity_due=_due(NormativeDocument, "validity"))
        .filter(validity_due__lte=on + timedelta(days=within_days))
        .order_by("validity_due")
    )


def valid_catalogue(jurisdiction: Any = None, q: str = "") -> QuerySet[NormativeDocument]:
    """现行有效的行政规范性文件目录 (public): published, with full text, searchable."""
    qs = (
        NormativeDocument.objects.valid()
        .select_related("agency")
        .annotate(validity_due=_due(NormativeDocument, "validity"))
    )
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    q = q.strip()
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(number__icontains=q)
            | Q(full_text__icontains=q)
            | Q(issuing_organ__icontains=q)
        )
    return qs.order_by("-published_on", "-id")


def ended_documents(jurisdiction: Any = None) -> QuerySet[NormativeDocument]:
    """已废止、失效的文件 (published with the cleanup lists)."""
    qs = NormativeDocument.objects.filter(state__in=("repealed", "expired", "replaced"))
    if jurisdiction is not None:
        qs = qs.filter(jurisdiction=jurisdiction)
    return qs.order_by("-ended_on", "-id")


def open_consultations() -> tuple[QuerySet[NormativeDocument], QuerySet[MajorDecision]]:
    """Drafts now open for public comment (portal)."""
    return (
        NormativeDocument.objects.filter(state="commenting")
        .select_related("agency")
        .order_by("comment_ends_on"),
        MajorDecision.objects.filter(state="consulting").select_related("agency").order_by("comment_ends_on"),
    )


def consultations_with_feedback() -> QuerySet[NormativeDocument]:
    """Drafts whose comment round is over: the adoption feedback is public."""
    return (
        NormativeDocument.objects.filter(comment_closed_on__isnull=False)
        .annotate(comment_count=Count("versions__comments"))
        .order_by("-comment_closed_on")
    )


def comments_of(owner: Any, answer: str = "") -> QuerySet[PublicComment]:
    """The comments on every version of a draft, filtered by answer status."""
    field = "version__document" if isinstance(owner, NormativeDocument) else "version__decision"
    qs = PublicComment.objects.filter(**{field: owner}).select_related("clause", "version")
    if answer in CommentAnswer.values:
        qs = qs.filter(answer=answer)
    return qs.order_by("version__number", "clause__position", "id")


def cleanups_visible_to(user: Any) -> QuerySet[CleanupCampaign]:
    if not getattr(user, "is_authenticated", False):
        return CleanupCampaign.objects.none()
    qs = (
        CleanupCampaign.objects.all()
        if user.is_superuser
        else CleanupCampaign.objects.filter(jurisdiction_id=user.jurisdiction_id)
    )
    qs = qs.annotate(
        n_documents=Count("results"), n_decided=Count("results", filter=~Q(results__conclusion=""))
    ).order_by("-started_on", "-id")
    return procedures.annotate_due(qs, "rulemaking.cleanup", "next_comprehensive", prefix="next_cleanup")


# --- major decisions ----------------------------------------------------------------------------
def decisions_visible_to(user: Any) -> QuerySet[MajorDecision]:
    due, label = _next_due(MajorDecision)
    return (
        MajorDecision.objects.visible_to(user)
        .select_related("agency", "catalogue")
        .annotate(next_due=due, next_due_label=label)
    )


def published_catalogues() -> QuerySet[DecisionCatalogue]:
    return DecisionCatalogue.objects.filter(state="published").prefetch_related(
        Prefetch(
            "decisions", queryset=MajorDecision.objects.filter(in_catalogue=True).select_related("agency")
        )
    )


def catalogues_of(user: Any) -> QuerySet[DecisionCatalogue]:
    if not getattr(user, "is_authenticated", False):
        return DecisionCatalogue.objects.none()
    qs = (
        DecisionCatalogue.objects.all()
        if user.is_superuser
        else DecisionCatalogue.objects.filter(jurisdiction_id=user.jurisdiction_id)
    )
    return qs.annotate(n_decisions=Count("decisions", filter=Q(decisions__in_catalogue=True))).order_by(
        "-year"
    )


# --- papers and advisers ------------------------------------------------------------------------
def papers_visible_to(user: Any) -> QuerySet[PaperReview]:
    return (
        PaperReview.objects.visible_to(user)
        .select_related("agency", "adviser", "reviewer")
        .annotate(review_due=_due(PaperReview, "review"))
    )


def advisers_of(user: Any, year: int) -> QuerySet[LegalAdviser]:
    """法律顾问 of the user's jurisdiction with their meetings and opinions in `year` (one query)."""
    if not getattr(user, "is_authenticated", False):
        return LegalAdviser.objects.none()
    qs = (
        LegalAdviser.objects.all()
        if user.is_superuser
        else LegalAdviser.objects.filter(jurisdiction_id=user.jurisdiction_id)
    )
    return qs.annotate(
        meeting_count=Count("meetings", filter=Q(meetings__on__year=year), distinct=True),
        opinion_count=Count("opinions", filter=Q(opinions__opinion_on__year=year), distinct=True),
    )
