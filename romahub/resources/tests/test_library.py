"""Resources: filters and their combinations (a paid resource never appears as free), the link
checker against a stubbed network, and the admin's link-health column."""

import urllib.error

import pytest
from django.contrib.auth.models import Group

from romahub.resources import links
from romahub.resources.library import Filters, matching
from romahub.resources.models import Resource
from romahub.resources.tests.conftest import resource

pytestmark = pytest.mark.django_db


def titles(filters) -> list[str]:
    return [r.title for r in matching(filters)]


def test_each_filter_and_combinations(shelf):
    assert titles(Filters(audience="lawyers")) == ["A practitioner text", "Children Act 1989", "Law reports"]
    assert titles(Filters(kind="training")) == ["Cultural awareness course"]
    assert titles(Filters(language="ro")) == ["Child protection: a guide for parents"]
    assert titles(Filters(audience="social-workers", kind="legislation")) == ["Children Act 1989"]
    assert titles(Filters(query="protection parents")) == ["Child protection: a guide for parents"]
    assert titles(Filters(audience="lawyers", free_only=True)) == ["Children Act 1989"]


def test_nothing_paid_or_registration_only_is_ever_free(shelf):
    free = matching(Filters(free_only=True))
    assert {r.cost for r in free} == {"free"}
    for audience in ("parents", "advocates", "social-workers", "carers", "lawyers", "councils"):
        assert all(r.cost == "free" for r in matching(Filters(audience=audience, free_only=True)))


def test_audience_codes_do_not_match_by_prefix(shelf):
    resource("Carers' handbook", audiences=("carers",))
    assert "Carers' handbook" not in titles(Filters(audience="care"))


def stub(outcomes):
    def fetcher(url):
        result = outcomes[url]
        if isinstance(result, Exception):
            raise result
        return result
    return fetcher


def test_link_checker_records_each_outcome(shelf):
    Resource.objects.filter(pk=shelf["act"].pk).update(url="https://ok.example/")
    Resource.objects.filter(pk=shelf["guide"].pk).update(url="https://moved.example/")
    Resource.objects.filter(pk=shelf["book"].pk).update(url="https://gone.example/")
    Resource.objects.filter(pk=shelf["course"].pk).update(url="https://slow.example/")
    Resource.objects.filter(pk=shelf["reports"].pk).update(url="")
    counts = links.check_all(stub({
        "https://ok.example/": links.Outcome(200),
        "https://moved.example/": links.Outcome(301, moved_to="https://new.example/guide"),
        "https://gone.example/": links.Outcome(404, problem="HTTP 404"),
        "https://slow.example/": links.Outcome(None, problem="no answer: timed out"),
    }))
    assert counts == {"ok": 1, "moved": 1, "broken": 2}
    by_title = {r.title: r for r in Resource.objects.all()}
    assert by_title["Children Act 1989"].link_status == 200 and not by_title["Children Act 1989"].link_is_broken
    assert by_title["Child protection: a guide for parents"].link_moved_to == "https://new.example/guide"
    assert by_title["A practitioner text"].link_is_broken and by_title["Cultural awareness course"].link_is_broken
    assert by_title["Law reports"].link_checked_at is None  # no link, nothing to check


class FakeResponse:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *args):
        return False


@pytest.mark.parametrize("behaviour,expected", [
    (lambda request, timeout: FakeResponse(200), (200, "", "")),
    (lambda request, timeout: (_ for _ in ()).throw(urllib.error.HTTPError(request.full_url, 301, "Moved", {"Location": "https://new.example/"}, None)),
     (301, "https://new.example/", "")),
    (lambda request, timeout: (_ for _ in ()).throw(urllib.error.HTTPError(request.full_url, 404, "Not found", {}, None)), (404, "", "HTTP 404")),
    (lambda request, timeout: (_ for _ in ()).throw(urllib.error.URLError(TimeoutError("timed out"))), (None, "", "no answer: timed out")),
])
def test_fetch_is_stubbed_at_the_edge(monkeypatch, behaviour, expected):
    seen = []

    class Opener:
        def open(self, request, timeout):
            seen.append((request.get_method(), request.get_header("User-agent"), timeout))
            return behaviour(request, timeout)

    monkeypatch.setattr(links.urllib.request, "build_opener", lambda *handlers: Opener())
    outcome = links.fetch("https://example.org/page")
    assert (outcome.status, outcome.moved_to, outcome.problem) == expected
    assert seen[0][0] == "HEAD" and seen[0][1].startswith("RomaChildProtectionHub-LinkCheck") and seen[0][2] == links.TIMEOUT_SECONDS


