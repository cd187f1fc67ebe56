import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Registration attempts are counted in the cache: each test starts at zero."""
    cache.clear()
    yield
    cache.clear()
