from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from romahub.places.models import LocalAuthority


class LocalAuthorityViewSet(SnippetViewSet):
    model = LocalAuthority
    icon = "site"
    menu_label = _("Local authorities")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "region", "ons_code", "details_checked_on"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "ons_code"]


register_snippet(LocalAuthorityViewSet)
