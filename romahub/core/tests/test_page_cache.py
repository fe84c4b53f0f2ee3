import pytest
from django.conf import settings

from romahub.core.middleware import PAGE_CACHE_HEADER
from romahub.pages.tests.factories import section


@pytest.mark.django_db
def test_anonymous_pages_come_from_the_cache_until_publish(client):
    page = section("advocates")
    first = client.get(page.url)
    assert first[PAGE_CACHE_HEADER] == "miss"
    second = client.get(page.url)
    assert second[PAGE_CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]

    page.title = "Advocates and community workers"
    page.save_revision().publish()
    third = client.get(page.url)
    assert third[PAGE_CACHE_HEADER] == "miss"
    assert "Advocates and community workers" in third.content.decode()


@pytest.mark.django_db
def test_glossary_change_invalidates_pages(client):
    from romahub.pages.models import GlossaryTerm

    url = section("parents").url
    client.get(url)
    assert client.get(url)[PAGE_CACHE_HEADER] == "hit"
    term = GlossaryTerm.objects.filter(locale__language_code="en").first()
    term.definition += " More."
    term.save()
    assert client.get(url)[PAGE_CACHE_HEADER] == "miss"


@pytest.mark.django_db
def test_signed_in_editors_and_admin_never_use_the_cache(client, django_user_model):
    url = section("parents").url
    client.get(url)
    user = django_user_model.objects.create_superuser("ed", "ed@example.org", "a-long-enough-password-1")
    client.force_login(user)
    assert PAGE_CACHE_HEADER not in client.get(url)
    assert PAGE_CACHE_HEADER not in client.get("/admin/")
    assert settings.SESSION_COOKIE_NAME in client.cookies
