"""A council or social worker finds the Mishto scheme: from their sections, the footer and search."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_councils_and_social_workers_sections_link_the_register_and_the_pledges(client, language):
    for section in ("councils", "social-workers"):
        body = client.get(f"/{language}/{section}/").content.decode()
        main = body.split("<main", 1)[1].split("</main>", 1)[0]
        assert f'href="/{language}/mishto/"' in main, section
        assert f'href="/{language}/mishto/pledges/"' in main, section


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_every_footer_links_the_scheme(client, language):
    for path in (f"/{language}/", f"/{language}/services/", f"/{language}/conference/timeline/"):
        footer = client.get(path).content.decode().split('<footer', 1)[1]
        assert f'href="/{language}/mishto/"' in footer and f'href="/{language}/mishto/pledges/"' in footer, path


@pytest.mark.django_db
@pytest.mark.parametrize("language,query", [("en", "mishto"), ("sk", "Mishto"), ("ro", "mishto"), ("en", "quality mark")])
def test_search_finds_the_register_and_the_pledges(client, language, query):
    body = client.get(f"/{language}/search/", {"q": query}).content.decode()
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert f'href="/{language}/mishto/"' in main
    if query != "quality mark":
        assert f'href="/{language}/mishto/pledges/"' in main


@pytest.mark.django_db
def test_a_search_for_something_else_shows_no_tools(client):
    body = client.get("/en/search/", {"q": "glossary nonsenseword"}).content.decode()
    assert "tool-card" not in body.split("<main", 1)[1]
