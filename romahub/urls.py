from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from romahub.core import two_factor
from romahub.core import views as core_views
from romahub.pages import views as page_views

urlpatterns = [
    path("admin/two-factor/setup/", two_factor.setup, name="two_factor_setup"),
    path("admin/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("admin/two-factor/link/", two_factor.open_link, name="two_factor_link"),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", RedirectView.as_view(url="/admin/", permanent=False)),
    path("documents/", include(wagtaildocs_urls)),
    path("language/<str:language>/", core_views.switch_language, name="switch-language"),
    path("sitemap.xml", page_views.sitemap, name="sitemap"),
    path("robots.txt", page_views.robots, name="robots"),
    path("api/oruk/", include("romahub.directory.api_urls")),
    path("api/mishto/", include("romahub.mishto.api_urls")),
]

urlpatterns += i18n_patterns(
    path("search/", page_views.search, name="search"),
    path("conference/", include("romahub.conference.urls")),
    path("services/", include("romahub.directory.urls")),
    path("mishto/", include("romahub.mishto.urls")),
    path("resources/", include("romahub.resources.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "romahub.core.views.page_not_found"
handler500 = "romahub.core.views.server_error"
