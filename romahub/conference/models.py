"""A council's own conference timescales, from its published procedures.

The numbers and their national defaults are `timeline.Rules`; a field here, one per rule (a test
keeps the two in step), is what an editor read in the council's own procedures. Most rules have no
national default: without a council's own number, the planner leaves that milestone out.
"""

from dataclasses import fields

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from romahub.conference.timeline import ENGLAND, Rules


def _days(label):
    # At least 1: a rule of 0 would plan a meeting every 0 weeks, for ever.
    return models.PositiveSmallIntegerField(label, null=True, blank=True, validators=[MinValueValidator(1)])


class LocalRules(models.Model):
    authority = models.OneToOneField(
        "places.LocalAuthority", on_delete=models.CASCADE, primary_key=True, related_name="conference_rules",
        verbose_name=_("local authority"),
    )
    reports_before_initial_working_days = _days(_("reports before an initial conference (working days)"))
    reports_before_review_working_days = _days(_("reports before a review conference (working days)"))
    record_after_days = _days(_("written record after a conference (days)"))
    first_core_group_working_days = _days(_("first core group after the initial conference (working days)"))
    core_group_interval_weeks = _days(_("core group meetings about every (weeks)"))
    visit_interval_days = _days(_("social worker visits at least every (days)"))
    first_review_months = _days(_("first review within (months)"))
    review_interval_months = _days(_("later reviews within (months)"))
    source = models.TextField(_("where these timescales come from"), blank=True, help_text=_("The public document's name, as published: readers see it beside the dates."))
    source_read_on = models.DateField(_("read on"), null=True, blank=True)

    class Meta:
        verbose_name = _("council's conference timescales")
        verbose_name_plural = _("councils' conference timescales")
        ordering = ["authority__name"]

    def __str__(self):
        return str(self.authority)

    def rules(self) -> Rules:
        return ENGLAND.with_overrides(**{rule.name: getattr(self, rule.name) for rule in fields(Rules)})

    def sets_any(self) -> bool:
        return any(getattr(self, rule.name) for rule in fields(Rules))


def local_rules_of(authority) -> LocalRules | None:
    """The council's own timescales as the hub holds them, or None (none read yet)."""
    if authority is None:
        return None
    local = LocalRules.objects.filter(authority=authority).first()
    return local if local and local.sets_any() else None


def rules_for(authority) -> Rules:
    """England's national rules with this authority's own timescales where the hub has them."""
    local = local_rules_of(authority)
    return local.rules() if local else ENGLAND
