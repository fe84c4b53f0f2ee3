"""The hub's page types, glossary terms and the community-review record.

The page tree per language is: HomePage → SectionPage (six audiences) → GuidePage, plus a
GlossaryPage and InformationPages (about, accessibility, privacy) under the home page. Each
language has its own tree, kept in step by wagtail-localize.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.html import strip_tags
from django.utils.text import format_lazy, slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    Page,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from romahub.core.moderation import PublicQuerySet
from romahub.pages.blocks import GuideStreamBlock, SourceBlock, ToolLinkBlock
from romahub.resources.library import Filters, grouped, matching
from romahub.resources.models import AUDIENCES

INTRO_FEATURES = ["bold", "link", "ul", "ol"]
# Slugs are the same in every language (translations keep them).
PARENTS_SECTION_SLUG = "parents"
CONFERENCE_GUIDE_SLUG = "child-protection-conference"  # the guide the planner and the home page link to
# The admin path is built from the menu's own labels, so it reads as the editor's menu does.
# Wagtail has no Slovak catalogue: the hub's own gives "Reports" its Slovak name.
REPORTS_MENU = _("Reports")
REVIEW_NOTICE = format_lazy(
    _(
        "Slovak and Romanian texts first written by the developers are marked as awaiting community "
        "review until a community reviewer checks them ({path})."
    ),
    path=format_lazy("{} → {}", REPORTS_MENU, _("Translation status")),
)


class HubPage(Page):
    """Abstract base for the hub's pages.

    Knows whether it is only an untranslated stand-in (a wagtail-localize alias of the English
    page), which translations exist for the language switcher and hreflang links, and whether
    its section asks for the "Exit this page" button.
    """

    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two plain sentences, shown in lists, search results and link previews."),
    )

    class Meta:
        abstract = True

    @property
    def is_untranslated(self) -> bool:
        """True when this page shows another language's content because no translation exists."""
        if not self.alias_of_id:
            return False
        return self.alias_of.locale_id != self.locale_id

    @property
    def content_language(self) -> str:
        """The language the words on the page are really in (for the `lang` attribute)."""
        if self.is_untranslated:
            return self.alias_of.locale.language_code
        if self.served_outline is not None:
            return self.served_outline.get(self.pk).language
        return self.locale.language_code

    def live_translations(self):
        """Every live version of this page, in every language, including this one."""
        return (
            self.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
            .order_by("locale__language_code")
        )

    # The page outline it was served with (romahub.pages.serving): the tree around the page without
    # a query each. None when the page was loaded some other way (a preview, the admin, a test).
    served_outline = None

    @property
    def shows_exit_button(self) -> bool:
        """The nearest section's choice; pages in no section (home, information) show it."""
        if self.served_outline is not None:
            return self.served_outline.shows_exit_button(self.pk)
        for ancestor in self.get_ancestors(inclusive=True).specific().reverse():
            if hasattr(ancestor, "exit_button"):
                return ancestor.exit_button
        return True

    def breadcrumb_trail(self, request=None) -> list[dict]:
        """The pages above this one, from its language's home page down: title, address and depth."""
        if self.served_outline is not None:
            return [{"title": a.title, "url": a.url, "depth": a.depth} for a in self.served_outline.ancestors(self.pk)]
        return [
            {"title": a.title, "url": a.get_url(request), "depth": a.depth}
            for a in self.get_ancestors().filter(depth__gte=2)
        ]

    def live_children(self, model):
        """The live, public pages of `model` just below this one, in tree order."""
        if self.served_outline is not None:
            ids = [child.id for child in self.served_outline.children(self.pk, model)]
            return model.objects.filter(id__in=ids).order_by("path")
        return self.get_children().live().public().type(model).specific()

    def language_addresses(self, request) -> tuple[dict[str, str], dict[str, str]]:
        """(this page in each language it is live in, each language's home page): the switcher's links."""
        if self.served_outline is not None:
            return self.served_outline.translations(self.pk), self.served_outline.home_urls()
        translations = {}
        for translation in self.get_translations(inclusive=True).live().public().select_related("locale"):
            url = translation.get_url(request)
            if url:
                translations[translation.locale.language_code] = url
        homes = {}
        for home in Page.objects.filter(depth=2).live().select_related("locale"):
            url = home.get_url(request)
            if url:
                homes.setdefault(home.locale.language_code, url)
        return translations, homes

    @property
    def awaiting_community_review(self) -> bool:
        """Translations made by developers or machines wait for a community reviewer."""
        if self.locale.language_code == settings.LANGUAGE_CODE or self.is_untranslated:
            return False
        return CommunityReview.awaits(self)

    @classmethod
    def default_locale(cls) -> Locale:
        return Locale.get_default()


