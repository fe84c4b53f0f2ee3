"""Each editorial role against each private URL and each publishing right."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from romahub.core.roles import EDITORS, MODERATORS, TRANSLATORS
from romahub.pages.models import GuidePage

PASSWORD = "a-long-enough-password-1"


@pytest.fixture
def users(django_user_model):
    made = {}
    for role, group in (("editor", EDITORS), ("moderator", MODERATORS), ("translator", TRANSLATORS)):
        user = django_user_model.objects.create_user(role, f"{role}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        made[role] = user
    made["superuser"] = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    made["plain"] = django_user_model.objects.create_user("plain", "plain@example.org", PASSWORD)
    return made


def english_and_slovak_guide():
    english = GuidePage.objects.filter(locale__language_code="en").first()
    return english, english.get_translation(Locale.objects.get(language_code="sk"))


PRIVATE_URLS = [
    "/admin/", "/admin/pages/", "/admin/reports/translation-status/", "/admin/snippets/pages/glossaryterm/",
    "/admin/snippets/resources/resource/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_anonymous_readers_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_accounts_without_a_role_cannot_enter_the_admin(client, users, url):
    client.force_login(users["plain"])
    assert client.get(url).status_code in (302, 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["editor", "moderator", "translator", "superuser"])
@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_every_role_reaches_the_admin(client, users, role, url):
    client.force_login(users[role])
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,publish_english,publish_slovak,edit_english",
    [
        ("editor", False, False, True),  # Editors submit for moderation
        ("moderator", True, True, True),
        ("translator", False, True, False),  # translate and publish Slovak and Romanian, never English
        ("superuser", True, True, True),
    ],
)
def test_publishing_rights(users, role, publish_english, publish_slovak, edit_english):
    english, slovak = english_and_slovak_guide()
    user = users[role]
    assert english.permissions_for_user(user).can_publish() is publish_english
    assert slovak.permissions_for_user(user).can_publish() is publish_slovak
    assert english.permissions_for_user(user).can_edit() is edit_english


@pytest.mark.django_db
@pytest.mark.parametrize("role,allowed", [("translator", False), ("editor", True), ("moderator", True)])
def test_only_editors_and_moderators_record_community_review(client, users, role, allowed):
    from romahub.pages.models import CommunityReview

    _, slovak = english_and_slovak_guide()
    client.force_login(users[role])
    response = client.post(f"/admin/reports/translation-status/review/{slovak.pk}/")
    assert CommunityReview.objects.filter(page=slovak).exists() is allowed
    if allowed:
        assert response["Location"] == "/admin/reports/translation-status/"
    else:
        # Wagtail answers a refused admin action by sending the user back to the dashboard.
        assert response.status_code == 403 or response["Location"] == "/admin/"


@pytest.mark.django_db
def test_review_endpoint_refuses_get(client, users):
    _, slovak = english_and_slovak_guide()
    client.force_login(users["moderator"])
    assert client.get(f"/admin/reports/translation-status/review/{slovak.pk}/").status_code == 405
