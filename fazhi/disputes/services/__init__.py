"""Every write of the disputes app (STYLE.md §2.2)."""

from .application import *  # noqa: F403
from .handling import *  # noqa: F403
from .litigation import *  # noqa: F403
from .mediation import *  # noqa: F403
from .publication import *  # noqa: F403
