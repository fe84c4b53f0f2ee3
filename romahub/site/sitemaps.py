"""The sitemap: one part per app, in this order. A new app with public pages adds its own here."""

from romahub.directory.sitemaps import DirectorySitemap
from romahub.mishto.sitemaps import MishtoSitemap
from romahub.pages.sitemaps import PageSitemap
from romahub.resources.sitemaps import ResourcesSitemap

SITEMAPS = {
    "pages": PageSitemap,
    "mishto": MishtoSitemap,
    "directory": DirectorySitemap,
    "resources": ResourcesSitemap,
}
