"""core.audit — append-only, hash-chained log of every write, every transition and every view of
personal data (DESIGN.md).

Use `record(...)` from every service, `record_view(actor, obj, fields)` where unmasked personal
data is shown; `verify_chain()` checks the whole chain (`fazhi audit verify`).
"""

from .labels import action_label, register_action_labels  # noqa: F401
from .service import VIEW_PERSONAL_DATA, ChainReport, record, record_view, verify_chain  # noqa: F401
