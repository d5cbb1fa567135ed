"""core.audit: the hash chain, tamper detection, append-only rows, record_view, the CLI, the admin."""

from __future__ import annotations

import threading
from io import StringIO

from django.core.management import call_command
from django.db import close_old_connections, connection
from django.template import Context, Template

import pytest

from fazhi.core import audit
from fazhi.core.audit.models import AuditChainHead, AuditEntry, AuditLogIsAppendOnly
from fazhi.org.tests.factories import UserFactory

TABLE = AuditEntry._meta.db_table


def _sql(statement: str, params: list | None = None) -> None:
    """Tamper behind the ORM's back, as someone with database access would."""
    with connection.cursor() as cursor:
        cursor.execute(statement.replace("{t}", connection.ops.quote_name(TABLE)), params or [])


def _write(actor, n: int) -> list[AuditEntry]:
    return [audit.record(actor=actor, action="test.write", obj=actor, after={"n": i}) for i in range(n)]


def test_entries_are_chained_in_order(officer):
    # when
    entries = _write(officer, 3)
    # then
    assert [e.seq for e in entries] == [1, 2, 3]
    assert entries[0].prev_hash == "0" * 64
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:2]]
    assert (entries[0].actor_id, entries[0].actor_name, entries[0].object_type) == (
        officer.pk,
        officer.display_name,
        "org.user",
    )
    assert audit.verify_chain() == audit.ChainReport(True, 3)


def test_system_actor_is_recorded_as_system(officer):
    entry = audit.record(actor=None, action="test.tick", obj=officer)
    assert (entry.actor_id, entry.actor_name) == (None, "系统")


def test_edited_entry_is_named(officer):
    # given
    _write(officer, 3)
    # when someone edits entry 2 behind the service's back
    _sql("UPDATE {t} SET note = %s WHERE seq = 2", ["改过"])
    # then
    report = audit.verify_chain()
    assert report == audit.ChainReport(False, 1, 2, "第 2 条内容已被修改（哈希不符）")


def test_deleted_entry_is_named(officer):
    _write(officer, 3)
    _sql("DELETE FROM {t} WHERE seq = 2")
    report = audit.verify_chain()
    assert report == audit.ChainReport(False, 1, 2, "缺少第 2 条记录（下一条为第 3 条）")


def test_reordered_entries_are_named(officer):
    # given
    _write(officer, 3)
    # when entries 2 and 3 swap places
    _sql("UPDATE {t} SET seq = 1000 WHERE seq = 2")
    _sql("UPDATE {t} SET seq = 2 WHERE seq = 3")
    _sql("UPDATE {t} SET seq = 3 WHERE seq = 1000")
    # then
    report = audit.verify_chain()
    assert report == audit.ChainReport(False, 1, 2, "第 2 条的前一条哈希与链不符")


def test_entries_cut_off_the_end_are_noticed(officer):
    _write(officer, 3)
    _sql("DELETE FROM {t} WHERE seq = 3")
    report = audit.verify_chain()
    assert report == audit.ChainReport(False, 2, 3, "日志末尾缺少记录：链头为第 3 条，实际只有 2 条")


def test_rehashed_edit_is_still_caught_by_the_next_link(officer):
    # given a tamperer who edits entry 1 and recomputes its own hash
    entries = _write(officer, 2)
    _sql("UPDATE {t} SET note = %s WHERE seq = 1", ["改过"])
    edited = AuditEntry.objects.get(seq=1)
    new_hash = audit.service.compute_hash(edited.prev_hash, edited)
    _sql("UPDATE {t} SET entry_hash = %s WHERE seq = 1", [new_hash])
    # when / then entry 2 still points at the old hash
    assert new_hash != entries[0].entry_hash
    assert audit.verify_chain() == audit.ChainReport(False, 1, 2, "第 2 条的前一条哈希与链不符")


def test_orm_refuses_to_change_or_delete_entries(officer):
    # given
    entry = _write(officer, 1)[0]
    entry.note = "改过"
    # when / then
    with pytest.raises(AuditLogIsAppendOnly, match="审计日志只能追加，不能修改。"):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly, match="审计日志只能追加，不能删除。"):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(seq=1).update(note="改过")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    # nothing changed
    assert list(AuditEntry.objects.values_list("seq", "note")) == [(1, "")]
    assert audit.verify_chain().ok


def test_many_sequential_writes_get_consecutive_seq(officer):
    _write(officer, 150)
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == list(range(1, 151))
    assert AuditChainHead.objects.get(pk=1).seq == 150
    assert audit.verify_chain() == audit.ChainReport(True, 150)


