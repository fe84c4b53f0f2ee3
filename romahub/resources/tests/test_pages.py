"""The public library, the resource pages and the audience sections' lists, in three languages."""

import datetime
import json
import re

import pytest
from django.utils import timezone
from wagtail.models import Locale

from romahub.pages.models import SectionPage
from romahub.resources.models import Resource
from romahub.resources.tests.conftest import resource, translate

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def listed(body) -> list[str]:
    return re.findall(r'class="result__title"><a href="[^"]+"[^>]*>([^<]+)</a>', body)


def test_library_lists_every_resource_with_the_count(client, shelf):
    body = page(client, "/en/resources/")
    assert sorted(listed(body)) == sorted(r.title for r in shelf.values())
    assert "5 resources found" in body


@pytest.mark.parametrize("query,expected", [
    ("audience=lawyers", ["A practitioner text", "Children Act 1989", "Law reports"]),
    ("kind=training", ["Cultural awareness course"]),
    ("language=ro", ["Child protection: a guide for parents"]),
    ("audience=lawyers&free=on", ["Children Act 1989"]),
    ("audience=social-workers&kind=legislation", ["Children Act 1989"]),
    ("q=practitioner", ["A practitioner text"]),
    ("q=nothing+like+this", []),
])
def test_filters_are_shareable_urls(client, shelf, query, expected):
    body = page(client, f"/en/resources/?{query}")
    assert listed(body) == expected
    assert f"{len(expected)} resource" in body


def test_nothing_paid_is_listed_as_free_and_paid_is_labelled(client, shelf):
    free = page(client, "/en/resources/?free=on")
    assert "A practitioner text" not in free and "Law reports" not in free and "Cultural awareness course" not in free
    everything = page(client, "/en/resources/")
    assert 'cost-label cost-label--paid">Paid · £95' in everything
    assert "You have to pay to read or use this." in everything
    assert "Free, but you must sign up and give your details first." in everything
    assert "You need an account to read it" in everything


def test_a_bad_filter_is_explained_in_the_readers_language(client, shelf):
    body = page(client, "/sk/resources/?audience=robots")
    assert "error-summary" in body and "resources found" not in body
    assert "Vyberte platnú voľbu" in body


def test_slovak_readers_get_slovak_summaries_and_english_where_none_exists(client, shelf):
    translate(shelf["guide"], "sk", "Sprievodca pre rodičov o ochrane detí.")
    body = page(client, "/sk/resources/")
    assert "<p>Sprievodca pre rodičov o ochrane detí.</p>" in body
    assert '<p lang="en">Children Act 1989: a summary' in body  # untranslated: marked as English
    assert page(client, "/sk/resources/?q=sprievodca").count('class="result__title"') == 1


def test_facts_always_come_from_the_source_row(client, shelf):
    # A Slovak copy that was never synchronised still says "free": the reader must see "paid".
    translate(shelf["book"], "sk", "Príručka pre právnikov.", cost="free", price="")
    assert listed(page(client, "/sk/resources/?free=on")) == ["Child protection: a guide for parents", "Children Act 1989"]
    assert "cost-label--paid" in page(client, "/sk/resources/a-practitioner-text/")


def test_resource_page_has_a_citation_and_json_ld(client, shelf):
    body = page(client, "/en/resources/a-practitioner-text/")
    today = timezone.localdate()
    assert f"Example publisher (no date) A practitioner text. Available at: https://example.org/x (Accessed: {today.day} " in body
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    assert data["@type"] == "CreativeWork" and data["name"] == "A practitioner text"
    assert data["isAccessibleForFree"] is False and data["offers"]["description"] == "£95"
    assert data["publisher"]["name"] == "Example publisher" and data["inLanguage"] == ["en"]


def test_citation_dates_and_words_in_each_language(client, shelf):
    Resource.objects.filter(pk=shelf["act"].pk).update(year=1989, publisher="UK Parliament")
    body = page(client, "/sk/resources/children-act-1989/")
    assert "UK Parliament (1989) Children Act 1989. Dostupné na: https://example.org/x" in body
    assert '<h1 lang="en">Children Act 1989</h1>' in body
    month = {11: "novembra", 12: "decembra", 1: "januára"}.get(timezone.localdate().month)
    if month:
        assert f"{timezone.localdate().day}. {month}" in body
    assert "Disponibil la: https://example.org/x" in page(client, "/ro/resources/children-act-1989/")


