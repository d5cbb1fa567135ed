"""Download of a stored evidence file, for staff who may see the record it belongs to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from fazhi.core import audit

from .models import EvidenceFile


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """证据文件下载 — permission "evidence.view_evidencefile"; each download is audited."""
    evidence = get_object_or_404(EvidenceFile, pk=pk)
    if not request.user.has_perm("evidence.view_evidencefile", evidence):
        raise PermissionDenied("您无权下载该证据文件。")
    path = evidence.path
    if not path.is_file():
        raise Http404("证据文件已丢失，请联系管理员运行 fazhi evidence verify 核查。")
    audit.record(
        actor=request.user,
        action="evidence.download",
        obj=evidence,
        after={
            "sha256": evidence.sha256,
            "record_type": evidence.record_type_id,
            "record_id": evidence.record_id,
        },
    )
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