class HomePage(HubPage):
    """The front door. Its first screen is for a parent who has just been contacted by
    children's services; below it, everyone else finds their own section."""

    hero_heading = models.CharField(_("main heading"), max_length=200)
    hero_text = RichTextField(_("text under the heading"), features=INTRO_FEATURES)
    hero_link_text = models.CharField(_("button text"), max_length=120)
    hero_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sections_heading = models.CharField(_("heading above the sections"), max_length=200)
    intro = RichTextField(_("about the hub"), features=INTRO_FEATURES, blank=True)
    tools = StreamField([("tool", ToolLinkBlock())], verbose_name=_("tools"), blank=True)

    content_panels = HubPage.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("hero_link_text"),
        FieldPanel("hero_page"),
        FieldPanel("tools"),
        FieldPanel("sections_heading"),
        FieldPanel("intro"),
    ]
    search_fields = HubPage.search_fields + [index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.SectionPage", "pages.GlossaryPage", "pages.InformationPage"]
    override_translatable_fields = [SynchronizedField("hero_page")]

    class Meta:
        verbose_name = _("home page")

    def sections(self):
        return self.live_children(SectionPage)

    def information_pages(self):
        return self.live_children(InformationPage)

    def hero_url(self) -> str:
        """The first screen's way in: the chosen page in this home's language where it has one."""
        if not self.hero_page_id:
            return ""
        if self.served_outline is not None:
            chosen = self.served_outline.get(self.hero_page_id)
            if chosen is not None:
                return self.served_outline.translations(chosen.id).get(self.served_outline.get(self.pk).language, chosen.url)
        return self.hero_page.localized.url or ""

    def conference_guide_url(self) -> str:
        if self.served_outline is not None:
            guide = self.served_outline.find(self.served_outline.get(self.pk).language, CONFERENCE_GUIDE_SLUG)
            return guide.url if guide is not None else ""
        guide = self.conference_guide()
        return guide.url if guide is not None else ""

    def conference_guide(self):
        """The conference guide in this home's language: the first screen's second way in."""
        return GuidePage.conference_guide_in(self.locale_id)


class SectionPage(HubPage):
    """One of the six audience sections. Lists its guides in tree order."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES)
    tools = StreamField([("tool", ToolLinkBlock())], verbose_name=_("tools"), blank=True)
    exit_button = models.BooleanField(
        _("show the 'Exit this page' button"),
        default=False,
        help_text=_("For pages a parent may need to leave quickly. Applies to every guide below."),
    )
    resource_audience = models.CharField(
        _("resources shown"),
        max_length=20,
        choices=AUDIENCES,
        blank=True,
        help_text=_("The section lists the library's resources for this audience, grouped by kind."),
    )
    resources_intro = RichTextField(
        _("introduction to the resources"),
        features=INTRO_FEATURES,
        blank=True,
    )

    content_panels = HubPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("tools"),
        FieldPanel("exit_button"),
        FieldPanel("resource_audience"),
        FieldPanel("resources_intro"),
    ]
    search_fields = HubPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("intro"),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.GuidePage"]
    override_translatable_fields = [SynchronizedField("resource_audience")]

    class Meta:
        verbose_name = _("audience section")

    @property
    def is_parents(self) -> bool:
        """The Parents section offers the help request form (romahub/advocacy)."""
        return self.slug == PARENTS_SECTION_SLUG

    def guides(self):
        return self.live_children(GuidePage)

    def resource_groups(self):
        if not self.resource_audience:
            return []
        if self.served_outline is not None:  # the same for every section of this audience until a resource changes
            key = ("resource_groups", get_language(), self.resource_audience)
            return self.served_outline.remember(key, lambda: grouped(matching(Filters(audience=self.resource_audience))))
        return grouped(matching(Filters(audience=self.resource_audience)))


class GuidePage(HubPage):
    """A plain-language guide built from blocks. Sources are named for every guide, and stay
    the same in every language (titles of public documents are kept as published)."""

    body = StreamField(GuideStreamBlock(), verbose_name=_("content"))
    sources = StreamField(
        [("source", SourceBlock())],
        verbose_name=_("sources"),
        blank=True,
        help_text=_("Named public documents the facts come from."),
    )

    content_panels = HubPage.content_panels + [
        HelpPanel(content=REVIEW_NOTICE),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    search_fields = HubPage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["pages.SectionPage"]
    subpage_types = []
    override_translatable_fields = [SynchronizedField("sources")]

    class Meta:
        verbose_name = _("guide")

    @classmethod
    def conference_guide_in(cls, locale) -> "GuidePage | None":
        """"What happens at a child protection conference" in one language (a Locale or its id):
        the guide the home page, the planner and the parents' next steps all lead to."""
        return cls.objects.live().filter(locale=locale, slug=CONFERENCE_GUIDE_SLUG).first()

    def next_steps(self):
        from romahub.pages.next_steps import next_steps  # next_steps imports this module

        return next_steps(self)

    def faq_items(self):
        for block in self.body:
            if block.block_type == "faq":
                for item in block.value["items"]:
                    yield item["question"], item["answer"].source

    def faq_jsonld(self) -> str | None:
        """schema.org FAQPage for search engines, or None when the guide has no questions."""
        items = list(self.faq_items())
        if not items:
            return None
        data = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "inLanguage": self.content_language,
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": question,
                    "acceptedAnswer": {"@type": "Answer", "text": strip_tags(answer).strip()},
                }
                for question, answer in items
            ],
        }
        return json.dumps(data, ensure_ascii=False)


