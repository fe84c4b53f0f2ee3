from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from romahub.pages import admin_views


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

