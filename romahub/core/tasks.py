"""Background work for the page cache (romahub.core.page_cache): run by `manage.py db_worker`."""

from django_tasks import task

from romahub.core import page_cache


@task()
def refresh_changed_pages(paths: list[str]) -> int:
    """Render what a change touched under a new generation, then make that generation current."""
    return page_cache.refresh_changed(paths)


@task()
def refresh_page(origin: str, full_path: str) -> bool:
    """Render one page a reader was given an old copy of."""
    return page_cache.refresh_one(origin, full_path)
