"""The Mishto scheme's part of the sitemap: the pledges (once a charter is published), the
register and every participating authority's page, in every language."""

from romahub.core.sitemaps import ViewsInEveryLanguage
from romahub.mishto.charter import current_version
from romahub.mishto.models import Participation


class MishtoSitemap(ViewsInEveryLanguage):
    def items(self):
        items = [("mishto:pledges", (), None)] if current_version() else []
        slugs = Participation.objects.order_by("authority__name").values_list("authority__slug", flat=True)
        return items + [("mishto:register", (), None)] + [("mishto:authority", (slug,), None) for slug in slugs]
