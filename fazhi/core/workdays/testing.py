"""Test helper for other apps: use when a test enters a calendar year through the service.

    from fazhi.core.workdays.testing import calendar_defaults  # noqa: F401  (pytest fixture)

    @pytest.mark.usefixtures("calendar_defaults")
    def test_something_after_2027_is_entered(supervisor): ...

Under the test settings (FAZHI_CALENDAR_CHECK_SECONDS = None) the cached calendar is only re-read
after the service writes a year; the test database is rolled back afterwards, so the cache must be
put back to the package + data file, or later tests would still see the entered year.
"""

import pytest

from . import source


@pytest.fixture
def calendar_defaults():
    source.reset_to_defaults()
    yield
    source.reset_to_defaults()
