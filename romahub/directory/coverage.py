"""Where the directory reaches and where it does not: the working group's outreach report.

For each council area, how many listed services work there (by the area itself, not the
England-wide services every area shares) and how many of them are Roma-led, speak Slovak, speak
Romanian, give advocacy, or are legal aid family solicitors. The gaps are where to reach out next.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from romahub.directory.models import Service, ServiceArea
from romahub.places.models import LocalAuthority

COLUMNS = [
    ("roma_led", _("Roma-led")),
    ("sk", _("Slovak speaker")),
    ("ro", _("Romanian speaker")),
    ("advocacy", _("Advocacy")),
    ("family_solicitor", _("Legal aid family solicitor")),
]


@dataclass
class AreaCoverage:
    authority: LocalAuthority
    services: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {key: 0 for key, _label in COLUMNS})

    @property
    def cells(self) -> list[int]:
        return [self.counts[key] for key, _label in COLUMNS]

    @property
    def gaps(self) -> int:
        return sum(1 for count in self.counts.values() if not count)


def service_kinds(service: Service, languages: set[str], terms: set[str]) -> set[str]:
    """Which of the report's columns one service counts in."""
    kinds = {code for code in ("sk", "ro") if code in languages}
    if service.organization.roma_led:
        kinds.add("roma_led")
    if "advocacy" in terms:
        kinds.add("advocacy")
    if "family-legal-aid" in terms:
        kinds.add("family_solicitor")
    return kinds


def coverage() -> list[AreaCoverage]:
    """Every council area: those the directory reaches first, then those it does not, each A to Z."""
    listed = Service.objects.listed().select_related("organization").prefetch_related("languages", "terms")
    kinds = {
        service.pk: service_kinds(service, {lang.code for lang in service.languages.all()}, {term.slug for term in service.terms.all()})
        for service in listed
    }
    rows = {authority.pk: AreaCoverage(authority) for authority in LocalAuthority.objects.order_by("name")}
    counted = set()
    for service_id, authority_id in ServiceArea.objects.filter(service_id__in=kinds, local_authority__isnull=False).values_list(
        "service_id", "local_authority_id"
    ):
        if (service_id, authority_id) in counted:
            continue
        counted.add((service_id, authority_id))
        row = rows[authority_id]
        row.services += 1
        for kind in kinds[service_id]:
            row.counts[kind] += 1
    return sorted(rows.values(), key=lambda row: (row.services == 0, row.authority.name))
