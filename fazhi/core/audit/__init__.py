"""core.audit — append-only, hash-chained log of every write, every transition and every view of
personal data (DESIGN.md).

Use `record(...)` from every service, `record_view(actor, obj, fields)` where unmasked personal
data is shown; `verify_chain()` checks the whole chain (`fazhi audit verify`). The chain is keyed
(HMAC, FAZHI_AUDIT_KEY or the key file) and anchored outside the database: a head file rewritten
after every commit and daily checkpoints (`fazhi audit checkpoint`, published on the portal).
"""

from .labels import action_label, register_action_labels  # noqa: F401
from .service import (  # noqa: F401
    VIEW_PERSONAL_DATA,
    ChainReport,
    anchor_head,
    checkpoints,
    record,
    record_view,
    verify_chain,
    write_checkpoint,
)
