"""The resources library: guides, forms, law, research and training that the hub points to.

A resource's title stays in its original language; the summary is the hub's own words and is
translated with wagtail-localize like every other piece of content. Audiences and languages are
stored as delimited codes (",lawyers,parents,") so that a filter is a single LIKE on any
database, with no join.

Only the summary is translated. Every fact a reader filters or relies on (cost, audiences,
kind, link) is read from the row in the default language, so a translation that has not been
synchronised yet can never show a paid resource as free (see romahub.resources.library).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from romahub.core.moderation import PublicQuerySet

AUDIENCES = [
    ("parents", _("Parents and families")),
    ("advocates", _("Advocates")),
    ("social-workers", _("Social workers")),
    ("carers", _("Foster and kinship carers")),
    ("lawyers", _("Lawyers")),
    ("councils", _("Councils")),
]
KINDS = [
    ("guide", _("Guide or leaflet")),
    ("template", _("Template or form")),
    ("training", _("Training course")),
    ("legislation", _("Legislation")),
    ("statutory-guidance", _("Statutory guidance")),
    ("case-law", _("Case law")),
    ("research", _("Research report")),
    ("media", _("Video or audio")),
    ("toolkit", _("Toolkit")),
]
COSTS = [
    ("free", _("Free")),
    ("free-registration", _("Free with registration")),
    ("paid", _("Paid")),
    ("subscription", _("Subscription")),
]

# What a cost means for the reader, said next to every resource that is not simply free.
COST_EXPLANATIONS = {
    "free-registration": _("Free, but you must sign up and give your details first."),
    "paid": _("You have to pay to read or use this."),
    "subscription": _(
        "Only for people or organisations that pay a subscription, such as a law firm or a library."
    ),
}


def codes(value: str) -> list[str]:
    return [code for code in value.strip(",").split(",") if code]


def delimited(values) -> str:
    values = [value for value in values if value]
    return f",{','.join(values)}," if values else ""


class Resource(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, models.Model):
    """A resource in the library. Edits are drafts until published (romahub/core/moderation.py)."""

    title = models.CharField(_("title, in its original language"), max_length=300)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        help_text=_("Part of the link to this resource. The same in every language."),
    )
    title_language = models.CharField(_("language of the title"), max_length=8, default="en")
    summary = models.TextField(_("summary in the hub's words"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("or a document"),
    )
    publisher = models.CharField(_("publisher"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    audiences = models.CharField(_("who it is for"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    languages = models.CharField(
        _("languages it is available in"),
        max_length=100,
        default=",en,",
        help_text=_("ISO 639 codes, such as en, ro, sk, rom."),
    )
    cost = models.CharField(_("cost"), max_length=20, choices=COSTS)
    price = models.CharField(
        _("approximate price"), max_length=100, blank=True, help_text=_("For paid resources, such as £45.")
    )
    needs_login = models.BooleanField(_("needs a login"), default=False)
    source = models.CharField(
        _("where the details come from"), max_length=300, help_text=_("The public page or document you read.")
    )
    last_checked = models.DateField(
        _("last checked on"),
        null=True,
        blank=True,
        help_text=_("The day someone read the public page. Never a guess."),
    )
    checked_by = models.CharField(_("checked by"), max_length=100, blank=True)
    editor_note = models.TextField(
        _("note for editors"), blank=True,
        help_text=_("Never shown to readers: what is not confirmed yet and how the details were found."),
    )
    # Link health, written by `manage.py check_resource_links`, never at request time.
    link_status = models.PositiveSmallIntegerField(_("link status"), null=True, blank=True)
    link_problem = models.CharField(_("link problem"), max_length=200, blank=True)
    link_moved_to = models.URLField(_("link moved to"), max_length=500, blank=True)
    link_checked_at = models.DateTimeField(_("link checked at"), null=True, blank=True)

    # Kept per language and never copied by wagtail-localize: a Slovak summary is reviewed on its own.
    community_reviewed = models.BooleanField(
        _("checked by a community reviewer"),
        default=False,
        help_text=_("Tick when a community reviewer has read this language's summary."),
    )

    # The full list, not overrides: fields left out (the review flag) are never synchronised.
    translatable_fields = [
        TranslatableField("summary"),
        *(
            SynchronizedField(name)
            for name in (
                "title",
                "slug",
                "title_language",
                "url",
                "document",
                "publisher",
                "year",
                "audiences",
                "kind",
                "languages",
                "cost",
                "price",
                "needs_login",
                "source",
                "last_checked",
                "checked_by",
                "editor_note",
                "link_status",
                "link_problem",
                "link_moved_to",
                "link_checked_at",
            )
        ),
    ]

    objects = PublicQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        permissions = [("change_english_resource", _("Can change English resources"))]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_resource_slug")]

    def __str__(self):
        return self.title

    @property
    def audience_codes(self) -> list[str]:
        return codes(self.audiences)

    @property
    def language_codes(self) -> list[str]:
        return codes(self.languages)

    @property
    def link(self) -> str:
        return self.url or (self.document.url if self.document_id else "")

    @property
    def cost_explanation(self) -> str:
        return COST_EXPLANATIONS.get(self.cost, "")

    @property
    def is_free(self) -> bool:
        return self.cost == "free"

    @property
    def link_is_broken(self) -> bool:
        return bool(self.link_problem) or (self.link_status is not None and self.link_status >= 400)
