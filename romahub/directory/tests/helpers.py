"""Build directory records for tests, and check documents against the ORUK schemas."""

import json
import uuid
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from romahub.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceLanguage,
    TaxonomyTerm,
)
from romahub.places.models import LocalAuthority

STANDARD = Path(__file__).resolve().parents[1] / "standards" / "oruk-3.0"
REMOTE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"


@cache
def _registry() -> Registry:
    """The profile's schemas, found locally under the addresses they cite each other by."""
    resources = []
    for path in (STANDARD / "schema").rglob("*.json"):
        relative = path.relative_to(STANDARD / "schema").as_posix()
        resources.append((REMOTE + relative, _resource(path)))
    return Registry().with_resources(resources)


def _resource(path: Path) -> Resource:
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012)


def validate(document, schema_name: str) -> None:
    """Raise if `document` breaks the ORUK schema `schema_name` (e.g. 'compiled/service')."""
    # Schemas cite each other by relative name: give each its published address as its base.
    schema = {**json.loads((STANDARD / "schema" / f"{schema_name}.json").read_text()), "$id": f"{REMOTE}{schema_name}.json"}
    validator = jsonschema.Draft202012Validator(
        schema, registry=_registry(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = list(validator.iter_errors(document))
    assert errors == [], [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]]


def validate_page(document, item_schema: str) -> None:
    for key, kind in (("total_items", int), ("total_pages", int), ("page_number", int), ("size", int),
                      ("first_page", bool), ("last_page", bool), ("empty", bool), ("contents", list)):
        assert isinstance(document[key], kind), key
    assert document["size"] == len(document["contents"])
    for item in document["contents"]:
        validate(item, item_schema)


def make_service(name="Test advocacy", *, terms=(), latitude=None, longitude=None, postcode="", city="",
                 authority=None, language=("ro", "Romanian"), cost="free", opens=None, days="MO,TU") -> Service:
    org = Organization.objects.create(name=f"{name} organisation", description="Helps families.")
    service = Service.objects.create(
        organization=org, name=name, description=f"{name}: help for Roma families.", source="Test", cost=cost,
        name_ro=f"{name} (ro)", description_ro=f"{name}: ajutor pentru familii de romi.",
    )
    Phone.objects.create(service=service, number="0808 801 0366", description="Advice line")
    if language:
        ServiceLanguage.objects.create(service=service, code=language[0], name=language[1], note="")
    if opens:
        Schedule.objects.create(service=service, byday=days, opens_at=opens[0], closes_at=opens[1])
    if authority:
        ServiceArea.objects.create(service=service, local_authority=LocalAuthority.objects.get(slug=authority))
    if latitude is not None or postcode or city:
        location = Location.objects.create(
            name=f"{name} office", latitude=latitude, longitude=longitude, address_1="1 Test Street",
            city=city or "Testtown", postal_code=postcode,
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    service.terms.set(TaxonomyTerm.objects.filter(slug__in=terms))
    service.terms.commit()
    return service


def new_id() -> str:
    return str(uuid.uuid4())
