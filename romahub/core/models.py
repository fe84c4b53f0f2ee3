"""Behaviour every public page of the hub shares."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page


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

    @property
    def shows_exit_button(self) -> bool:
        for ancestor in self.get_ancestors(inclusive=True).specific().reverse():
            if getattr(ancestor, "exit_button", False):
                return True
        return False

    @property
    def awaiting_community_review(self) -> bool:
        """Translations made by developers or machines wait for a community reviewer."""
        if self.locale.language_code == settings.LANGUAGE_CODE or self.is_untranslated:
            return False
        from romahub.pages.models import CommunityReview

        review = CommunityReview.objects.filter(page_id=self.pk).first()
        return review is None or (
            self.last_published_at is not None and review.reviewed_at < self.last_published_at
        )

    @classmethod
    def default_locale(cls) -> Locale:
        return Locale.get_default()


class RateLimitCount(models.Model):
    """One client's uses of one form in one window, when no Redis is configured (core.ratelimit).

    The key is an HMAC of the client's address, never the address itself.
    """

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate limit count")
        verbose_name_plural = _("rate limit counts")

    def __str__(self):
        return self.key
