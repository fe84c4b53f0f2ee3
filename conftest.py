"""Fixtures shared by every test: the starter content, loaded once per test database."""

import pytest
from django.core.cache import cache


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from romahub.pages.starter_content.loader import load_starter_content

    with django_db_blocker.unblock():
        load_starter_content()


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The page cache outlives each test's rolled-back transaction; start every test empty.
    cache.clear()
    yield
    cache.clear()
