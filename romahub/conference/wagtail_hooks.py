from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from romahub.conference.models import LocalRules


class LocalRulesViewSet(SnippetViewSet):
    model = LocalRules
    icon = "date"
    menu_label = _("Conference timescales")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["authority", "source"]
    search_fields = ["authority__name"]


register_snippet(LocalRulesViewSet)
