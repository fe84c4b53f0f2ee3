from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from romahub.mishto.models import CharterVersion, Pledge


def _in_three_languages(field: str, heading):
    return MultiFieldPanel([FieldPanel(field), FieldPanel(f"{field}_sk"), FieldPanel(f"{field}_ro")], heading=heading)


class CharterVersionViewSet(SnippetViewSet):
    model = CharterVersion
    icon = "doc-full"
    menu_label = _("Charter versions")
    list_display = ["__str__", "title", "published_on"]
    panels = [
        FieldPanel("number"),
        _in_three_languages("title", _("Title")),
        _in_three_languages("introduction", _("Introduction")),
        InlinePanel("values", label=_("Values")),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("source_url")], heading=_("Where the text comes from")),
        FieldPanel("published_on"),
        FieldPanel("translations_reviewed"),
    ]


class PledgeViewSet(SnippetViewSet):
    model = Pledge
    icon = "tick-inverse"
    menu_label = _("Pledges")
    list_display = ["__str__", "version"]
    list_filter = ["version"]
    panels = [
        FieldPanel("version"),
        FieldPanel("number"),
        _in_three_languages("title", _("Pledge")),
        InlinePanel("actions", label=_("Actions")),
        InlinePanel("activities", label=_("Supporting activities and resources")),
    ]


class MishtoGroup(SnippetViewSetGroup):
    items = (CharterVersionViewSet, PledgeViewSet)
    menu_icon = "tick-inverse"
    menu_label = _("Mishto")
    menu_order = 320


register_snippet(MishtoGroup)
