"""A council's own conference timescales, where its procedures differ from England's defaults.

The numbers and their defaults are `timeline.Rules`; a field here, one per rule (a test keeps
the two in step), is an override an editor sets from the council's published procedures.
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
    record_after_working_days = _days(_("written record after a conference (working days)"))
    first_core_group_working_days = _days(_("first core group after the initial conference (working days)"))
    core_group_interval_weeks = _days(_("core group meetings about every (weeks)"))
    visit_interval_days = _days(_("social worker visits at least every (days)"))
    first_review_months = _days(_("first review within (months)"))
    review_interval_months = _days(_("later reviews within (months)"))
    source = models.TextField(_("where these timescales come from"), blank=True, help_text=_("Name the public document."))

    class Meta:
        verbose_name = _("council's conference timescales")
        verbose_name_plural = _("councils' conference timescales")
        ordering = ["authority__name"]

    def __str__(self):
        return str(self.authority)

    def rules(self) -> Rules:
        return ENGLAND.with_overrides(**{rule.name: getattr(self, rule.name) for rule in fields(Rules)})


def rules_for(authority) -> Rules:
    """England's rules with this authority's own timescales where it has set them."""
    if authority is None:
        return ENGLAND
    local = LocalRules.objects.filter(authority=authority).first()
    return local.rules() if local else ENGLAND