class GlossaryPage(HubPage):
    """Lists every glossary term of its language; guides link their terms here."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = HubPage.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("glossary page")

    def terms(self):
        return GlossaryTerm.objects.public().filter(locale_id=self.locale_id).order_by("term")


class InformationPage(HubPage):
    """About the hub, accessibility statement, privacy: short pages linked from the footer."""

    body = StreamField(GuideStreamBlock(), verbose_name=_("content"))

    content_panels = HubPage.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = HubPage.search_fields + [index.SearchField("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")


class GlossaryTerm(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, TranslatableMixin, index.Indexed, models.Model):
    """An official word a family will hear, explained plainly.

    A snippet rather than a page: terms are short, many, and reused by every guide, which links
    the first use of each term (or one of its aliases) to its entry on the glossary page.
    Edits are drafts until published (romahub/core/moderation.py); readers see `public()` rows.
    """

    term = models.CharField(_("term"), max_length=200)
    slug = models.SlugField(
        _("anchor"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Part of the link to this term. The same in every language."),
    )
    definition = models.TextField(_("plain explanation"))
    aliases = models.TextField(
        _("other forms"),
        blank=True,
        help_text=_(
            "Other ways the term appears in running text, separated by commas: plurals, "
            "grammatical cases, the English term."
        ),
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("definition"),
        FieldPanel("aliases"),
    ]
    search_fields = [
        index.SearchField("term"),
        index.SearchField("definition"),
        index.FilterField("locale"),
    ]
    override_translatable_fields = [
        TranslatableField("term"),
        TranslatableField("definition"),
        TranslatableField("aliases"),
        SynchronizedField("slug"),
    ]

    objects = PublicQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        permissions = [("change_english_glossaryterm", _("Can change English glossary terms"))]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_glossary_slug")]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)[:100]
        super().save(*args, **kwargs)

    def match_forms(self) -> list[str]:
        """The words to look for in a guide: the term without its bracketed English, then aliases."""
        forms = [self.term.split("(")[0].strip()]
        forms += [alias.strip() for alias in self.aliases.replace("\n", ",").split(",")]
        return [form for form in forms if len(form) >= 3]


class CommunityReview(models.Model):
    """A community reviewer's check of one translated page.

    Kept outside the page so that wagtail-localize's synchronisation never copies or overwrites
    it: a translation re-published after the review counts as awaiting review again.
    """

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="community_review")
    reviewed_at = models.DateTimeField(_("reviewed at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("community review")

    def __str__(self):
        return f"{self.page} ({self.reviewed_at:%Y-%m-%d})"

    @classmethod
    def awaits(cls, page) -> bool:
        """A translation awaits review until reviewed, and again once re-published after its review."""
        review = cls.objects.filter(page_id=page.pk).first()
        return review is None or (page.last_published_at is not None and review.reviewed_at < page.last_published_at)
