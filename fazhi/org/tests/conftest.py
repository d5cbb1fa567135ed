from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """DRF throttles count in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()
