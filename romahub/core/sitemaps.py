"""Sitemap building blocks that know no app: a named view in every language, with alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ViewsInEveryLanguage(Sitemap):
    """Items are (URL name, args, last modified or None); each is listed once per language, and
    every language's address is given as an hreflang alternate of the others."""

    i18n = True
    alternates = True

    def location(self, item):
        name, args, _lastmod = item
        return reverse(name, args=args)

    def lastmod(self, item):
        return item[2]
