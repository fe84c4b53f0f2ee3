"""Load the hub's vocabulary and its starter services.

Like the rest of the starter content, safe to run again: terms and services that already
exist are left as editors made them; only missing ones are added. The starter services are an
Open Referral UK feed read by the same importer as any council's feed.
"""

import json
import uuid
from pathlib import Path

from django.db import transaction

from romahub.core.starter_data import StarterContentError
from romahub.directory.importing import import_services
from romahub.directory.models import Service, Taxonomy, TaxonomyTerm

DATA_DIR = Path(__file__).resolve().parent / "data"
# Stable ids, so every copy of the hub publishes the same taxonomy ids in its API.
NAMESPACE = uuid.UUID("6f1d3c1e-4b0a-4a5e-9a55-8a3f2f6c9d10")


class StarterDirectoryError(StarterContentError):
    """A starter service the ORUK importer refused."""


@transaction.atomic
def load_taxonomy() -> int:
    created = 0
    data = json.loads((DATA_DIR / "taxonomy.json").read_text(encoding="utf-8"))
    for tax_data in data["taxonomies"]:
        tax, _ = Taxonomy.objects.get_or_create(
            slug=tax_data["slug"],
            defaults={"id": uuid.uuid5(NAMESPACE, tax_data["slug"]), "name": tax_data["name"], "description": tax_data["description"]},
        )
        for order, term in enumerate(tax_data["terms"]):
            _, was_created = TaxonomyTerm.objects.get_or_create(
                slug=term["slug"],
                defaults={
                    "id": uuid.uuid5(NAMESPACE, f"{tax.slug}/{term['slug']}"), "taxonomy": tax, "order": order,
                    "name": term["en"][0], "description": term["en"][1],
                    "name_sk": term["sk"][0], "description_sk": term["sk"][1],
                    "name_ro": term["ro"][0], "description_ro": term["ro"][1],
                },
            )
            created += was_created
    return created


def load_starter_services() -> int:
    records = json.loads((DATA_DIR / "starter_services.json").read_text(encoding="utf-8"))["services"]
    existing = {str(pk) for pk in Service.objects.values_list("id", flat=True)}
    report = import_services([record for record in records if record["id"] not in existing])
    if report.rejected:
        raise StarterDirectoryError("; ".join(f"{name}: {reason}" for name, reason in report.rejected))
    return len(report.created)
