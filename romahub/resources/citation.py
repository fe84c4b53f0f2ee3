"""How a resource is cited: a line a lawyer can copy, and schema.org JSON-LD for the work.

The citation follows the common author–date pattern used in UK legal and social work writing:
Publisher (Year) Title. Available at: URL (Accessed: date). The title is kept as published.
"""

import datetime

from django.utils.translation import gettext as _

from romahub.core.dates import day_month_year
from romahub.resources.models import Resource

SCHEMA_TYPES = {
    "legislation": "Legislation",
    "statutory-guidance": "Report",
    "case-law": "CreativeWork",
    "research": "Report",
    "training": "Course",
    "media": "MediaObject",
    "template": "DigitalDocument",
    "guide": "CreativeWork",
    "toolkit": "CreativeWork",
}


def citation(resource: Resource, link: str, accessed: datetime.date) -> str:
    year = str(resource.year) if resource.year else _("no date")
    parts = [f"{resource.publisher} ({year}) {resource.title.rstrip('.')}."]
    if link:
        parts.append(_("Available at: %(url)s") % {"url": link})
        parts.append(_("(Accessed: %(date)s)") % {"date": day_month_year(accessed)})
    return " ".join(parts)


def json_ld(resource: Resource, link: str, page_url: str, summary: str) -> dict:
    work = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(resource.kind, "CreativeWork"),
        "name": resource.title,
        "description": summary,
        "publisher": {"@type": "Organization", "name": resource.publisher},
        "inLanguage": resource.language_codes,
        "audience": [{"@type": "Audience", "audienceType": code} for code in resource.audience_codes],
        "isAccessibleForFree": resource.is_free,
        "mainEntityOfPage": page_url,
    }
    if link:
        work["url"] = link
    if resource.year:
        work["datePublished"] = str(resource.year)
    if resource.kind == "training":
        work["provider"] = work.pop("publisher")
    if resource.cost == "paid" and resource.price:
        work["offers"] = {"@type": "Offer", "description": resource.price}
    return work
