"""The moderator's review of one suggestion: see what was sent, adjust it, accept or reject."""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from romahub.directory import coverage, suggestions
from romahub.directory.models import CHECK_EVERY_DAYS, Service, Suggestion
from romahub.directory.suggestion_forms import ReviewSuggestionForm

SENT_FIELDS = ("name", "organisation", "description", "languages_spoken", "address", "town", "postcode", "phone",
               "email", "website", "opening_hours", "cost", "closed", "details", "source")


def review_url(suggestion: Suggestion) -> str:
    return reverse("directory_review_suggestion", args=[suggestion.pk])


class ReviewSuggestionView(WagtailAdminTemplateMixin, View):
    template_name = "directory/admin/review_suggestion.html"
    page_title = gettext_lazy("Review a suggestion")
    header_icon = "help"

    def dispatch(self, request, pk):
        self.suggestion = get_object_or_404(Suggestion.objects.select_related("service", "decided_by"), pk=pk)
        needed = "directory.add_service" if self.suggestion.kind == Suggestion.NEW else "directory.change_service"
        if not (request.user.has_perm("directory.change_suggestion") and request.user.has_perm(needed)):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.suggestion)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_directory_suggestion:list"), "label": _("Suggestions")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get(self, request, pk):
        form = ReviewSuggestionForm(initial=suggestions.initial_review_data(self.suggestion)) if self.suggestion.is_pending else None
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, pk):
        if not self.suggestion.is_pending:
            return redirect(review_url(self.suggestion))
        form = ReviewSuggestionForm(request.POST, initial=suggestions.initial_review_data(self.suggestion))
        try:
            if request.POST.get("decision") == "reject":
                suggestions.reject(self.suggestion, request.user, request.POST.get("decision_note", ""))
                messages.success(request, _("Suggestion rejected. Nothing in the directory changed."))
                return redirect("wagtailsnippets_directory_suggestion:list")
            if form.is_valid():
                service = suggestions.accept(self.suggestion, form.cleaned_data, request.user)
                messages.success(request, _("Saved to the directory as a new revision. Check the rest of the record here."))
                return redirect("wagtailsnippets_directory_service:edit", quote(service.pk))
        except suggestions.AlreadyDecided:
            messages.error(request, _("Another moderator decided this suggestion while you were reading it."))
            return redirect(review_url(self.suggestion))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = []
        for name in SENT_FIELDS:
            value = getattr(self.suggestion, name)
            if value not in ("", None, False):
                field = Suggestion._meta.get_field(name)
                display = self.suggestion._get_FIELD_display(field) if field.choices else value
                sent.append((field.verbose_name, _("yes") if value is True else display))
        terms = list(self.suggestion.help.all())
        if terms:
            sent.append((_("kinds of help"), ", ".join(term.name for term in terms)))
        context.update(suggestion=self.suggestion, sent=sent)
        return context


@require_admin_access
@permission_required("directory.change_service", raise_exception=True)
def coverage_report(request):
    rows = coverage.coverage()
    return TemplateResponse(request, "directory/admin/coverage.html", {
        "rows": rows, "columns": coverage.COLUMNS, "reached": sum(1 for row in rows if row.services),
        "needing_check": Service.objects.listed().select_related("organization").needing_check(),
        "check_every_days": CHECK_EVERY_DAYS,
    })
