"""Partners in the admin: superusers only (no editorial role is granted them, see permissions.py)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from romahub.advocacy import admin_views
from romahub.advocacy.admin_forms import PartnerForm
from romahub.advocacy.models import Partner, PartnerMember

KEY_WARNING = _(
    "The partner's key is made in its administrator's browser, at /en/partner/key/, and locked with a passphrase "
    "the hub never sees. If the partner loses both the passphrase and the recovery key shown at set-up, the requests "
    "sealed to that key can never be read, by anyone. Nobody here can reset it."
)


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    list_display = ["__str__", "accepting", "weekly_capacity", "has_key"]
    edit_handler = ObjectList([
        FieldPanel("organization"),
        MultiFieldPanel([FieldPanel("areas"), FieldPanel("national")], heading=_("Where it takes requests from")),
        MultiFieldPanel([FieldPanel("languages"), FieldPanel("romani_note")], heading=_("Languages")),
        MultiFieldPanel([FieldPanel("accepting"), FieldPanel("weekly_capacity")], heading=_("Taking requests")),
        MultiFieldPanel([FieldPanel("public_phone"), FieldPanel("public_email"), FieldPanel("public_hours")],
                        heading=_("Contact shown to families")),
        HelpPanel(content=KEY_WARNING, heading=_("The partner's key")),
    ], base_form_class=PartnerForm)


class PartnerMemberViewSet(SnippetViewSet):
    model = PartnerMember
    icon = "user"
    menu_label = _("Partner staff")
    list_display = ["user", "partner", "is_admin"]
    panels = [FieldPanel("partner"), FieldPanel("user"), FieldPanel("is_admin"), FieldPanel("language")]


class AdvocacyGroup(SnippetViewSetGroup):
    items = (PartnerViewSet, PartnerMemberViewSet)
    menu_icon = "help"
    menu_label = _("Help requests")
    menu_name = "advocacy"


register_snippet(AdvocacyGroup)


class CountsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.sees_counts(request.user)


@hooks.register("register_admin_urls")
def register_counts_url():
    return [path("reports/help-requests/", admin_views.counts, name="advocacy_counts")]


@hooks.register("register_reports_menu_item")
def register_counts_menu_item():
    return CountsMenuItem(_("Help requests: counts"), reverse("advocacy_counts"), icon_name="help", order=710)
