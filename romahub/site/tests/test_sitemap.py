"""The sitemap from one sitemaps.py per app: every URL and hreflang alternate the hand-built
sitemap gave (the rule it followed is restated here, from the models), minus services no longer listed."""

import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from romahub.directory.models import Service
from romahub.mishto.charter import current_version
from romahub.mishto.models import Participation
from romahub.resources.library import sources

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


def served(client) -> dict[str, frozenset]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 (the hub's own answer, not untrusted input)
    return {
        url.findtext("s:loc", namespaces=NS): frozenset(
            (link.get("hreflang"), link.get("href")) for link in url.findall("x:link", NS)
        )
        for url in root.findall("s:url", NS)
    }


def expected() -> dict[str, frozenset]:
    """The hand-built sitemap's rule: live public pages grouped by translation, then the named views."""
    entries = {}
    groups: dict = {}
    for page in Page.objects.live().public().filter(depth__gt=1).select_related("locale"):
        url = page.get_url()
        if url:
            groups.setdefault(page.translation_key, []).append((page.locale.language_code, HOST + url))
    for group in groups.values():
        for _code, url in group:
            entries[url] = frozenset(group)
    targets = [("mishto:pledges", ())] if current_version() else []
    targets += [("mishto:register", ())]
    targets += [("mishto:authority", (slug,)) for slug in Participation.objects.values_list("authority__slug", flat=True)]
    targets += [("directory:search", ())] + [("directory:service", (pk,)) for pk in Service.objects.listed().values_list("pk", flat=True)]
    targets += [("resources:library", ())] + [("resources:resource", (slug,)) for slug in sources().values_list("slug", flat=True)]
    for name, args in targets:
        alternates = []
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                alternates.append((code, HOST + reverse(name, args=args)))
        for _code, url in alternates:
            entries[url] = frozenset(alternates)
    return entries


@pytest.mark.django_db
def test_the_sitemap_has_every_url_and_alternate_of_the_rule_it_replaced(client):
    assert served(client) == expected()
    assert len(expected()) > 500  # the starter content: pages, services and resources in three languages


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["inactive", "defunct"])
def test_a_service_no_longer_listed_leaves_the_sitemap_and_its_page_says_so(client, status):
    service = Service.objects.listed().order_by("name").first()
    page = f"/en/services/{service.pk}/"
    assert client.get(page).status_code == 200 and any(page in url for url in served(client))
    service.status = status
    service.save(update_fields=["status"])  # as an editor's publish would: the caches start again
    assert not any(page in url for url in served(client))
    gone = client.get(page)
    assert gone.status_code == 404
    assert "This service is no longer listed" in gone.content.decode()
    sk = client.get(f"/sk/services/{service.pk}/")
    assert sk.status_code == 404 and "lang=\"sk\"" in sk.content.decode()
    assert client.get(f"/en/services/{service.pk}/report/").status_code == 404
    assert client.get(f"/api/oruk/services/{service.pk}").status_code == 404
    listed_ids = {row["id"] for row in client.get("/api/oruk/services", {"per_page": 200}).json()["contents"]}
    assert str(service.pk) not in listed_ids


@pytest.mark.django_db
def test_an_unknown_service_is_still_the_plain_not_found_page(client):
    response = client.get("/en/services/00000000-0000-4000-8000-000000000000/")
    assert response.status_code == 404 and "This service is no longer listed" not in response.content.decode()


def test_robots_names_the_admin_path_and_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert f"Disallow: {settings.ADMIN_PATH_PREFIX}\n" in body and "Sitemap: http://testserver/sitemap.xml" in body
