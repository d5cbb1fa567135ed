from fazhi.core import audit
from fazhi.core.audit.models import AuditEntry


def test_chain_verifies_and_names_the_first_tampered_entry(officer):
    # given
    for i in range(3):
        audit.record(actor=officer, action="test.write", obj=officer, after={"n": i})
    assert audit.verify_chain().ok
    # when someone edits entry 2 behind the service's back
    AuditEntry.objects.filter(seq=2).update(after={"n": 99})
    # then
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_seq, report.checked) == (False, 2, 1)


def test_deleted_entry_breaks_the_chain(officer):
    for i in range(3):
        audit.record(actor=officer, action="test.write", obj=officer, after={"n": i})
    AuditEntry.objects.filter(seq=2).delete()
    report = audit.verify_chain()
    assert (report.ok, report.first_broken_seq) == (False, 2)
