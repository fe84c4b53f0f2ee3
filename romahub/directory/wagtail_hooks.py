from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from romahub.core.moderation import TranslatorFormMixin
from romahub.directory.admin_views import ReviewSuggestionView, coverage_report, review_url
from romahub.directory.models import Location, Organization, Service, Suggestion, TaxonomyTerm


class ServiceEditView(TranslatorFormMixin, EditView):
    """Translators see a service's English read-only and change only its Slovak and Romanian."""


class ServiceViewSet(SnippetViewSet):
    model = Service
    edit_view_class = ServiceEditView
    icon = "help"
    menu_label = _("Services")
    list_display = ["name", "organization", "status", "last_verified"]
    list_filter = ["status", "cost", "translations_reviewed"]
    search_fields = ["name", "description"]
    panels = [
        FieldPanel("organization"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("status"),
        MultiFieldPanel([
            FieldPanel("name_sk"), FieldPanel("description_sk"),
            FieldPanel("name_ro"), FieldPanel("description_ro"),
            FieldPanel("translations_reviewed"),
        ], heading=_("Slovak and Romanian")),
        FieldPanel("terms"),
        MultiFieldPanel([
            FieldPanel("url"), FieldPanel("email"), FieldPanel("messaging_url"),
            InlinePanel("phones", label=_("Phones")),
        ], heading=_("Contact")),
        InlinePanel("languages", label=_("Languages spoken")),
        MultiFieldPanel([FieldPanel("cost"), FieldPanel("fees"), FieldRowPanel([FieldPanel("minimum_age"), FieldPanel("maximum_age")])],
                        heading=_("Cost and ages")),
        InlinePanel("schedules", label=_("Opening hours")),
        InlinePanel("service_areas", label=_("Where it works")),
        InlinePanel("service_at_locations", label=_("Locations")),
        MultiFieldPanel([
            FieldPanel("source"), FieldRowPanel([FieldPanel("source_url"), FieldPanel("source_read_on")]),
            FieldPanel("editor_notes"),
            FieldRowPanel([FieldPanel("last_verified"), FieldPanel("verified_by")]),
        ], heading=_("Where the facts come from")),
    ]


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "website"]
    search_fields = ["name", "description"]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Locations")
    list_display = ["name", "address_1", "city", "postal_code", "address_note"]
    search_fields = ["name", "address_1", "city", "postal_code"]


class TaxonomyTermViewSet(SnippetViewSet):
    model = TaxonomyTerm
    icon = "tag"
    menu_label = _("Kinds of help")
    list_display = ["name", "taxonomy"]
    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("name_sk"), FieldPanel("description_sk"),
              FieldPanel("name_ro"), FieldPanel("description_ro"), FieldPanel("order")]


class SuggestionViewSet(SnippetViewSet):
    """The moderation queue: readers' suggestions, newest first; each title opens its review."""

    model = Suggestion
    icon = "mail"
    menu_label = _("Suggestions")
    list_display = [
        TitleColumn("title", label=_("suggestion"), accessor="__str__", get_url=review_url),
        Column("kind", label=_("kind"), accessor="get_kind_display"),
        Column("status", label=_("status"), accessor="get_status_display"),
        Column("language", label=_("sent in"), accessor="get_language_display"),
        DateColumn("created_at", label=_("sent")),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["name", "organisation", "details"]
    ordering = ["-created_at"]


class DirectoryGroup(SnippetViewSetGroup):
    items = (SuggestionViewSet, ServiceViewSet, OrganizationViewSet, LocationViewSet, TaxonomyTermViewSet)
    menu_icon = "help"
    menu_label = _("Directory")
    menu_order = 310


register_snippet(DirectoryGroup)


@hooks.register("register_admin_urls")
def suggestion_review_urls():
    return [
        path("directory/suggestions/<int:pk>/review/", ReviewSuggestionView.as_view(), name="directory_review_suggestion"),
        path("reports/directory-coverage/", coverage_report, name="directory_coverage"),
    ]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("directory.change_service")


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(_("Directory coverage"), reverse("directory_coverage"), icon_name="help", order=710)
