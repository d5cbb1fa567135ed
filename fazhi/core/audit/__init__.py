"""core.audit — append-only, hash-chained log of every write and every transition.

Use `record(...)` from every service; `verify_chain()` checks the whole chain.
"""

from .service import record, verify_chain  # noqa: F401
