"""The access predicates live in `fazhi.core.access` (core imports no domain app); this module
keeps the older import path working."""

from fazhi.core.access import *  # noqa: F403
from fazhi.core.access import (  # noqa: F401  (names with a leading underscore are not star-exported)
    _agency_id,
    _jurisdiction_id,
)
