"""The site's addresses, and which of them the anonymous page cache and the locale redirect leave
alone (romahub/core/middleware.py reads UNCACHED_PREFIXES, UNPREFIXED_PREFIXES and MAP_PATHS here)."""

import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from romahub.core import two_factor
from romahub.core import views as core_views
from romahub.pages import serving
from romahub.pages import views as page_views
from romahub.site import views as site_views
from romahub.site.sitemaps import SITEMAPS

ADMIN = settings.ADMIN_PATH_PREFIX.strip("/") + "/"

# Answers that depend on who asks, or are files: never served from the anonymous page cache.
personal = [
    path(f"{ADMIN}two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path(f"{ADMIN}two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path(f"{ADMIN}two-factor/link/", two_factor.open_link, name="two_factor_link"),
    path(ADMIN, include(wagtailadmin_urls)),
    path("django-admin/", RedirectView.as_view(url=settings.ADMIN_PATH_PREFIX, permanent=False)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/<str:language>/", core_views.switch_language, name="switch-language"),
]
# JSON outside the language prefix: a 404 stays a 404, never a redirect to /en/.
apis = [
    path("api/", include([path("oruk/", include("romahub.directory.api_urls")), path("mishto/", include("romahub.mishto.api_urls"))])),
]
directory = path("services/", include("romahub.directory.urls"))
mishto = path("mishto/", include("romahub.mishto.urls"))

urlpatterns = personal + [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS, "template_name": "site/sitemap.xml",
                                  "content_type": "application/xml; charset=utf-8"}, name="sitemap"),
    path("robots.txt", site_views.robots, name="robots"),
] + apis

# Wagtail's own addresses, its page view replaced by one that finds pages in the outline
# (romahub/pages/serving.py) under the same name, so Wagtail's links to pages are unchanged.
pages = [pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", "") != "wagtail_serve"]
pages.append(re_path(wagtail_urls.serve_pattern, serving.serve, name="wagtail_serve"))

urlpatterns += i18n_patterns(
    path("search/", page_views.search, name="search"),
    path("conference/", include("romahub.conference.urls")),
    directory,
    mishto,
    path("resources/", include("romahub.resources.urls")),
    path("", include("romahub.advocacy.urls")),
    path("", include(pages)),
    prefix_default_language=True,
)


def _prefix(pattern) -> str:
    return "/" + str(pattern.pattern).split("<")[0]


UNCACHED_PREFIXES = tuple(_prefix(p) for p in personal) + (settings.STATIC_URL, settings.MEDIA_URL)
UNPREFIXED_PREFIXES = tuple(_prefix(p) for p in apis)
# Pages that may draw a map (their tiles' host is allowed by the CSP): the directory, and the Mishto register.
MAP_PATHS = re.compile(rf"^/[a-z]{{2}}/({re.escape(str(directory.pattern))}|{re.escape(str(mishto.pattern))}$)")

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "romahub.core.views.page_not_found"
handler500 = "romahub.core.views.server_error"
