"""Public portal (/gongkai/fuyi/): online applications (anonymous, 第二十二条) and published,
redacted decisions (第七十九条). Nothing here shows personal data."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from fazhi.core import procedures, ratelimit, workdays
from fazhi.org.selectors import home_jurisdiction

from . import forms, selectors, services
from .models import Reconsideration

BASE = "portal/base_public.html"


def home(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.published_decisions(), 20).get_page(request.GET.get("page"))
    return render(request, "disputes/portal_home.html", {"page": page, "base": BASE})


def decision(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(selectors.published_decisions(), pk=pk)
    return render(request, "disputes/portal_decision.html", {"case": case, "base": BASE})


def apply(request: HttpRequest) -> HttpResponse:
    """网上申请: what the applicant typed stays in the form on any error."""
    jurisdiction = home_jurisdiction()
    if jurisdiction is None:
        raise Http404("本站尚未设置行政区划。")
    form = forms.ApplicationForm(request.POST or None, jurisdiction=jurisdiction)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused application does not use up the quota
                ratelimit.consume("disputes.online_application", request, label="网上行政复议申请")
                case = services.submit_application(
                    actor=None,
                    jurisdiction=jurisdiction,
                    channel="online",
                    received_on=workdays.today(),
                    **form.service_kwargs(),
                )
        except ratelimit.RateLimited as exc:
            form.add_error(None, str(exc))
            status = 429
        except ValidationError as exc:
            forms.apply_service_errors(form, exc)
        else:
            request.session["disputes_applied"] = case.pk
            return redirect(reverse("disputes_public:done"))
    return render(request, "disputes/portal_apply.html", {"form": form, "base": BASE}, status=status)


def done(request: HttpRequest) -> HttpResponse:
    pk = request.session.get("disputes_applied")
    if pk is None:
        return redirect(reverse("disputes_public:apply"))
    case = get_object_or_404(Reconsideration, pk=pk)
    review = procedures.deadlines(case).filter(clock="acceptance_review").first()
    return render(request, "disputes/portal_done.html", {"case": case, "review": review, "base": BASE})
