"""The pages app's part of the sitemap (assembled in romahub/site/sitemaps.py)."""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PageSitemap(Sitemap):
    """Every live public page in every language; its translations are its hreflang alternates
    (each language has its own page, with its own slug, so Django's i18n sitemap cannot say so)."""

    def items(self):
        pages = []
        for page in (
            Page.objects.live().public().filter(depth__gt=1).select_related("locale")
            .order_by("translation_key", "locale__language_code")
        ):
            parts = page.get_url_parts()
            if parts:  # a page outside every site has no address
                page.sitemap_path = parts[2]
                pages.append(page)
        return pages

    def location(self, page):
        return page.sitemap_path

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        translations = defaultdict(list)
        for url in urls:
            translations[url["item"].translation_key].append(url)
        for group in translations.values():
            alternates = [{"location": url["location"], "lang_code": url["item"].locale.language_code} for url in group]
            for url in group:
                url["alternates"] = alternates
        return urls
