"""England's children's services authorities, and what the hub knows about each locally.

One row per authority with children's services duties (county, unitary, metropolitan and London
boroughs). Local details are optional and come only from public sources, named in
`details_source`; an empty field means "not known", never a guess. A council's own conference
timescales belong to the conference companion (romahub/conference/models.py).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    details_note = models.TextField(
        _("note for editors"), blank=True,
        help_text=_("What the source left unclear. Never shown to the public: the source line shows only the document's name."),
    )


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

    @property
    def has_local_contacts(self) -> bool:
        return any(
            (self.childrens_rights_phone, self.childrens_rights_email, self.conference_contact_phone,
             self.conference_contact_email, self.complaints_phone, self.complaints_email)
        )
