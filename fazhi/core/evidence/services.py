"""Writes of core.evidence: store an uploaded file, verify every stored file later.

执法全过程记录 (国办发〔2018〕118号, the three enforcement systems; LEGAL_RULES.md §4): what an
officer records must be kept unaltered and traceable to the case and step. Files are stored once
per SHA-256, so an upload can be shown to be the very file that was recorded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from fazhi.core import audit

from .models import EvidenceFile, EvidenceKind, storage_path_for
from .sniff import SNIFF_BYTES, kind_for, sniff_content_type

CHUNK = 1024 * 1024
DEFAULT_MAX_BYTES = 500 * 1024 * 1024  # a long body-camera video; override with FAZHI_EVIDENCE_MAX_BYTES


def max_bytes() -> int:
    return int(getattr(settings, "FAZHI_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def evidence_root() -> Path:
    return Path(settings.FAZHI_EVIDENCE_ROOT)


def _chunks(file: Any) -> Iterator[bytes]:
    """Chunks of a Django UploadedFile/File or any binary file object, from the start."""
    if hasattr(file, "seek"):
        with contextlib.suppress(OSError, ValueError):
            file.seek(0)
    if hasattr(file, "chunks"):
        yield from file.chunks(CHUNK)
        return
    while chunk := file.read(CHUNK):
        yield chunk


def _human(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}MB" if n >= 1024 * 1024 else f"{n}字节"


@dataclass
class _Spooled:
    sha256: str
    size: int
    head: bytes
    temp_path: Path


def _spool(file: IO[bytes] | Any, limit: int) -> _Spooled:
    """Stream the upload into a temporary file next to the store, hashing as it goes."""
    root = evidence_root()
    (root / "tmp").mkdir(parents=True, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    fd, name = tempfile.mkstemp(dir=root / "tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in _chunks(file):
                size += len(chunk)
                if size > limit:
                    raise ValidationError(
                        f"证据文件超过大小上限：不得超过{_human(limit)}。", code="evidence_too_large"
                    )
                if len(head) < SNIFF_BYTES:
                    head += chunk[: SNIFF_BYTES - len(head)]
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return _Spooled(digest.hexdigest(), size, head, Path(name))


def _put(spooled: _Spooled) -> bool:
    """Move the spooled file to ab/cd/<sha256>; True when this call created the stored file."""
    target = evidence_root() / storage_path_for(spooled.sha256)
    if target.exists():
        spooled.temp_path.unlink(missing_ok=True)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(spooled.temp_path, target)  # atomic on one filesystem
    target.chmod(0o444)
    return True


def _default_perm(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.change_{obj._meta.model_name}"


@transaction.atomic
def store_evidence(
    *,
    actor: Any,
    file: Any,
    obj: models.Model,
    step: Any = None,
    kind: str = "",
    description: str = "",
    perm: str | None = None,
    original_name: str = "",
) -> EvidenceFile:
    """Store an uploaded file as evidence of `obj` (and of `step`, the procedure step it belongs to).

    Permission: `actor.has_perm(perm, obj)`, `perm` defaulting to "<app>.change_<model>" — the
    caller passes its own rule (e.g. "enforcement.handle_case"). Empty files and files over
    FAZHI_EVIDENCE_MAX_BYTES are refused. Identical bytes are stored once. Audited on `obj` as
    "evidence.store_evidence".
    """
    if obj is None or obj.pk is None:
        raise ValueError("store_evidence needs a saved record (obj.pk is None)")
    perm = perm or _default_perm(obj)
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied("您无权为该记录上传证据文件。")
    name = (original_name or getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        raise ValidationError({"file": ValidationError("证据文件缺少文件名。", code="evidence_no_name")})
    if len(name) > 255:
        raise ValidationError(
            {"file": ValidationError("证据文件名过长：不得超过255个字符。", code="evidence_name")}
        )
    if kind and kind not in EvidenceKind.values:
        raise ValidationError(
            {
                "kind": ValidationError(
                    f"证据类别“{kind}”无效：应为文书、照片、录音、录像或其他。", code="evidence_kind"
                )
            }
        )
    if step is not None and (
        step.content_type_id != ContentType.objects.get_for_model(obj).pk or step.object_id != obj.pk
    ):
        raise ValidationError(
            {"step": ValidationError("所选办理环节不属于该记录。", code="evidence_step_mismatch")}
        )
    try:
        spooled = _spool(file, max_bytes())
    except ValidationError as exc:
        raise ValidationError({"file": exc}) from None
    if spooled.size == 0:
        spooled.temp_path.unlink(missing_ok=True)
        raise ValidationError(
            {"file": ValidationError("证据文件为空（0字节），请重新选择文件。", code="evidence_empty")}
        )
    content_type = sniff_content_type(spooled.head, name)
    created = _put(spooled)
    try:
        evidence = EvidenceFile.objects.create(
            sha256=spooled.sha256,
            size=spooled.size,
            content_type=content_type,
            original_name=name,
            kind=kind or kind_for(content_type),
            description=description,
            uploaded_by=actor,
            record_type=ContentType.objects.get_for_model(obj),
            record_id=obj.pk,
            step=step,
            agency_id=getattr(obj, "agency_id", None),
            jurisdiction_id=getattr(obj, "jurisdiction_id", None),
        )
        audit.record(
            actor=actor,
            action="evidence.store_evidence",
            obj=obj,
            after={
                "evidence_id": evidence.pk,
                "original_name": name,
                "sha256": evidence.sha256,
                "size": evidence.size,
                "content_type": content_type,
                "kind": evidence.kind,
                "step_id": step.pk if step is not None else None,
            },
        )
    except BaseException:
        if created and not EvidenceFile.objects.filter(sha256=spooled.sha256).exists():
            (evidence_root() / storage_path_for(spooled.sha256)).unlink(missing_ok=True)
        raise
    return evidence


@dataclass
class EvidenceReport:
    """Result of re-hashing every stored file: which rows point at missing or altered bytes."""

    files_checked: int = 0
    rows_checked: int = 0
    missing: list[EvidenceFile] = field(default_factory=list)
    altered: list[EvidenceFile] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_evidence() -> EvidenceReport:
    """Re-hash every stored file once and name the rows whose file is missing or altered."""
    report = EvidenceReport()
    verdicts: dict[str, str] = {}
    for evidence in (
        EvidenceFile.objects.select_related("record_type").order_by("id").iterator(chunk_size=2000)
    ):
        report.rows_checked += 1
        if evidence.sha256 not in verdicts:
            path = evidence.path
            if not path.is_file():
                verdicts[evidence.sha256] = "missing"
            else:
                report.files_checked += 1
                sha, size = _hash_file(path)
                verdicts[evidence.sha256] = (
                    "ok" if (sha, size) == (evidence.sha256, evidence.size) else "altered"
                )
        if verdicts[evidence.sha256] == "missing":
            report.missing.append(evidence)
        elif verdicts[evidence.sha256] == "altered":
            report.altered.append(evidence)
    return report
