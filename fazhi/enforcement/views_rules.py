"""办案期限规则 page: each agency's decision period and extensions (LEGAL_RULES.md §3, UNCONFIRMED
per-department rules kept as data), with a form for those who may set them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from fazhi.enforcement.models.rules import PenaltyTimeLimitRule
from fazhi.enforcement.selectors import rules as rule_sel
from fazhi.enforcement.services import rules as rule_svc
from fazhi.org.models import Agency


def _may_set(user: object, agency: Agency) -> bool:
    probe = PenaltyTimeLimitRule(agency=agency, jurisdiction_id=agency.jurisdiction_id)
    return bool(user.has_perm("enforcement.set_time_limit_rule", probe))  # type: ignore[attr-defined]


@login_required
def time_limits(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        post = request.POST
        agency = get_object_or_404(Agency.objects.visible_to(request.user), pk=post.get("agency") or 0)  # type: ignore[arg-type]
        try:
            rule_svc.set_time_limit_rule(
                actor=request.user,
                agency=agency,
                decision_days=post.get("decision_days"),
                extension_days=post.get("extension_days"),
                max_extensions=post.get("max_extensions"),
                extension_approver=post.get("extension_approver", ""),
                legal_basis=post.get("legal_basis", ""),
                statement_days=post.get("statement_days"),
            )
            messages.success(request, f"已保存“{agency.name}”的办案期限规则，对此后立案的案件适用。")
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect("enforcement:time_limits")
    rows = rule_sel.time_limits_visible_to(request.user)
    editable = [r for r in rows if _may_set(request.user, r.agency)]
    return render(
        request,
        "enforcement/time_limits.html",
        {"rows": rows, "editable": editable, "note": rule_sel.NOTE},
    )
