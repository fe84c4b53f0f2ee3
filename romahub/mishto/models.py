"""The Mishto charter: the Roma Rights Forum's values and pledges, as versioned content.

A local authority signs one version and is assessed against it, so a published version that
authorities rely on is never edited in place: a new version is started from it (see
`romahub.mishto.charter.start_new_version`). Text is kept per language on each row, as in the
directory (docs/decisions.md): pledge 3 is one row that every language reads.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from romahub.core.languages import in_language


class CharterVersion(ClusterableModel):
    number = models.PositiveSmallIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_sk = models.CharField(_("title in Slovak"), max_length=200, blank=True)
    title_ro = models.CharField(_("title in Romanian"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"))
    introduction_sk = models.TextField(_("introduction in Slovak"), blank=True)
    introduction_ro = models.TextField(_("introduction in Romanian"), blank=True)
    source = models.CharField(_("where the text comes from"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True,
        help_text=_("Empty while the version is being prepared: only published versions are shown and can be signed."),
    )
    translations_reviewed = models.BooleanField(
        _("translations checked by a community reviewer"), default=False,
        help_text=_("Leave unticked until a Slovak or Romanian speaker from the working group has read them."),
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("Mishto charter version")
        verbose_name_plural = _("Mishto charter versions")

    def __str__(self):
        return _("Mishto charter, version %(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    @property
    def display_title(self) -> str:
        return in_language(self, "title")

    @property
    def display_introduction(self) -> str:
        return in_language(self, "introduction")


class CharterValue(Orderable):
    version = ParentalKey(CharterVersion, on_delete=models.CASCADE, related_name="values")
    text = models.TextField(_("value"))
    text_sk = models.TextField(_("value in Slovak"), blank=True)
    text_ro = models.TextField(_("value in Romanian"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("Mishto value")

    def __str__(self):
        return self.text

    @property
    def display_text(self) -> str:
        return in_language(self, "text")


class Pledge(ClusterableModel):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("charter version"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("pledge"), max_length=200)
    title_sk = models.CharField(_("pledge in Slovak"), max_length=200, blank=True)
    title_ro = models.CharField(_("pledge in Romanian"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="one_pledge_number_per_version")]
        verbose_name = _("Mishto pledge")
        verbose_name_plural = _("Mishto pledges")

    def __str__(self):
        return f"{self.number}. {self.title} (v{self.version.number})"

    @property
    def display_title(self) -> str:
        return in_language(self, "title")


class PledgeAction(Orderable):
    """What an authority does to keep the pledge; each is assessed on its own."""

    pledge = ParentalKey(Pledge, on_delete=models.CASCADE, related_name="actions")
    heading = models.CharField(_("heading"), max_length=100, blank=True)
    heading_sk = models.CharField(_("heading in Slovak"), max_length=100, blank=True)
    heading_ro = models.CharField(_("heading in Romanian"), max_length=100, blank=True)
    text = models.TextField(_("action"))
    text_sk = models.TextField(_("action in Slovak"), blank=True)
    text_ro = models.TextField(_("action in Romanian"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("action")

    def __str__(self):
        return self.text

    @property
    def display_heading(self) -> str:
        return in_language(self, "heading")

    @property
    def display_text(self) -> str:
        return in_language(self, "text")


class PledgeActivity(Orderable):
    """A supporting activity or resource, as the guidance lists them under each pledge."""

    pledge = ParentalKey(Pledge, on_delete=models.CASCADE, related_name="activities")
    text = models.TextField(_("activity or resource"))
    text_sk = models.TextField(_("activity or resource in Slovak"), blank=True)
    text_ro = models.TextField(_("activity or resource in Romanian"), blank=True)
    url = models.CharField(
        _("link"), max_length=300, blank=True,
        help_text=_("A public web address, or a path on the hub such as /services/ (the reader's language is added)."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("supporting activity or resource")
        verbose_name_plural = _("supporting activities and resources")

    def __str__(self):
        return self.text

    @property
    def display_text(self) -> str:
        return in_language(self, "text")
