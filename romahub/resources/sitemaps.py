"""The resources library's part of the sitemap: the library and every resource, in every language."""

from romahub.core.sitemaps import ViewsInEveryLanguage
from romahub.resources.library import sources


class ResourcesSitemap(ViewsInEveryLanguage):
    def items(self):
        slugs = sources().order_by("slug").values_list("slug", flat=True)
        return [("resources:library", (), None)] + [("resources:resource", (slug,), None) for slug in slugs]
