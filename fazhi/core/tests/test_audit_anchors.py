"""core.audit anchored (issue 16, point 3): a keyed hash and anchors outside the database, so that
neither rolling back the tail nor rewriting an entry and every later hash passes `verify`."""

from __future__ import annotations

import hashlib
import json
from io import StringIO

from django.core.management import call_command
from django.db import connection

import pytest

from fazhi.core import audit
from fazhi.core.audit.models import AuditChainHead, AuditEntry
from fazhi.core.audit.service import GENESIS, _canonical

TABLE = AuditEntry._meta.db_table
HEAD_TABLE = AuditChainHead._meta.db_table


def _sql(statement: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            statement.replace("{t}", connection.ops.quote_name(TABLE)).replace(
                "{h}", connection.ops.quote_name(HEAD_TABLE)
            ),
            params or [],
        )


@pytest.fixture
def anchors(settings, tmp_path):
    settings.FAZHI_AUDIT_HEAD_FILE = tmp_path / "audit_head.json"
    settings.FAZHI_AUDIT_CHECKPOINT_FILE = tmp_path / "audit_checkpoints.jsonl"
    return tmp_path


def _write(actor, n: int, django_capture_on_commit_callbacks) -> list[AuditEntry]:
    entries = []
    for i in range(n):
        with django_capture_on_commit_callbacks(execute=True):
            entries.append(audit.record(actor=actor, action="test.write", obj=actor, after={"n": i}))
    return entries


def test_the_head_file_follows_every_committed_entry(officer, anchors, django_capture_on_commit_callbacks):
    # when
    entries = _write(officer, 3, django_capture_on_commit_callbacks)
    # then
    head = json.loads((anchors / "audit_head.json").read_text())
    assert (head["seq"], head["hash"]) == (3, entries[-1].entry_hash)
    assert audit.verify_chain() == audit.ChainReport(True, 3)


def test_deleting_the_last_entry_and_rolling_back_the_head_fails_verify(
    officer, anchors, django_capture_on_commit_callbacks
):
    # given
    entries = _write(officer, 3, django_capture_on_commit_callbacks)
    # when someone with database access deletes entry 3 and rolls the head row back to entry 2
    _sql("DELETE FROM {t} WHERE seq = 3")
    _sql("UPDATE {h} SET seq = 2, entry_hash = %s WHERE id = 1", [entries[1].entry_hash])
    # then
    assert audit.verify_chain() == audit.ChainReport(
        False, 2, 3, "日志末尾缺少记录：链头文件记录到第 3 条，实际只有 2 条"
    )


def test_editing_an_entry_and_recomputing_every_later_plain_hash_fails_verify(officer, anchors):
    # given (no head file: only the key protects the chain)
    for i in range(3):
        audit.record(actor=officer, action="test.write", obj=officer, after={"n": i})
    # when entry 2 is edited and every hash from there on recomputed with plain SHA-256
    _sql("UPDATE {t} SET note = %s WHERE seq = 2", ["改过"])
    prev = AuditEntry.objects.get(seq=1).entry_hash
    for entry in AuditEntry.objects.filter(seq__gte=2).order_by("seq"):
        new = hashlib.sha256(prev.encode() + _canonical(entry)).hexdigest()
        _sql("UPDATE {t} SET prev_hash = %s, entry_hash = %s WHERE seq = %s", [prev, new, entry.seq])
        prev = new
    _sql("UPDATE {h} SET entry_hash = %s WHERE id = 1", [prev])
    # then
    assert audit.verify_chain() == audit.ChainReport(False, 1, 2, "第 2 条内容已被修改（哈希不符）")


