import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from romahub.pages.search import MAX_QUERY_LENGTH, clean_query, search_hub, search_words


def test_clean_query():
    assert clean_query("  child\x00  protection\n ") == "child protection"
    assert clean_query(None) == ""
    assert len(clean_query("a" * 5000)) == MAX_QUERY_LENGTH


def test_search_words_drop_full_text_syntax():
    assert search_words('a "b') == ["a", "b"]
    assert search_words('"') == []
    assert search_words("conf* NEAR(core group) OR -plan ^x col:umn") == [
        "conf", "near", "core", "group", "or", "plan", "x", "col", "umn",
    ]
    assert search_words("Conferința ȘI plán") == ["conferința", "și", "plán"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
@pytest.mark.parametrize("query", ['"', 'a "b', "conference*", "NEAR(plan", "plan OR", "- plan", "AND", "(", "^", "col:x"])
def test_search_page_takes_full_text_operators_as_plain_text(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.django_db
def test_search_with_operators_still_finds_the_words():
    english = Locale.objects.get(language_code="en")
    assert search_hub('"conference', english).pages
    assert search_hub("conference OR", english).pages


@pytest.mark.django_db
def test_search_finds_pages_in_the_readers_language_only():
    english = search_hub("conference", Locale.objects.get(language_code="en"))
    assert english.pages
    assert all(page.locale.language_code == "en" for page in english.pages)
    romanian = search_hub("conferința", Locale.objects.get(language_code="ro"))
    assert romanian.pages
    assert all(page.locale.language_code == "ro" for page in romanian.pages)


@pytest.mark.django_db
def test_search_finds_glossary_terms():
    results = search_hub("core group", Locale.objects.get(language_code="en"))
    assert any(term.slug == "core-group" for term in results.terms)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_search_page_renders_results_in_language(client, language):
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, {"q": "plan"})
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.content.decode()
    assert 'class="result-count"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,expected",
    [("en", "We found nothing for"), ("sk", "Pre „"), ("ro", "Nu am găsit nimic")],
)
def test_no_results_page_is_helpful_and_translated(client, language, expected):
    with translation.override(language):
        url = reverse("search")
    response = client.get(url, {"q": "zzqxv"})
    body = response.content.decode()
    assert response.status_code == 200
    assert expected in body
    assert "0808 801 0366" in body
    assert "glossary" in body or "slovnik" in body or "glosar" in body


@pytest.mark.django_db
def test_empty_search_shows_the_prompt(client):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "Type a word or a question" in response.content.decode()
