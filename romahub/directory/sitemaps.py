"""The directory's part of the sitemap: its search and every listed service, in every language."""

from romahub.core.sitemaps import ViewsInEveryLanguage
from romahub.directory.models import Service


class DirectorySitemap(ViewsInEveryLanguage):
    def items(self):
        services = Service.objects.listed().only("id", "last_modified").order_by("name")
        return [("directory:search", (), None)] + [("directory:service", (s.pk,), s.last_modified) for s in services]
