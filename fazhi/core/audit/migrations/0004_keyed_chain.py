"""Re-chain existing entries with the keyed hash (HMAC-SHA256, core.audit.service.audit_key).

Entries written before this migration were chained with plain SHA-256, which anyone with database
access can recompute. This one-time step re-hashes them in order with the key; from here on the
chain cannot be rewritten without the key, which is kept outside the database.
"""

from django.db import migrations


def rechain(apps, schema_editor):
    from fazhi.core.audit.service import GENESIS, audit_key, compute_hash

    Entry = apps.get_model("audit", "AuditEntry")
    Head = apps.get_model("audit", "AuditChainHead")
    if not Entry.objects.exists():
        return
    key = audit_key()
    prev, last = GENESIS, None
    for entry in Entry.objects.order_by("seq").iterator(chunk_size=2000):
        entry_hash = compute_hash(prev, entry, key)
        Entry.objects.filter(pk=entry.pk).update(prev_hash=prev, entry_hash=entry_hash)
        prev, last = entry_hash, entry
    Head.objects.update_or_create(pk=1, defaults={"seq": last.seq, "entry_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_head")]

    operations = [migrations.RunPython(rechain, migrations.RunPython.noop)]