def test_fetch_refuses_anything_but_the_web():
    assert links.fetch("file:///etc/passwd").problem == "not a web address"


def test_admin_list_shows_link_health(client, django_user_model, shelf):
    editor = django_user_model.objects.create_user("editor", password="a long pass phrase 1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    Resource.objects.filter(pk=shelf["book"].pk).update(link_problem="HTTP 404", link_status=404, link_checked_at="2026-11-23T10:00:00Z")
    Resource.objects.filter(pk=shelf["guide"].pk).update(link_moved_to="https://new.example/guide", link_status=301,
                                                          link_checked_at="2026-11-23T10:00:00Z")
    Resource.objects.filter(pk=shelf["course"].pk).update(link_problem="no answer: timed out", link_checked_at="2026-11-23T10:00:00Z")
    Resource.objects.filter(pk=shelf["act"].pk).update(link_status=200, link_checked_at="2026-11-23T10:00:00Z")
    body = client.get("/admin/snippets/resources/resource/").content.decode()
    assert "HTTP 404" in body and "moved to https://new.example/guide" in body
    assert "no answer: timed out" in body and "working" in body
    assert "awaiting community review" in body


def test_editors_add_a_resource_with_audience_checkboxes(client, django_user_model):
    Resource.objects.all().delete()
    editor = django_user_model.objects.create_user("editor", password="a long pass phrase 1")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/snippets/resources/resource/add/").status_code == 200
    response = client.post("/admin/snippets/resources/resource/add/", {
        "title": "Working Together to Safeguard Children", "title_language": "en", "summary": "Statutory guidance.",
        "url": "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        "publisher": "Department for Education", "year": "2023", "audience_choices": ["social-workers", "lawyers"],
        "kind": "statutory-guidance", "languages": "en", "cost": "free", "source": "GOV.UK",
    })
    assert response.status_code == 302
    saved = Resource.objects.get(title="Working Together to Safeguard Children")
    assert saved.audiences == ",social-workers,lawyers," and saved.languages == ",en,"
    assert saved.slug == "working-together-to-safeguard-children"  # made from the title when left empty
    # An editor's new resource is a draft: listed once a moderator publishes it.
    assert not saved.live and list(matching(Filters(audience="lawyers"))) == []
    saved.save_revision().publish()
    assert [r.title for r in matching(Filters(audience="lawyers"))] == ["Working Together to Safeguard Children"]


def test_every_kind_has_a_group_in_section_lists():
    from romahub.resources.library import GROUPS
    from romahub.resources.models import KINDS

    assert sorted(kind for *_, kinds in GROUPS for kind in kinds) == sorted(code for code, _label in KINDS)


@pytest.mark.parametrize("role,can_add,can_edit", [
    # The shelf is English: translators edit only Slovak and Romanian rows (test_english_moderation.py).
    ("Editors", True, True), ("Moderators", True, True), ("Translators", False, False), (None, False, False),
])
def test_who_may_add_and_edit_resources(client, django_user_model, shelf, role, can_add, can_edit):
    user = django_user_model.objects.create_user("someone", password="a long pass phrase 1")
    if role:
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    added = client.get("/admin/snippets/resources/resource/add/").status_code
    edited = client.get(f"/admin/snippets/resources/resource/edit/{shelf['act'].pk}/").status_code
    assert (added == 200) is can_add and (edited == 200) is can_edit
    if not can_add:
        assert added in (302, 403)


def test_readers_never_reach_the_resources_admin(client, shelf):
    response = client.get(f"/admin/snippets/resources/resource/edit/{shelf['act'].pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
