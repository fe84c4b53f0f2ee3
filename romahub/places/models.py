"""England's children's services authorities, and what the hub knows about each locally.

One row per authority with children's services duties (county, unitary, metropolitan and London
boroughs). Local details are optional and come only from public sources, named in
`details_source`; an empty field means "not known", never a guess. Rule overrides change the
conference timeline for that authority where its own procedures differ from England's defaults.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from romahub.conference.timeline import ENGLAND, Rules
from romahub.core.languages import in_language

REGIONS = [
    ("North East", _("North East")),
    ("North West", _("North West")),
    ("Yorkshire and The Humber", _("Yorkshire and The Humber")),
    ("East Midlands", _("East Midlands")),
    ("West Midlands", _("West Midlands")),
    ("East of England", _("East of England")),
    ("London", _("London")),
    ("South East", _("South East")),
    ("South West", _("South West")),
]

RULE_FIELDS = [
    ("reports_before_initial_working_days", _("reports before an initial conference (working days)")),
    ("reports_before_review_working_days", _("reports before a review conference (working days)")),
    ("record_after_working_days", _("written record after a conference (working days)")),
    ("first_core_group_working_days", _("first core group after the initial conference (working days)")),
    ("core_group_interval_weeks", _("core group meetings about every (weeks)")),
    ("visit_interval_days", _("social worker visits at least every (days)")),
    ("first_review_months", _("first review within (months)")),
    ("review_interval_months", _("later reviews within (months)")),
]


class LocalAuthority(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    ons_code = models.CharField(_("ONS code"), max_length=9, blank=True)
    region = models.CharField(_("region"), max_length=40, choices=REGIONS)
    # The area's centre as ONS publishes it (data/centroids.json names the datasets): a map
    # marker for the council, not an address anyone should travel to.
    latitude = models.FloatField(_("latitude of the area's centre"), null=True, blank=True)
    longitude = models.FloatField(_("longitude of the area's centre"), null=True, blank=True)

    childrens_rights_service = models.TextField(_("children's rights service"), blank=True)
    childrens_rights_service_sk = models.TextField(_("children's rights service in Slovak"), blank=True)
    childrens_rights_service_ro = models.TextField(_("children's rights service in Romanian"), blank=True)
    childrens_rights_phone = models.CharField(_("children's rights phone"), max_length=40, blank=True)
    childrens_rights_email = models.EmailField(_("children's rights e-mail"), blank=True)
    conference_contact_phone = models.CharField(_("safeguarding / conference phone"), max_length=40, blank=True)
    conference_contact_email = models.EmailField(_("safeguarding / conference e-mail"), blank=True)
    complaints_phone = models.CharField(_("complaints phone"), max_length=40, blank=True)
    complaints_email = models.EmailField(_("complaints e-mail"), blank=True)
    details_source = models.TextField(
        _("where the local details come from"), blank=True, help_text=_("Name the public document.")
    )
    details_checked_on = models.DateField(_("local details checked on"), null=True, blank=True)

    reports_before_initial_working_days = models.PositiveSmallIntegerField(RULE_FIELDS[0][1], null=True, blank=True)
    reports_before_review_working_days = models.PositiveSmallIntegerField(RULE_FIELDS[1][1], null=True, blank=True)
    record_after_working_days = models.PositiveSmallIntegerField(RULE_FIELDS[2][1], null=True, blank=True)
    first_core_group_working_days = models.PositiveSmallIntegerField(RULE_FIELDS[3][1], null=True, blank=True)
    core_group_interval_weeks = models.PositiveSmallIntegerField(RULE_FIELDS[4][1], null=True, blank=True)
    visit_interval_days = models.PositiveSmallIntegerField(RULE_FIELDS[5][1], null=True, blank=True)
    first_review_months = models.PositiveSmallIntegerField(RULE_FIELDS[6][1], null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(RULE_FIELDS[7][1], null=True, blank=True)

    class Meta:
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ons_code"], condition=~models.Q(ons_code=""), name="unique_ons_code_when_set"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def childrens_rights_text(self) -> str:
        """The children's rights service's description in the reader's language, else English."""
        return in_language(self, "childrens_rights_service")

    @property
    def childrens_rights_text_is_english(self) -> bool:
        return self.childrens_rights_text == self.childrens_rights_service

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def rules(self) -> Rules:
        """England's rules with this authority's own timescales where it has set them."""
        return ENGLAND.with_overrides(**{name: getattr(self, name) for name, _ in RULE_FIELDS})

    @property
    def has_local_contacts(self) -> bool:
        return any(
            (self.childrens_rights_phone, self.childrens_rights_email, self.conference_contact_phone,
             self.conference_contact_email, self.complaints_phone, self.complaints_email)
        )
