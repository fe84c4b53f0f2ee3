from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from romahub.core.moderation import EnglishRowsViewSetMixin, register_english_rows_policy
from romahub.pages import admin_views
from romahub.pages.models import GlossaryTerm


class GlossaryTermViewSet(EnglishRowsViewSetMixin, SnippetViewSet):
    """Glossary terms: drafts until a moderator publishes; translators never touch an English term."""

    model = GlossaryTerm
    icon = "snippet"


register_english_rows_policy(GlossaryTerm)
register_snippet(GlossaryTermViewSet)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("reports/translation-status/", admin_views.translation_status, name="translation_status"),
        path(
            "reports/translation-status/review/<int:page_id>/",
            admin_views.mark_reviewed,
            name="translation_status_review",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=700
    )

