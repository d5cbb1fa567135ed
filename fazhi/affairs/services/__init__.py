"""Every write of the affairs app: lock → permission → validate → write → audit (engine or audit.record)."""

from .disclosure import *  # noqa: F403
from .disclosure import __all__ as _disclosure
from .petitions import *  # noqa: F403
from .petitions import __all__ as _petitions
from .registries import *  # noqa: F403
from .registries import __all__ as _registries
from .reminders import *  # noqa: F403
from .reminders import __all__ as _reminders
from .reports import *  # noqa: F403
from .reports import __all__ as _reports
from .suggestions import *  # noqa: F403
from .suggestions import __all__ as _suggestions

__all__ = [*_disclosure, *_petitions, *_registries, *_reminders, *_reports, *_suggestions]
