from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from romahub.mishto import workflow
from romahub.mishto.admin_views import AuthorityReviewView, InviteView, NewVersionView, QueueView
from romahub.mishto.models import CharterVersion, JoinRequest, Pledge


def _in_three_languages(field: str, heading):
    return MultiFieldPanel([FieldPanel(field), FieldPanel(f"{field}_sk"), FieldPanel(f"{field}_ro")], heading=heading)


class CharterVersionViewSet(SnippetViewSet):
    model = CharterVersion
    icon = "doc-full"
    menu_label = _("Charter versions")
    list_display = [
        TitleColumn("title", label=_("version"), accessor="__str__",
                    get_url=lambda version: reverse("wagtailsnippets_mishto_charterversion:edit", args=[version.pk])),
        "published_on",
        TitleColumn("new_version", label=_("change the pledges"), accessor=lambda version: _("Start a new version from this one"),
                    get_url=lambda version: reverse("mishto_new_version", args=[version.pk])),
    ]
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


class JoinRequestViewSet(SnippetViewSet):
    """Councils asking to join, from the public form: read, answered by invitation, then deleted."""

    model = JoinRequest
    icon = "mail"
    menu_label = _("Requests to join")
    list_display = ["authority", "name", "role", "email", "created_at"]
    panels = [FieldPanel("authority", read_only=True), FieldPanel("name", read_only=True), FieldPanel("role", read_only=True),
              FieldPanel("email", read_only=True), FieldPanel("message", read_only=True), FieldPanel("language", read_only=True)]


class MishtoGroup(SnippetViewSetGroup):
    items = (CharterVersionViewSet, PledgeViewSet, JoinRequestViewSet)
    menu_icon = "tick-inverse"
    menu_label = _("Mishto")
    menu_order = 320


register_snippet(MishtoGroup)


@hooks.register("register_admin_urls")
def mishto_review_urls():
    return [
        path("mishto/reviews/", QueueView.as_view(), name="mishto_review_queue"),
        path("mishto/reviews/<int:pk>/", AuthorityReviewView.as_view(), name="mishto_review_authority"),
        path("mishto/invite/", InviteView.as_view(), name="mishto_invite"),
        path("mishto/charter/<int:pk>/new-version/", NewVersionView.as_view(), name="mishto_new_version"),
    ]


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request):
        return workflow.is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def mishto_reviews_menu_item():
    return ReviewerMenuItem(_("Mishto reviews"), reverse("mishto_review_queue"), icon_name="tick-inverse", order=330)


@hooks.register("register_admin_menu_item")
def mishto_invite_menu_item():
    return ReviewerMenuItem(_("Invite a council officer"), reverse("mishto_invite"), icon_name="mail", order=331)
