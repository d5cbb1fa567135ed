"""Every write of the rulemaking app (one service per transition)."""

from .catalogue import *  # noqa: F403
from .cleanup import *  # noqa: F403
from .comments import *  # noqa: F403
from .decisions import *  # noqa: F403
from .documents import *  # noqa: F403
from .papers import *  # noqa: F403
from .publication import *  # noqa: F403
