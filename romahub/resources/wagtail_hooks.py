from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from romahub.core.moderation import EnglishRowsViewSetMixin, register_english_rows_policy
from romahub.resources.models import AUDIENCES, Resource, codes, delimited


class ResourceForm(WagtailAdminModelForm):
    """Audiences as checkboxes, kept in the model as delimited codes."""

    audience_choices = forms.MultipleChoiceField(
        label=_("Who it is for"), choices=AUDIENCES, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience_choices"].initial = codes(self.instance.audiences or "")
        self.fields["languages"].initial = ", ".join(codes(self.instance.languages or ""))
        if "slug" in self.fields:
            self.fields["slug"].required = False  # made from the title when left empty

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = slugify(cleaned["title"])[:80].strip("-") or "resource"
        return cleaned

    def clean_languages(self):
        return delimited(
            code.strip().lower() for code in self.cleaned_data["languages"].replace(",", " ").split()
        )

    def save(self, commit=True):
        self.instance.audiences = delimited(self.cleaned_data.get("audience_choices") or [])
        return super().save(commit=commit)


def link_health(resource) -> str:
    if resource.link_checked_at is None:
        return "—"
    if resource.link_moved_to:
        return str(_("moved to %(url)s")) % {"url": resource.link_moved_to}
    return resource.link_problem or str(_("working"))


def review_state(resource) -> str:
    return str(_("checked") if resource.community_reviewed else _("awaiting community review"))


class ResourceViewSet(EnglishRowsViewSetMixin, SnippetViewSet):
    model = Resource
    icon = "link"
    menu_label = _("Resources")
    menu_order = 330
    add_to_admin_menu = True
    list_display = [
        "title",
        "publisher",
        "kind",
        "cost",
        Column("link", label=_("link health"), accessor=link_health),
        Column("review", label=_("community review"), accessor=review_state),
    ]
    list_filter = ["kind", "cost", "needs_login", "community_reviewed", "locale"]
    search_fields = ["title", "summary", "publisher"]
    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("title_language"),
        FieldPanel("summary"),
        FieldPanel("community_reviewed"),
        MultiFieldPanel([FieldPanel("url"), FieldPanel("document")], heading=_("Where to find it")),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("year")]),
        FieldPanel("audience_choices"),
        FieldPanel("kind"),
        FieldPanel("languages"),
        MultiFieldPanel(
            [FieldPanel("cost"), FieldPanel("price"), FieldPanel("needs_login")], heading=_("Cost")
        ),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("editor_note"), FieldRowPanel([FieldPanel("last_checked"), FieldPanel("checked_by")])],
            heading=_("Where the details come from"),
        ),
    ]


Resource.base_form_class = ResourceForm
register_english_rows_policy(Resource)
register_snippet(ResourceViewSet)
