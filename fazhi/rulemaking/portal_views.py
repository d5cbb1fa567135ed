"""Public portal (/gongkai/guifan/): the catalogue of valid documents with full text and search, the
drafts open for comment (comments without an account), the adoption feedback and the decision
catalogue. Nothing here shows personal data (core.masking)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.core.masking import mask_party

from . import forms, selectors, services
from .choices import CommentAnswer
from .models import MajorDecision, NormativeDocument

BASE = "portal/base_public.html"
SALT = "rulemaking.comment.started"
KINDS: dict[str, Any] = {"wenjian": NormativeDocument, "juece": MajorDecision}


def catalogue(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")
    page = Paginator(selectors.valid_catalogue(q=q), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "rulemaking/portal_catalogue.html",
        {"page": page, "q": q, "ended": selectors.ended_documents()[:20], "base": BASE},
    )


def document(request: HttpRequest, pk: int) -> HttpResponse:
    doc = get_object_or_404(NormativeDocument.objects.filter(published_on__isnull=False), pk=pk)
    return render(request, "rulemaking/portal_document.html", {"doc": doc, "base": BASE})


def consultations(request: HttpRequest) -> HttpResponse:
    docs, decisions = selectors.open_consultations()
    return render(
        request,
        "rulemaking/portal_consultations.html",
        {
            "docs": docs,
            "decisions": decisions,
            "feedback": selectors.consultations_with_feedback()[:30],
            "base": BASE,
        },
    )


def _owner(kind: str, pk: int) -> Any:
    model = KINDS.get(kind)
    if model is None:
        raise Http404("没有该栏目。")
    return get_object_or_404(model.objects.exclude(comment_starts_on__isnull=True), pk=pk)


def _started_at(token: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(signing.loads(token, salt=SALT, max_age=86400)), tz=UTC)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def consultation(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The draft, clause by clause, and the comment form (honeypot `website`, signed start time)."""
    owner = _owner(kind, pk)
    version = selectors.latest_version(owner)
    clauses = list(version.clauses.all()) if version else []
    form = forms.PublicCommentForm(request.POST or None, clauses=clauses)
    if request.method == "POST" and version is not None and form.is_valid():
        v = form.cleaned_data
        clause = next((c for c in clauses if c.pk == v["clause"]), None)
        try:
            services.submit_comment(
                version=version,
                clause=clause,
                text=v["text"],
                name=v["name"],
                contact=v["contact"],
                is_organisation=v["is_organisation"],
                address=request.META.get("REMOTE_ADDR", ""),
                honeypot=v["website"],
                form_started_at=_started_at(v["started"]),
            )
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            return redirect(reverse("rulemaking_public:thanks", args=[kind, pk]))
    started = signing.dumps(str(timezone.now().timestamp()), salt=SALT)
    return render(
        request,
        "rulemaking/portal_consultation.html",
        {
            "owner": owner,
            "kind": kind,
            "version": version,
            "clauses": clauses,
            "form": form,
            "started": started,
            "open": owner.state in services.comments.OPEN_STATES,
            "base": BASE,
        },
        status=400 if request.method == "POST" else 200,
    )


def thanks(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return render(
        request, "rulemaking/portal_thanks.html", {"owner": _owner(kind, pk), "kind": kind, "base": BASE}
    )


def feedback(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """意见采纳情况 — every comment with its answer, filtered by answer status; names masked."""
    owner = _owner(kind, pk)
    answer = request.GET.get("answer", "")
    page = Paginator(selectors.comments_of(owner, answer), 50).get_page(request.GET.get("page"))
    rows = [
        (c, mask_party(c.name, is_natural_person=not c.is_organisation) if c.name else "匿名") for c in page
    ]
    return render(
        request,
        "rulemaking/portal_feedback.html",
        {
            "owner": owner,
            "kind": kind,
            "page": page,
            "rows": rows,
            "answers": CommentAnswer.choices,
            "answer": answer,
            "base": BASE,
        },
    )


def decisions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "rulemaking/portal_decisions.html",
        {"catalogues": selectors.published_catalogues(), "base": BASE},
    )