def test_rewriting_with_the_key_is_caught_by_the_checkpoint(
    officer, anchors, django_capture_on_commit_callbacks
):
    # given a checkpoint after entry 2, then more entries
    _write(officer, 2, django_capture_on_commit_callbacks)
    audit.write_checkpoint()
    _write(officer, 2, django_capture_on_commit_callbacks)
    (anchors / "audit_head.json").unlink()  # even without the head file
    # when an insider who also has the key rewrites entry 1 and re-chains everything
    _sql("UPDATE {t} SET note = %s WHERE seq = 1", ["改过"])
    prev = GENESIS
    for entry in AuditEntry.objects.order_by("seq"):
        new = audit.service.compute_hash(prev, entry)
        _sql("UPDATE {t} SET prev_hash = %s, entry_hash = %s WHERE seq = %s", [prev, new, entry.seq])
        prev = new
    _sql("UPDATE {h} SET entry_hash = %s WHERE id = 1", [prev])
    # then
    assert audit.verify_chain() == audit.ChainReport(
        False, 4, 2, "第 2 条与第 1 个检查点记录的哈希不符：此前的记录已被改写"
    )


def test_a_forged_anchor_is_reported(officer, anchors, django_capture_on_commit_callbacks):
    _write(officer, 2, django_capture_on_commit_callbacks)
    path = anchors / "audit_head.json"
    head = json.loads(path.read_text())
    path.write_text(json.dumps({**head, "seq": 1}))
    assert audit.verify_chain() == audit.ChainReport(False, 0, None, "链头文件已被修改或无法读取（签名不符）")


def test_checkpoint_command_appends_a_line(officer, anchors, django_capture_on_commit_callbacks):
    # given
    entries = _write(officer, 2, django_capture_on_commit_callbacks)
    out = StringIO()
    # when
    call_command("audit", "checkpoint", stdout=out)
    call_command("audit", "checkpoint", stdout=StringIO())
    # then
    assert out.getvalue() == f"检查点已写入：第 2 条，哈希 {entries[-1].entry_hash}\n"
    assert [(c["seq"], c["hash"]) for c in audit.checkpoints()] == [(2, entries[-1].entry_hash)] * 2
    call_command("audit", "verify", stdout=StringIO())


def test_the_key_comes_from_a_file_outside_the_database(settings, tmp_path, officer):
    # given no key in the environment
    settings.FAZHI_AUDIT_KEY = ""
    settings.FAZHI_AUDIT_KEY_FILE = tmp_path / "audit_key"
    # when
    audit.record(actor=officer, action="test.write", obj=officer)
    # then a key file was created, private, and the chain verifies with it
    assert (tmp_path / "audit_key").stat().st_mode & 0o777 == 0o600
    assert audit.verify_chain().ok
    settings.FAZHI_AUDIT_KEY = "another-key"
    assert not audit.verify_chain().ok


def test_the_portal_publishes_the_checkpoints(client, officer, anchors, django_capture_on_commit_callbacks):
    # given
    entries = _write(officer, 2, django_capture_on_commit_callbacks)
    audit.write_checkpoint()
    # when
    html = client.get("/gongkai/audit/").content.decode()
    # then
    assert "审计日志校验值" in html
    assert entries[-1].entry_hash in html


def test_the_portal_page_without_checkpoints_says_no_data(client, db):
    assert "暂无数据" in client.get("/gongkai/audit/").content.decode()


def test_createsuperuser_is_audited(db):
    call_command("createsuperuser", "--noinput", "--username", "root2", "--email", "", stdout=StringIO())
    entry = AuditEntry.objects.get(action="org.create_superuser")
    assert (entry.object_repr != "", entry.after) == (True, {"username": "root2", "is_superuser": True})


def test_viewing_personal_data_in_the_admin_is_audited(client, superuser, officer):
    # given
    client.force_login(superuser)
    # when
    assert client.get(f"/admin/org/user/{officer.pk}/change/").status_code == 200
    # then
    entry = AuditEntry.objects.get(action="view_personal_data")
    assert (entry.actor_id, entry.object_id, entry.after) == (
        superuser.pk,
        str(officer.pk),
        {"fields": ["email", "phone"]},
    )
