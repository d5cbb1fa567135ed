from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """公开 — the public portal's home page: no login, read-only (GET/HEAD only; POST gets 405).

    The sections are the `fazhi_portal_nav` entries other apps declare (core.context_processors).
    """
    return render(request, "portal/home.html")


@require_safe
def audit_checkpoints(request: HttpRequest) -> HttpResponse:
    """审计日志校验值 — the daily checkpoints of the audit chain's head (`fazhi audit checkpoint`).

    Published so that anyone can later show that the log was not rewritten: `fazhi audit verify`
    fails if an entry at or before a published checkpoint no longer has the published hash.
    """
    from fazhi.core import audit

    rows = [row for row in audit.checkpoints() if "seq" in row][-60:]
    return render(request, "portal/audit_checkpoints.html", {"checkpoints": list(reversed(rows))})
