"""No reader waits for a render after a change (romahub.core.page_cache), and an uncached page
costs few queries (romahub.pages.outline, romahub.pages.serving)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks import default_task_backend

from romahub.core import page_cache
from romahub.core.middleware import PAGE_CACHE_HEADER
from romahub.core.tasks import refresh_changed_pages, refresh_page
from romahub.pages.models import GuidePage, HomePage, SectionPage

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # a worker that has not run yet
AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _queued(task):
    return [result for result in default_task_backend.results if result.task.func is task.func]


def _run(results):
    for result in results:
        result.task.call(*result.args, **result.kwargs)
    default_task_backend.clear()


def _english(model, **filters):
    return model.objects.live().filter(locale__language_code="en", **filters).first()


@pytest.fixture
def queued(settings):
    settings.TASKS = QUEUED
    settings.PAGE_REFRESH_IN_BACKGROUND = True
    default_task_backend.clear()
    yield
    default_task_backend.clear()


@pytest.mark.django_db
def test_a_publish_is_rendered_in_the_background_and_shown_only_once_ready(client, queued, django_capture_on_commit_callbacks):
    guide = _english(GuidePage, slug="child-protection-conference")
    other = _english(SectionPage, slug="lawyers")
    assert client.get(guide.url)[PAGE_CACHE_HEADER] == "miss"
    assert client.get(other.url)[PAGE_CACHE_HEADER] == "miss"

    with django_capture_on_commit_callbacks(execute=True):
        guide.title = "What happens at a child protection conference, step by step"
        guide.save_revision().publish()
    [job] = _queued(refresh_changed_pages)
    # The guide, and the section and home page above it, in every language it is in.
    assert guide.url in job.args[0] and guide.get_parent().url in job.args[0] and "/en/" in job.args[0]
    assert "/ro/parents/child-protection-conference/" in job.args[0]

    # Until the worker has rendered it, readers keep the copy they had, without a render.
    before = client.get(guide.url)
    assert before[PAGE_CACHE_HEADER] == "hit" and "step by step" not in before.content.decode()

    _run([job])
    with CaptureQueriesContext(connection) as queries:
        after = client.get(guide.url)
    assert after[PAGE_CACHE_HEADER] == "hit" and "step by step" in after.content.decode()
    assert len(queries) == 0  # served as it was rendered in the background

    # A page the change did not name (its navigation may show the new title) is given once as it
    # was, while one task renders it again; after that it is current.
    stale = client.get(other.url)
    assert stale[PAGE_CACHE_HEADER] == "stale"
    assert client.get(other.url)[PAGE_CACHE_HEADER] == "stale"
    jobs = _queued(refresh_page)
    assert len(jobs) == 1 and jobs[0].args[1] == other.url
    _run(jobs)
    assert client.get(other.url)[PAGE_CACHE_HEADER] == "hit"


@pytest.mark.django_db
def test_one_transactions_changes_make_one_task_and_a_rolled_back_one_none(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_cache.start_new_generation(["/en/a/"])
            page_cache.start_new_generation(["/en/b/"])
    assert [job.args[0] for job in _queued(refresh_changed_pages)] == [["/en/a/", "/en/b/"]]
    default_task_backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                page_cache.start_new_generation(["/en/lost/"])
                raise RuntimeError
        except RuntimeError:
            pass
        with transaction.atomic():
            page_cache.start_new_generation(["/en/kept/"])
    assert [job.args[0] for job in _queued(refresh_changed_pages)] == [["/en/kept/"]]


@pytest.mark.django_db
def test_a_directory_edit_and_a_mishto_decision_name_their_pages():
    from romahub.directory.models import Service
    from romahub.mishto.models import Participation

    service = Service.objects.first()
    assert f"/sk/services/{service.pk}/" in service.public_paths() and "/ro/services/" in service.public_paths()
    assert "/ro/mishto/" in Participation(authority_id=1).public_paths()


@pytest.mark.django_db
def test_where_tasks_run_at_once_the_reader_after_a_publish_gets_the_new_page(client, settings, django_capture_on_commit_callbacks):
    settings.TASKS = AT_ONCE
    settings.PAGE_REFRESH_IN_BACKGROUND = True
    section = _english(SectionPage, slug="advocates")
    client.get(section.url)
    with django_capture_on_commit_callbacks(execute=True):
        section.title = "Advocates and community workers"
        section.save_revision().publish()
    answer = client.get(section.url)
    assert answer[PAGE_CACHE_HEADER] == "hit" and "Advocates and community workers" in answer.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("model,filters", [
    (HomePage, {}),
    (SectionPage, {"slug": "parents"}),
    (GuidePage, {"slug": "child-protection-conference"}),
])
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_an_uncached_page_costs_at_most_eight_queries(client, settings, model, filters, language):
    settings.PAGE_CACHE_ENABLED = False
    page = model.objects.live().filter(locale__language_code=language, **filters).first()
    client.get(page.url)  # this process's outline of the tree, built once per generation
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(page.url)
    assert answer.status_code == 200 and f'lang="{language}"' in answer.content.decode()
    assert len(queries) <= 8, [q["sql"][:120] for q in queries]


@pytest.mark.django_db
def test_the_outline_tells_what_wagtail_would_for_every_live_page(rf):
    from wagtail.models import Page

    from romahub.pages.outline import build

    request = rf.get("/en/")
    outline = build(request)
    pages = Page.objects.live().filter(depth__gte=2).specific()
    assert len(pages) > 30
    for page in pages:
        wagtails = page.breadcrumb_trail(request), page.language_addresses(request), page.shows_exit_button
        page.served_outline = outline
        assert (page.breadcrumb_trail(request), page.language_addresses(request), page.shows_exit_button) == wagtails, page.url
        assert outline.at(page.url).id == page.pk


@pytest.mark.django_db
def test_without_a_worker_the_generation_changes_again_once_the_change_is_committed(django_capture_on_commit_callbacks):
    """Another process rendering between the change and its commit read the old data: what it
    stored under the first new generation must not count as current."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_cache.start_new_generation(["/en/"])
            during = page_cache.current_generation()
    assert page_cache.current_generation() > during


@pytest.mark.django_db
def test_each_content_security_policy_is_built_once_and_again_when_its_setting_changes(client, settings):
    from romahub.core import middleware

    middleware._policies.clear()
    first = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'none'" in first and len(middleware._policies) >= 1
    built = dict(middleware._policies)
    assert client.get("/en/")["Content-Security-Policy"] == first and middleware._policies == built
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get("/en/lawyers/")["Content-Security-Policy"] == "default-src 'self'"
