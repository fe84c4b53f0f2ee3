"""The Mishto charter as versioned content: the starter text in three languages, the public
page, new versions that leave signed ones untouched, and who may edit it."""

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

from romahub.mishto import charter
from romahub.mishto.models import CharterVersion, Pledge

pytestmark = pytest.mark.django_db


def test_the_starter_charter_has_four_values_and_six_pledges_in_three_languages():
    version = charter.current_version()
    assert version.number == 1 and version.is_published
    assert version.values.count() == 4
    pledges = list(version.pledges.all())
    assert [pledge.number for pledge in pledges] == [1, 2, 3, 4, 5, 6]
    texts = [version.title_sk, version.title_ro, version.introduction_sk, version.introduction_ro]
    texts += [v for value in version.values.all() for v in (value.text_sk, value.text_ro)]
    for pledge in pledges:
        assert pledge.actions.exists()
        texts += [pledge.title_sk, pledge.title_ro]
        texts += [t for action in pledge.actions.all() for t in (action.text_sk, action.text_ro)]
        texts += [t for activity in pledge.activities.all() for t in (activity.text_sk, activity.text_ro)]
    assert all(text.strip() for text in texts), "every starter text needs its Slovak and Romanian"
    assert not any(letter in text for text in texts for letter in "şţŞŢ"), "Romanian uses comma-below ș ț"
    assert not version.translations_reviewed


def test_loading_the_starter_charter_again_changes_nothing():
    before = (CharterVersion.objects.count(), Pledge.objects.count())
    assert charter.load_starter_charter() is False
    assert (CharterVersion.objects.count(), Pledge.objects.count()) == before


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_pledges_page_in_each_language(client, language):
    version = charter.current_version()
    response = client.get(f"/{language}/mishto/pledges/")
    body = response.content.decode()
    assert response.status_code == 200 and f'lang="{language}"' in body
    title = {"en": version.title, "sk": version.title_sk, "ro": version.title_ro}[language]
    assert f"<h1>{title}</h1>" in body.replace("&#x27;", "'")
    assert body.count('class="pledge"') == 6
    assert f'href="/{language}/services/"' in body  # hub links keep the reader's language


def test_a_new_version_is_a_draft_copy_and_the_signed_one_stays_as_it_was(client):
    first = charter.current_version()
    draft = charter.start_new_version(first)
    assert (draft.number, draft.is_published) == (2, False)
    assert draft.pledges.count() == 6 and draft.values.count() == 4
    assert [a.text for a in draft.pledges.get(number=5).actions.all()] == [a.text for a in first.pledges.get(number=5).actions.all()]
    pledge = draft.pledges.get(number=1)
    pledge.title = "Adopt an inclusive communication strategy, with Roma residents"
    pledge.save()
    assert first.pledges.get(number=1).title == "Adopt an inclusive communication strategy"
    assert charter.current_version() == first
    assert client.get("/en/mishto/pledges/v2/").status_code == 404  # drafts are not public
    draft.published_on = timezone.localdate()
    draft.save()
    assert charter.current_version() == draft
    assert "with Roma residents" in client.get("/en/mishto/pledges/").content.decode()
    old = client.get("/en/mishto/pledges/v1/").content.decode()
    assert "kept for councils that signed it" in old and "with Roma residents" not in old


def test_no_published_charter_means_no_page(client):
    CharterVersion.objects.update(published_on=None)
    assert client.get("/en/mishto/pledges/").status_code == 404
    assert "/mishto/pledges/" not in client.get("/sitemap.xml").content.decode()


def test_the_sitemap_lists_the_pledges_in_every_language(client):
    body = client.get("/sitemap.xml").content.decode()
    for language in ("en", "sk", "ro"):
        assert f"/{language}/mishto/pledges/</loc>" in body


@override_settings(PAGE_CACHE_ENABLED=True)
def test_editing_a_pledge_clears_the_cached_page(client):
    assert client.get("/en/mishto/pledges/").status_code == 200
    assert client.get("/en/mishto/pledges/")["X-Page-Cache"] == "hit"
    pledge = charter.current_version().pledges.get(number=4)
    pledge.title = "Grow the cultural competence of staff"
    pledge.save()
    assert "Grow the cultural competence of staff" in client.get("/en/mishto/pledges/").content.decode()


@pytest.mark.parametrize("url,expected", [("/services/", "/sk/services/"), ("https://example.org/x", "https://example.org/x"),
                                          ("//evil.example/", "//evil.example/"), ("", "")])
def test_links_on_the_hub_get_the_readers_language(url, expected):
    assert charter.link_for(url, "sk") == expected


@pytest.mark.parametrize("role,can_view,can_add", [
    (None, False, False), ("Translators", True, False), ("Editors", True, True), ("Moderators", True, True),
])
def test_charter_admin_by_role(client, django_user_model, role, can_view, can_add):
    if role:
        user = django_user_model.objects.create_user("person", password="a long pass phrase 1")
        user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
    for model in ("charterversion", "pledge"):
        listing = client.get(f"/admin/snippets/mishto/{model}/")
        assert (listing.status_code == 200) == can_view, (model, listing.status_code)
        add = client.get(f"/admin/snippets/mishto/{model}/add/")
        assert (add.status_code == 200) == can_add, (model, add.status_code)
