"""The starter councils' own conference timescales (conference/data/local_rules.json)."""

import json
from dataclasses import fields
from datetime import date
from pathlib import Path

from romahub.conference.models import LocalRules
from romahub.conference.timeline import Rules
from romahub.core.starter_data import StarterContentError
from romahub.places.models import LocalAuthority

DATA = Path(__file__).resolve().parent / "data" / "local_rules.json"


def load_local_rules(path: Path = DATA) -> int:
    """Create the timescales of each council listed that has none yet; editors' own are kept."""
    created = 0
    for record in json.loads(path.read_text(encoding="utf-8"))["local_rules"]:
        authority = LocalAuthority.objects.filter(slug=record["authority"]).first()
        if authority is None:
            raise StarterContentError(f"local_rules.json names an unknown council: {record['authority']!r}")
        numbers = {rule.name: record.get(rule.name) for rule in fields(Rules)}
        read_on = date.fromisoformat(record["source_read_on"])  # every starter fact says when it was read
        _, made = LocalRules.objects.get_or_create(
            authority=authority, defaults={**numbers, "source": record["source"], "source_read_on": read_on}
        )
        created += made
    return created