def test_a_cached_resource_page_does_not_outlive_the_day(client, shelf):
    response = client.get("/en/resources/children-act-1989/")
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    tomorrow = timezone.make_aware(datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=1), datetime.time()))
    assert 0 < max_age <= (tomorrow - timezone.now()).total_seconds() + 1


def test_unknown_resource_is_404(client, shelf):
    assert client.get("/en/resources/no-such-thing/").status_code == 404


def test_resource_page_says_when_a_link_is_broken(client, shelf):
    Resource.objects.filter(pk=shelf["act"].pk).update(link_status=404, link_problem="HTTP 404")
    assert "This link did not work when the hub last checked it." in page(client, "/en/resources/children-act-1989/")


def section(slug, language="en"):
    return SectionPage.objects.get(slug=slug, locale=Locale.objects.get(language_code=language))


def headings(body) -> list[str]:
    found = re.search(r'<section aria-labelledby="resources-heading">(.*?)</section>', body, re.S)
    return re.findall(r"<h3 id=\"resources-[a-z-]+\">([^<]+)</h3>", found.group(1)) if found else []


def test_lawyers_section_groups_its_resources_by_kind(client, shelf):
    body = page(client, section("lawyers").url)
    assert headings(body) == ["Legislation and statutory guidance", "Case law", "Practice guides, templates and toolkits"]
    assert listed(body) == ["Children Act 1989", "Law reports", "A practitioner text"]
    assert "Interpreters and Romani dialects." in body  # the introduction on representing Roma parents
    assert "/en/resources/?audience=lawyers&amp;free=on" in body


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_every_section_lists_its_own_audience_without_code_per_section(client, shelf, language):
    for audience, expected in [("parents", ["Child protection: a guide for parents"]),
                               ("councils", ["Cultural awareness course"]),
                               ("social-workers", ["Children Act 1989", "Cultural awareness course"])]:
        assert listed(page(client, section(audience, language).url)) == expected
    assert headings(page(client, section("advocates", language).url)) == []  # nothing for advocates: no empty heading


def test_the_list_follows_the_sections_audience_setting(client, shelf):
    advocates = section("advocates")
    advocates.resource_audience = "lawyers"
    advocates.save_revision().publish()
    assert "Law reports" in page(client, advocates.url)


def test_sitemap_lists_the_library_and_each_resource_in_every_language(client, shelf):
    body = page(client, "/sitemap.xml")
    for language in ("en", "sk", "ro"):
        assert f"/{language}/resources/</loc>" in body
        assert f"/{language}/resources/children-act-1989/</loc>" in body


def test_changing_a_resource_refreshes_cached_pages(client, shelf, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert "Children Act 1989" in page(client, "/en/resources/")
    shelf["act"].title = "The Children Act 1989"
    shelf["act"].save()
    assert "The Children Act 1989" in page(client, "/en/resources/")


def test_home_page_points_to_the_library(client):
    assert 'href="/en/resources/"' in page(client, "/en/")


def test_library_pages_hold_twenty_and_keep_the_filters(client, shelf):
    for number in range(25):
        resource(f"Extra guide {number:02}", audiences=("parents",))
    first = page(client, "/en/resources/?audience=parents")
    assert "26 resources found" in first and len(listed(first)) == 20
    assert 'href="?audience=parents&amp;page=2" rel="next"' in first
    second = page(client, "/en/resources/?audience=parents&page=2")
    assert len(listed(second)) == 6 and '<ol class="results" start="21">' in second
    assert set(listed(first)).isdisjoint(listed(second))
    assert len(listed(page(client, "/en/resources/?audience=parents&page=99"))) == 6  # past the end: the last page
    assert len(listed(page(client, "/en/resources/?audience=parents&page=x"))) == 20
