"""Every write of the disputes app (STYLE.md §2.2)."""

from .litigation import *  # noqa: F403
from .mediation import *  # noqa: F403
from .reconsideration import *  # noqa: F403
