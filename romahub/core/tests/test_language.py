import pytest
from django.conf import settings
from wagtail.models import Locale

from romahub.pages.models import GuidePage
from romahub.pages.tests.factories import make_guide


@pytest.mark.django_db
@pytest.mark.parametrize(
    "accept,expected",
    [("sk-SK,sk;q=0.9,en;q=0.5", "/sk/"), ("ro", "/ro/"), ("en-GB,en;q=0.9", "/en/"), ("fr-FR", "/en/"), ("", "/en/")],
)
def test_root_sends_first_time_visitor_to_their_browser_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
def test_root_remembers_a_chosen_language(client):
    response = client.get("/language/ro/", {"next": "/ro/"})
    assert response.status_code == 302 and response["Location"] == "/ro/"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "ro" and cookie["samesite"] == "Lax"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="sk").headers["Location"] == "/ro/"


@pytest.mark.django_db
def test_switch_language_refuses_other_hosts(client):
    response = client.get("/language/sk/", {"next": "https://evil.example/"})
    assert response["Location"] == "/sk/"
    assert client.get("/language/xx/", {"next": "/en/"})["Location"] == "/en/"


@pytest.mark.django_db
def test_switcher_and_hreflang_lead_to_the_same_page_in_each_language(client):
    guide = GuidePage.objects.live().filter(locale__language_code="en", slug="child-protection-conference").first()
    body = client.get(guide.url).content.decode()
    for code in ("sk", "ro"):
        translation = guide.get_translation(Locale.objects.get(language_code=code))
        assert f'hreflang="{code}" href="http://testserver{translation.url}"' in body
        assert f"next={translation.url.replace('/', '%2F')}" in body
    assert 'hreflang="x-default"' in body
    assert 'aria-current="true"' in body


@pytest.mark.django_db
def test_untranslated_page_shows_english_with_a_notice_in_the_readers_language(client):
    # A new English guide appears at once in Slovak and Romanian as a synchronised alias.
    from wagtail_localize.synctree import create_aliases_for_new_page

    guide = make_guide(slug="brand-new", title="A brand new guide")
    create_aliases_for_new_page(guide)
    alias = guide.get_translation(Locale.objects.get(language_code="sk"))
    assert alias.alias_of_id == guide.pk
    body = client.get(alias.url).content.decode()
    assert '<html lang="sk"' in body
    assert "A brand new guide" in body
    assert "Táto stránka ešte nie je preložená" in body
    assert '<article class="guide" lang="en">' in body
    ro_body = client.get(guide.get_translation(Locale.objects.get(language_code="ro")).url).content.decode()
    assert "Această pagină nu a fost încă tradusă" in ro_body


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,text",
    [("en", "Skip to main content"), ("sk", "Preskočiť na hlavný obsah"), ("ro", "Salt la conținutul principal")],
)
def test_locale_smoke(client, language, text):
    assert text in client.get(f"/{language}/").content.decode()


@pytest.mark.django_db
def test_a_fourth_language_is_settings_only(client, settings):
    # Czech added in settings alone: the switcher offers it and / sends Czech readers there.
    settings.LANGUAGES = [*settings.LANGUAGES, ("cs", "Čeština")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    Locale.objects.create(language_code="cs")
    body = client.get("/en/").content.decode()
    assert 'hreflang="cs"' in body and "Čeština" in body
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="cs").headers["Location"] == "/cs/"