def test_missing_head_row_is_rebuilt_from_the_last_entry(officer):
    # given a head row lost (e.g. a database restored without it)
    _write(officer, 2)
    AuditChainHead.objects.all().delete()
    # when
    _write(officer, 1)
    # then the chain continues
    assert audit.verify_chain() == audit.ChainReport(True, 3)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_consecutive_seq():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; row locks matter on PostgreSQL")
    # given
    actor = UserFactory(username="concurrent")
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            for i in range(10):
                audit.record(actor=actor, action="test.concurrent", after={"i": i})
        except BaseException as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    # when four threads write at once
    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # then
    assert errors == []
    assert list(AuditEntry.objects.values_list("seq", flat=True)) == list(range(1, 41))
    assert audit.verify_chain() == audit.ChainReport(True, 40)


def test_record_view_logs_which_personal_fields_were_seen(officer, supervisor):
    entry = audit.record_view(supervisor, officer, ["phone", "id_number", "phone"])
    assert (entry.action, entry.after, entry.object_id, entry.actor_id) == (
        "view_personal_data",
        {"fields": ["id_number", "phone"]},
        str(officer.pk),
        supervisor.pk,
    )


def test_verify_command_reports_an_intact_chain(officer):
    _write(officer, 4)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue() == "审计日志完整：共 4 条\n"


def test_verify_command_on_an_empty_log(db):
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue() == "审计日志完整：共 0 条\n"


def test_verify_command_names_the_broken_entry_and_exits_1(officer):
    # given
    _write(officer, 4)
    _sql("UPDATE {t} SET action = %s WHERE seq = 3", ["test.forged"])
    out, err = StringIO(), StringIO()
    # when
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", stdout=out, stderr=err)
    # then
    assert exit_info.value.code == 1
    assert out.getvalue() == ""
    assert err.getvalue() == (
        "审计日志不完整：第 3 条内容已被修改（哈希不符）（此前 2 条校验通过，从第 3 条起不可信）\n"
    )


def test_admin_is_read_only(client, officer):
    # given
    admin_user = UserFactory(username="root", is_superuser=True, is_staff=True, agency=None)
    entry = _write(officer, 1)[0]
    client.force_login(admin_user)
    # when
    changelist = client.get("/admin/audit/auditentry/")
    detail = client.get(f"/admin/audit/auditentry/{entry.pk}/change/")
    add = client.get("/admin/audit/auditentry/add/")
    delete = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    changed = client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"note": "改过"})
    # then
    assert (changelist.status_code, detail.status_code) == (200, 200)
    assert (add.status_code, delete.status_code, changed.status_code) == (403, 403, 403)
    assert list(AuditEntry.objects.values_list("seq", "note")) == [(1, "")]


def test_audit_trail_tag_lists_the_entries_of_one_object_newest_first(officer, other_officer, supervisor):
    # given
    audit.register_action_labels({"org.update_user": "修改人员信息"})
    audit.record(
        actor=supervisor,
        action="org.update_user",
        obj=officer,
        before={"full_name": "王五", "phone": None},
        after={"full_name": "王六", "phone": "13812345678"},
        note="改名",
    )
    audit.record(actor=supervisor, action="org.update_user", obj=other_officer, note="别人的")
    audit.record_view(supervisor, officer, ["phone"])
    # when
    html = Template("{% load fazhi_audit %}{% audit_trail obj %}").render(Context({"obj": officer}))
    # then
    name = officer._meta.get_field("full_name").verbose_name
    phone = officer._meta.get_field("phone").verbose_name
    assert "别人的" not in html
    assert html.index("改名") < html.index(f"查看个人信息（{phone}）")  # views folded below the changes
    assert html.count("<tr>") == 4  # header + 1 change; header + 1 view
    assert "修改人员信息" in html
    assert f"<div>{name}：王五 → 王六</div><div>{phone}：13812345678</div>" in html


def test_audit_trail_tag_without_entries(db):
    html = Template("{% load fazhi_audit %}{% audit_trail obj %}").render(Context({"obj": None}))
    assert "暂无操作记录。" in html


def test_changes_lists_only_fields_that_differ():
    assert audit.labels.changes({"a": 1, "c": 2}, {"a": 1, "c": 3, "b": 4}) == [("b", None, 4), ("c", 2, 3)]
    assert audit.labels.changes(None, {"state": "accepted"}) == [("state", None, "accepted")]
    assert audit.labels.changes({"x": 1}, None) == [("x", 1, None)]


def test_unlabelled_action_is_shown_by_its_code():
    assert (audit.action_label("nobody.knows"), audit.action_label("evidence.download")) == (
        "nobody.knows",
        "下载证据",
    )
