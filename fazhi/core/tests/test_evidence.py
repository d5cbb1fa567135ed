"""core.evidence: storing (hash, dedup, sniffing, limits, permission, audit), verifying, downloading."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template

import pytest
import rules

from fazhi.core.audit.models import AuditEntry
from fazhi.core.evidence import selectors
from fazhi.core.evidence.models import EvidenceFile
from fazhi.core.evidence.services import store_evidence, verify_evidence
from fazhi.core.evidence.sniff import kind_for, sniff_content_type
from fazhi.core.procedures.models import Step
from fazhi.org.predicates import can_see_record

# The record in these tests is a staff account (it carries agency_id and jurisdiction_id like any
# agency record); whoever may see it may attach evidence to it.
PERM = "evidence_tests.attach"
rules.set_perm(PERM, can_see_record)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):
    settings.FAZHI_EVIDENCE_ROOT = tmp_path / "evidence"
    return settings.FAZHI_EVIDENCE_ROOT


def upload(content: bytes = PDF, name: str = "询问笔录.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_store_evidence_hashes_stores_and_audits(officer, evidence_root):
    # when
    evidence = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM, description="第一次询问")
    # then
    sha = hashlib.sha256(PDF).hexdigest()
    evidence.refresh_from_db()
    assert (evidence.sha256, evidence.size, evidence.content_type, evidence.kind, evidence.original_name) == (
        sha,
        len(PDF),
        "application/pdf",
        "document",
        "询问笔录.pdf",
    )
    assert (evidence.record, evidence.agency_id, evidence.jurisdiction_id) == (
        officer,
        officer.agency_id,
        officer.jurisdiction_id,
    )
    assert evidence.storage_path == f"{sha[:2]}/{sha[2:4]}/{sha}"
    assert (evidence_root / sha[:2] / sha[2:4] / sha).read_bytes() == PDF
    entry = AuditEntry.objects.get(action="evidence.store_evidence")
    assert (entry.object_type, entry.object_id, entry.after["evidence_id"], entry.after["sha256"]) == (
        "org.user",
        str(officer.pk),
        evidence.pk,
        sha,
    )


def test_identical_bytes_are_stored_once(officer, evidence_root):
    # when the same file is uploaded twice under different names
    first = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    second = store_evidence(actor=officer, file=upload(name="副本.pdf"), obj=officer, perm=PERM)
    # then two rows share one stored file, and no temporary file is left
    assert first.sha256 == second.sha256
    assert EvidenceFile.objects.count() == 2
    stored = [p for p in evidence_root.rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [first.sha256]


def test_plain_binary_file_object_is_accepted(officer):
    evidence = store_evidence(
        actor=officer, file=io.BytesIO(JPEG), obj=officer, perm=PERM, original_name="现场照片.JPG"
    )
    assert (evidence.content_type, evidence.kind, evidence.original_name) == (
        "image/jpeg",
        "photo",
        "现场照片.JPG",
    )


def test_step_link(officer):
    # given a procedure step of the same record
    step = Step.objects.create(
        content_type=ContentType.objects.get_for_model(officer),
        object_id=officer.pk,
        procedure_code="test.procedure",
        transition="investigate",
        to_state="investigating",
        on=date(2026, 3, 2),
    )
    # when
    evidence = store_evidence(
        actor=officer, file=upload(), obj=officer, perm=PERM, step=step, kind="document"
    )
    # then
    assert list(step.evidence_files.all()) == [evidence]


def test_step_of_another_record_is_refused(officer, other_officer):
    step = Step.objects.create(
        content_type=ContentType.objects.get_for_model(other_officer),
        object_id=other_officer.pk,
        procedure_code="test.procedure",
        transition="investigate",
        to_state="investigating",
        on=date(2026, 3, 2),
    )
    with pytest.raises(ValidationError) as excinfo:
        store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM, step=step)
    assert excinfo.value.message_dict == {"step": ["所选办理环节不属于该记录。"]}
    assert EvidenceFile.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "kind", "field", "message"),
    [
        (b"", "", "file", "证据文件为空（0字节），请重新选择文件。"),
        (b"x" * 1025, "", "file", "证据文件超过大小上限：不得超过1024字节。"),
        (PDF, "receipt", "kind", "证据类别“receipt”无效：应为文书、照片、录音、录像或其他。"),
    ],
)
def test_bad_upload_is_refused_and_nothing_is_saved(
    officer, settings, evidence_root, content, kind, field, message
):
    # given
    settings.FAZHI_EVIDENCE_MAX_BYTES = 1024
    # when
    with pytest.raises(ValidationError) as excinfo:
        store_evidence(actor=officer, file=upload(content), obj=officer, perm=PERM, kind=kind)
    # then
    assert excinfo.value.message_dict == {field: [message]}
    assert EvidenceFile.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert [p for p in evidence_root.rglob("*") if p.is_file()] == []


def test_file_of_exactly_the_limit_is_accepted(officer, settings):
    settings.FAZHI_EVIDENCE_MAX_BYTES = 1024
    evidence = store_evidence(actor=officer, file=upload(b"y" * 1024, "a.txt"), obj=officer, perm=PERM)
    assert (evidence.size, evidence.content_type, evidence.kind) == (1024, "text/plain", "document")


def test_actor_who_cannot_change_the_record_is_refused(officer, other_officer, evidence_root):
    with pytest.raises(PermissionDenied, match="您无权为该记录上传证据文件。"):
        store_evidence(actor=other_officer, file=upload(), obj=officer, perm=PERM)
    assert (EvidenceFile.objects.count(), AuditEntry.objects.count()) == (0, 0)
    assert [p for p in evidence_root.rglob("*") if p.is_file()] == []


def test_default_permission_is_the_models_change_permission(officer):
    # "org.change_user" is not granted on an object by any rule here, so the default refuses
    with pytest.raises(PermissionDenied):
        store_evidence(actor=officer, file=upload(), obj=officer)


@pytest.mark.parametrize(
    ("head", "name", "content_type", "kind"),
    [
        (PDF, "x.bin", "application/pdf", "document"),
        (JPEG, "伪装.pdf", "image/jpeg", "photo"),  # the bytes win over the name
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "a.png", "image/png", "photo"),
        (
            b"PK\x03\x04" + b"\x00" * 30,
            "决定书.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "document",
        ),
        (b"PK\x03\x04" + b"\x00" * 30, "a.zip", "application/zip", "other"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "旧.doc", "application/msword", "document"),
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", "录音.wav", "audio/wav", "audio"),
        (b"#!AMR\n", "通话.amr", "audio/amr", "audio"),
        (b"ID3\x04\x00", "a.mp3", "audio/mpeg", "audio"),
        (b"\x00\x00\x00\x18ftypmp42", "执法记录仪.mp4", "video/mp4", "video"),
        (b"\x00\x00\x00\x14ftypqt  ", "a.mov", "video/quicktime", "video"),
        (b"\x00\x00\x00\x18ftypheic", "IMG_0001.HEIC", "image/heic", "photo"),
        ("当事人陈述：".encode(), "陈述.txt", "text/plain", "document"),
        (b"a,b\n1,2\n", "表.csv", "text/csv", "document"),
        (b"\x00\x01\x02\x03", "未知.dat", "application/octet-stream", "other"),
    ],
)
def test_content_type_sniffing(head, name, content_type, kind):
    assert sniff_content_type(head, name) == content_type
    assert kind_for(content_type) == kind


def test_verify_evidence_names_missing_and_altered_files(officer, evidence_root):
    # given three rows over two stored files, then one file altered and one deleted
    pdf = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    pdf_copy = store_evidence(actor=officer, file=upload(name="副本.pdf"), obj=officer, perm=PERM)
    photo = store_evidence(actor=officer, file=upload(JPEG, "p.jpg"), obj=officer, perm=PERM)
    assert verify_evidence().ok
    pdf.path.chmod(0o644)
    pdf.path.write_bytes(PDF + b"tampered")
    photo.path.unlink()
    # when
    report = verify_evidence()
    # then
    assert (report.ok, report.files_checked, report.rows_checked) == (False, 1, 3)
    assert report.altered == [pdf, pdf_copy]
    assert report.missing == [photo]


def test_verify_command_ok(officer):
    store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    store_evidence(actor=officer, file=upload(name="b.pdf"), obj=officer, perm=PERM)
    out = StringIO()
    call_command("evidence", "verify", stdout=out)
    assert out.getvalue() == "证据文件完整：共 1 个文件（2 条记录）\n"


def test_verify_command_exits_1_and_lists_broken_files(officer):
    # given
    evidence = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    evidence.path.unlink()
    out, err = StringIO(), StringIO()
    # when
    with pytest.raises(SystemExit) as exit_info:
        call_command("evidence", "verify", stdout=out, stderr=err)
    # then
    assert exit_info.value.code == 1
    assert err.getvalue() == (
        f"缺失：证据文件 #{evidence.pk}“询问笔录.pdf”（{evidence.storage_path}，所属 org.user #{officer.pk}）\n"
        "证据文件不完整：1 条记录的文件缺失，0 条记录的文件已被修改。\n"
    )


@pytest.mark.parametrize(
    ("user_fixture", "status"),
    [("officer", 200), ("supervisor", 200), ("other_officer", 403)],
)
def test_download_checks_permission_and_audits(client, officer, request, user_fixture, status):
    # given
    evidence = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)
    # when
    response = client.get(f"/evidence/{evidence.pk}/download/")
    # then
    assert response.status_code == status
    downloads = AuditEntry.objects.filter(action="evidence.download", actor=user).count()
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert downloads == 1
    else:
        assert downloads == 0


def test_download_requires_login(client, officer):
    evidence = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    response = client.get(f"/evidence/{evidence.pk}/download/")
    assert response.status_code == 302


def test_download_of_a_lost_file_is_404(client, officer):
    evidence = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    evidence.path.unlink()
    client.force_login(officer)
    assert client.get(f"/evidence/{evidence.pk}/download/").status_code == 404


def test_list_scope_equals_object_permission(officer, other_officer, supervisor):
    # given evidence on two agencies' records
    mine = store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM)
    theirs = store_evidence(actor=other_officer, file=upload(JPEG, "p.jpg"), obj=other_officer, perm=PERM)
    # then for each user the list equals the objects the permission allows
    for user in (officer, other_officer, supervisor):
        listed = set(selectors.evidence_files_visible_to(user))
        allowed = {e for e in (mine, theirs) if user.has_perm("evidence.view_evidencefile", e)}
        assert listed == allowed
    assert list(selectors.evidence_files_of(officer, supervisor)) == [mine]
    assert list(selectors.evidence_files_of(officer, other_officer)) == []


def test_evidence_list_tag_shows_only_what_the_user_may_see(rf, officer, other_officer):
    # given
    store_evidence(actor=officer, file=upload(), obj=officer, perm=PERM, description="第一次询问")
    template = Template("{% load fazhi_evidence %}{% evidence_list obj %}")
    mine, theirs = rf.get("/"), rf.get("/")
    mine.user, theirs.user = officer, other_officer
    # when
    html_mine = template.render(Context({"obj": officer, "request": mine}))
    html_theirs = template.render(Context({"obj": officer, "request": theirs}))
    # then
    assert "询问笔录.pdf" in html_mine
    assert "第一次询问" in html_mine
    assert "询问笔录.pdf" not in html_theirs
    assert "暂无证据材料。" in html_theirs
