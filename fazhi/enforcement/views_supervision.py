"""Supervision and officer pages. Parse input → call one selector or service → render; refusals
(ValidationError / PermissionDenied) are shown on the page, keeping what the user typed (ADR 0001)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import workdays
from fazhi.enforcement import documents_supervision, excel_supervision
from fazhi.enforcement.models.supervision import (
    CHECKLIST,
    CHECKLIST_GROUPS,
    OpinionKind,
    ReferralOutcome,
)
from fazhi.enforcement.selectors import cases as case_sel
from fazhi.enforcement.selectors import officers as off_sel
from fazhi.enforcement.selectors import supervision as sel
from fazhi.enforcement.selectors.cases import IRREGULARITY_FLAGS
from fazhi.enforcement.services import officers as off_svc
from fazhi.enforcement.services import supervision as svc
from fazhi.enforcement.services._common import as_date
from fazhi.org.excel import XLSX_CONTENT_TYPE, ImportFileError, error_report
from fazhi.org.models import Agency, AnnualReview, CertificateKind, CertificateStatus, User
from fazhi.org.predicates import scope_filter

REFUSALS = (ValidationError, PermissionDenied)


def _errors(exc: Exception) -> dict[str, list[str]]:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
    if isinstance(exc, ValidationError):
        return {"non_field": exc.messages}
    return {"non_field": [str(exc) or "您无权执行此操作。"]}


def _u(request: HttpRequest) -> Any:
    """The logged-in staff user (login_required has run)."""
    return request.user


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _on(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return workdays.today()


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _attempt(request: HttpRequest, action: Callable[[], Any], ok: str) -> dict[str, list[str]]:
    """Run one service call; a message on success, the errors on refusal."""
    try:
        action()
    except REFUSALS as exc:
        return _errors(exc)
    messages.success(request, ok)
    return {}


# --- 执法监督看板 -----------------------------------------------------------------------------
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """执法监督看板 (the justice bureau: every agency; agency staff: their own agency)."""
    on = _on(request)
    year = _int(request.GET.get("year"), on.year)
    agency_id = _int(request.GET.get("agency"), 0) or None
    board = sel.dashboard(_u(request), year, on, agency_id=agency_id)
    return render(
        request,
        "enforcement/supervision/dashboard.html",
        {
            "board": board,
            "chart": [
                {
                    "name": r["agency__name"],
                    "irregular": r["irregular"],
                    "overdue": r["overdue"],
                    "overdue_publicity": r["overdue_publicity"],
                }
                for r in board.rows
            ],
            "flags": IRREGULARITY_FLAGS,
            "overdue": sel.OVERDUE,
            "agency_id": agency_id,
            "supervises": _u(request).has_perm("enforcement.supervise", _u(request).jurisdiction),
        },
    )


# --- 案卷评查 --------------------------------------------------------------------------------
@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    today = workdays.today()
    data: dict[str, Any] = {
        "year": today.year - 1,
        "per_agency": 3,
        "title": f"{today.year - 1}年度行政执法案卷集中评查",
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            review = svc.draw_case_files(
                actor=_u(request),
                jurisdiction=_u(request).jurisdiction,
                title=data.get("title", ""),
                year=_int(data.get("year"), 0),
                per_agency=_int(data.get("per_agency"), 0),
                on=as_date(data.get("on") or today, "on", "抽取日期"),
                seed=_int(data["seed"], -1) if data.get("seed", "").strip() else None,
            )
        except REFUSALS as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"已抽取评查案卷（随机种子 {review.seed}）。")
            return redirect(review)
    return render(
        request,
        "enforcement/supervision/review_list.html",
        {
            "reviews": sel.reviews_visible_to(_u(request)).order_by("-drawn_on", "-id"),
            "data": data,
            "errors": errors,
            "supervises": _u(request).has_perm("enforcement.supervise", _u(request).jurisdiction),
        },
        status=400 if errors else 200,
    )


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = sel.review_for(_u(request), pk)
    return render(
        request,
        "enforcement/supervision/review_detail.html",
        {
            "review": review,
            "summary": sel.review_summary(_u(request), review),
            "files": sel.review_files(_u(request), review),
            "supervises": _u(request).has_perm("enforcement.supervise", _u(request).jurisdiction),
        },
    )


@login_required
def file_score(request: HttpRequest, pk: int) -> HttpResponse:
    file = sel.file_for(_u(request), pk)
    values: dict[str, Any] = dict(file.scores) | {"comments": file.comments}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        values = request.POST.dict()
        try:
            svc.score_case_file(
                actor=_u(request),
                file=file,
                scores={code: values.get(code, "") for code, *_ in CHECKLIST},
                comments=values.get("comments", ""),
                on=as_date(values.get("on") or workdays.today(), "on", "评分日期"),
            )
        except REFUSALS as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"已为案卷 {file.case.number} 评分。")
            return redirect(file.review)
    groups = [
        (
            label,
            [
                (code, text, points, values.get(code, ""), errors.get(code))
                for code, g, text, points in CHECKLIST
                if g == key
            ],
        )
        for key, label in CHECKLIST_GROUPS.items()
    ]
    return render(
        request,
        "enforcement/supervision/file_score.html",
        {"file": file, "groups": groups, "values": values, "errors": errors},
        status=400 if errors else 200,
    )


# --- 监督意见书 ------------------------------------------------------------------------------
@login_required
def opinion_list(request: HttpRequest) -> HttpResponse:
    today = workdays.today()
    data: dict[str, Any] = {
        "kind": request.GET.get("kind", OpinionKind.OPINION),
        "review": request.GET.get("review", ""),
        "agency": request.GET.get("agency", ""),
    }
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            agency = Agency.objects.visible_to(_u(request)).filter(pk=_int(data.get("agency"), 0)).first()
            if agency is None:
                raise ValidationError({"agency": ValidationError("请选择被监督机关。", code="required")})
            review = sel.reviews_visible_to(_u(request)).filter(pk=_int(data.get("review"), 0)).first()
            case_ids = [_int(x, 0) for x in request.POST.getlist("cases")]
            opinion = svc.issue_opinion(
                actor=_u(request),
                agency=agency,
                kind=data.get("kind", ""),
                number=data.get("number", ""),
                findings=data.get("findings", ""),
                requirements=data.get("requirements", ""),
                on=as_date(data.get("on") or today, "on", "发出日期"),
                cases=list(case_sel.cases_visible_to(_u(request)).filter(pk__in=case_ids)),
                review=review,
            )
        except REFUSALS as exc:
            errors = _errors(exc)
        else:
            messages.success(
                request,
                f"已制发{opinion.get_kind_display()} {opinion.number}，回复期限 {opinion.reply_due_on}。",
            )
            return redirect(opinion)
    supervises = _u(request).has_perm("enforcement.supervise", _u(request).jurisdiction)
    return render(
        request,
        "enforcement/supervision/opinion_list.html",
        {
            "opinions": sel.opinions_visible_to(_u(request)).order_by("-issued_on", "-id")[:200],
            "agencies": Agency.objects.visible_to(_u(request))
            .filter(has_enforcement_authority=True)
            .order_by("name")
            if supervises
            else [],
            "reviews": sel.reviews_visible_to(_u(request)).order_by("-drawn_on")[:50] if supervises else [],
            "kinds": OpinionKind.choices,
            "data": data,
            "errors": errors,
            "supervises": supervises,
            "today": today,
        },
        status=400 if errors else 200,
    )


@login_required
def opinion_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = sel.opinion_for(_u(request), pk)
    data: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            svc.reply_to_opinion(
                actor=_u(request),
                opinion=opinion,
                on=as_date(data.get("on") or workdays.today(), "on", "回复日期"),
                reply=data.get("reply", ""),
            )
        except REFUSALS as exc:
            errors = _errors(exc)
        else:
            messages.success(request, "已回复整改情况。")
            return redirect(opinion)
    return render(
        request,
        "enforcement/supervision/opinion_detail.html",
        {
            "opinion": opinion,
            "cases": opinion.cases.select_related("agency").all(),
            "can_reply": _u(request).has_perm("enforcement.reply_opinion", opinion)
            and opinion.status == "issued",
            "status": workdays.deadline_status(opinion.reply_due_on, workdays.today())
            if opinion.status == "issued"
            else "",
            "data": data,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def opinion_docx(request: HttpRequest, pk: int) -> HttpResponse:
    opinion = sel.opinion_for(_u(request), pk)
    issuer: Any = opinion.issued_by
    bureau = issuer.agency.name if issuer.agency_id else "司法局"
    return documents_supervision.opinion_response(opinion, bureau)


# --- 两法衔接 --------------------------------------------------------------------------------
@login_required
def referral_new(request: HttpRequest, case_pk: int) -> HttpResponse:
    """移送涉嫌犯罪案件, opened from the case page: the case supplies party and facts."""
    case = case_sel.case_for(_u(request), case_pk)
    if hasattr(case, "criminal_referral"):
        return redirect(case.criminal_referral)
    data: dict[str, Any] = {"on": workdays.today().isoformat()}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST.dict()
        try:
            referral = svc.refer_case(
                actor=_u(request),
                case=case,
                on=as_date(data.get("on") or workdays.today(), "on", "移送日期"),
                number=data.get("number", ""),
                receiving_organ=data.get("receiving_organ", ""),
                suspected_crime=data.get("suspected_crime", ""),
                materials=data.get("materials", ""),
            )
        except REFUSALS as exc:
            errors = _errors(exc)
        else:
            messages.success(request, f"已移送：{referral.number}")
            return redirect(referral)
    return render(
        request,
        "enforcement/supervision/referral_new.html",
        {"case": case, "data": data, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(sel.referrals_visible_to(_u(request)).order_by("-referred_on", "-id"), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "enforcement/supervision/referral_list.html", {"page": page})


@login_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = sel.referral_for(_u(request), pk)
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if request.method == "POST":
        data = request.POST.dict()
        on = data.get("on") or workdays.today()
        if data.get("verb") == "receipt":
            errors = _attempt(
                request,
                lambda: svc.record_referral_receipt(
                    actor=_u(request), referral=referral, on=as_date(on, "on", "签收日期")
                ),
                "已登记公安机关签收。",
            )
        else:
            errors = _attempt(
                request,
                lambda: svc.record_referral_outcome(
                    actor=_u(request),
                    referral=referral,
                    outcome=data.get("outcome", ""),
                    on=as_date(on, "on", "处理结果日期"),
                    note=data.get("note", ""),
                ),
                "已登记处理结果。",
            )
        if not errors:
            return redirect(referral)
        referral.refresh_from_db()
    return render(
        request,
        "enforcement/supervision/referral_detail.html",
        {
            "referral": referral,
            "outcomes": [c for c in ReferralOutcome.choices if c[0] != ReferralOutcome.PENDING],
            "can_record": _u(request).has_perm("enforcement.record_referral", referral),
            "data": data,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


# --- 年度行政执法统计 ------------------------------------------------------------------------
@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    today = workdays.today()
    year = _int(request.GET.get("year") or request.POST.get("year"), today.year - 1)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        agency = get_object_or_404(
            Agency.objects.visible_to(_u(request)), pk=_int(request.POST.get("agency"), 0)
        )
        errors = _attempt(
            request,
            lambda: svc.publish_annual_statistics(actor=_u(request), agency=agency, year=year, on=today),
            f"已公开 {agency.name} {year} 年度行政执法统计数据。",
        )
        if not errors:
            return redirect(f"{request.path}?year={year}")
    rows = sel.statistics_rows(_u(request), year)
    published = sel.published_statistics(_u(request), year)
    for r in rows:
        r["published"] = published.get(r["agency_id"])
        r["can_publish"] = r["published"] is None and _u(request).has_perm(
            "enforcement.publish_statistics",
            Agency(pk=r["agency_id"], jurisdiction_id=_u(request).jurisdiction_id),
        )
    try:
        deadline = svc.statistics_deadline(year)
    except ValidationError:
        deadline = None
    return render(
        request,
        "enforcement/supervision/statistics.html",
        {
            "year": year,
            "rows": rows,
            "columns": sel.STATISTICS_COLUMNS,
            "deadline": deadline,
            "today": today,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"), workdays.today().year - 1)
    content = excel_supervision.export_statistics(sel.statistics_rows(_u(request), year), year)
    return _xlsx(content, f"{year}年度行政执法统计.xlsx")


# --- 执法人员与证件 --------------------------------------------------------------------------
@login_required
def certificates(request: HttpRequest) -> HttpResponse:
    today = workdays.today()
    within = _int(request.GET.get("within"), 90)
    qs = off_sel.certificates_filtered(
        _u(request),
        status=request.GET.get("status", ""),
        kind=request.GET.get("kind", ""),
        q=request.GET.get("q", "").strip(),
    )
    return render(
        request,
        "enforcement/supervision/certificates.html",
        {
            "page": Paginator(qs, 50).get_page(request.GET.get("page")),
            "expiring": off_sel.certificates_expiring(_u(request), today, within)[:200],
            "within": within,
            "statuses": CertificateStatus.choices,
            "kinds": CertificateKind.choices,
            "params": request.GET,
            "manages": _u(request).has_perm("enforcement.manage_certificates", _u(request).jurisdiction),
        },
    )


@login_required
def certificate_new(request: HttpRequest) -> HttpResponse:
    data: dict[str, Any] = {"kind": "enforcement", "valid_from": workdays.today().isoformat()}
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST.dict()
        holder = User.objects.filter(scope_filter(_u(request)), pk=_int(data.get("holder"), 0)).first()
        if holder is None:
            errors = {"holder": ["请选择持证人。"]}
        else:
            try:
                cert = off_svc.issue_certificate(
                    actor=_u(request),
                    holder=holder,
                    kind=data.get("kind", ""),
                    number=data.get("number", ""),
                    issuing_authority=data.get("issuing_authority", ""),
                    areas=data.get("areas", ""),
                    valid_from=data.get("valid_from", ""),
                    valid_until=data.get("valid_until", ""),
                )
            except REFUSALS as exc:
                errors = _errors(exc)
            else:
                messages.success(request, f"已发放 {cert}。")
                return redirect("enforcement:certificates")
    staff = (
        User.objects.filter(scope_filter(_u(request)), is_active=True)
        .select_related("agency")
        .order_by("agency__name", "full_name")
    )
    return render(
        request,
        "enforcement/supervision/certificate_new.html",
        {"data": data, "errors": errors, "staff": staff, "kinds": CertificateKind.choices},
        status=400 if errors else 200,
    )


CERTIFICATE_VERBS = {
    "suspend": (off_svc.suspend_certificate, "已暂扣"),
    "reinstate": (off_svc.reinstate_certificate, "已恢复"),
    "revoke": (off_svc.revoke_certificate, "已吊销"),
}


@login_required
@require_POST
def certificate_action(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    cert = off_sel.certificate_for(_u(request), pk)
    if verb not in CERTIFICATE_VERBS:
        return HttpResponse(status=404)
    service, done = CERTIFICATE_VERBS[verb]
    try:
        service(actor=_u(request), certificate=cert, reason=request.POST.get("reason", ""))
    except REFUSALS as exc:
        for msgs in _errors(exc).values():
            for m in msgs:
                messages.error(request, m)
    else:
        messages.success(request, f"{done}证件 {cert.number}。")
    return redirect("enforcement:certificates")


@login_required
def certificate_export(request: HttpRequest) -> HttpResponse:
    qs = off_sel.certificates_filtered(_u(request), status=request.GET.get("status", ""))
    return _xlsx(excel_supervision.export_certificates(qs), "执法证件.xlsx")


@login_required
def certificate_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel_supervision.certificate_template(), "执法证件导入模板.xlsx")


@login_required
@require_POST
def certificate_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    try:
        result = excel_supervision.import_certificates(
            actor=_u(request),
            jurisdiction=_u(request).jurisdiction,
            content=upload.read() if upload else b"",
        )
    except ImportFileError as exc:
        messages.error(request, str(exc))
        return redirect("enforcement:certificates")
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "您无权批量导入执法证件。")
        return redirect("enforcement:certificates")
    if not result.ok:
        response = _xlsx(error_report(result.errors), "执法证件导入错误报告.xlsx")
        response.status_code = 400
        return response
    messages.success(request, f"已导入 {result.created} 个执法证件。")
    return redirect("enforcement:certificates")


@login_required
def training_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(excel_supervision.training_template(), "培训学时导入模板.xlsx")


@login_required
def training_export(request: HttpRequest) -> HttpResponse:
    year = _int(request.GET.get("year"), workdays.today().year)
    short = off_sel.officers_short_of_training(_u(request), year)
    return _xlsx(excel_supervision.export_training_shortfall(short, year), f"{year}年学时不足人员.xlsx")


@login_required
@require_POST
def training_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    user = _u(request)
    try:
        result = excel_supervision.import_training(
            actor=user, jurisdiction=user.jurisdiction, content=upload.read() if upload else b""
        )
    except ImportFileError as exc:  # an unreadable file: 400, as the other imports
        return render(request, "400.html", {"message": str(exc), "title": "无法导入培训学时"}, status=400)
    if not result.ok:
        response = _xlsx(error_report(result.errors), "培训学时导入错误报告.xlsx")
        response.status_code = 400
        return response
    messages.success(request, f"已登记 {result.created} 条培训学时。")
    return redirect("enforcement:training")


@login_required
def training(request: HttpRequest) -> HttpResponse:
    """学时不足 and 年审结果 of a year; forms to record training hours, annual reviews, exams."""
    user = _u(request)
    year = _int(request.GET.get("year"), workdays.today().year)
    errors: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    if request.method == "POST":
        data = request.POST.dict()
        verb = data.get("verb", "")
        person = User.objects.filter(scope_filter(user), pk=_int(data.get("officer"), 0)).first()
        cert = off_sel.certificates_visible_to(user).filter(pk=_int(data.get("certificate"), 0)).first()
        if verb == "training" and person is not None:
            errors = _attempt(
                request,
                lambda: off_svc.record_training(
                    actor=user,
                    officer=person,
                    course=data.get("course", ""),
                    hours=data.get("hours", ""),
                    completed_on=data.get("completed_on", ""),
                ),
                f"已登记 {person} 的培训学时。",
            )
        elif verb == "exam" and person is not None:
            errors = _attempt(
                request,
                lambda: off_svc.record_exam(
                    actor=user,
                    candidate=person,
                    exam_date=data.get("exam_date", ""),
                    score=data.get("score", ""),
                    passed=data.get("passed") == "true",
                ),
                f"已登记 {person} 的执法资格考试成绩。",
            )
        elif verb == "review" and cert is not None:
            errors = _attempt(
                request,
                lambda: off_svc.record_annual_review(
                    actor=user,
                    certificate=cert,
                    year=_int(data.get("review_year"), 0),
                    result=data.get("result", ""),
                    reviewed_on=data.get("reviewed_on", ""),
                    remarks=data.get("remarks", ""),
                ),
                f"已登记证件 {cert.number} 的年审结果。",
            )
        else:
            errors = {"non_field": ["请选择人员或证件。"]}
        if not errors:
            return redirect(f"{request.path}?year={year}")
    return render(
        request,
        "enforcement/supervision/training.html",
        {
            "year": year,
            "short": off_sel.officers_short_of_training(user, year),
            "required": off_svc.required_training_hours(),
            "reviews": off_sel.annual_reviews(user, year, request.GET.get("result", "")),
            "results": AnnualReview.Result.choices,
            "params": request.GET,
            "staff": User.objects.filter(scope_filter(user), is_active=True)
            .select_related("agency")
            .order_by("agency__name", "full_name"),
            "certs": off_sel.certificates_visible_to(user)
            .filter(status__in=["valid", "suspended"])
            .order_by("agency__name", "number"),
            "manages": user.has_perm("enforcement.manage_certificates", user.jurisdiction),
            "records_training": user.has_perm("enforcement.record_training", user),
            "data": data,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
