"""schemathesis over both APIs, in-process through the WSGI app (issue 13; SECURITY.md 1.5 A1).

The ORUK API is described by the profile's own OpenAPI document, as the API serves it at
/api/oruk/openapi.json; its schemas cite the profile's files on GitHub, which are read here from
the copy under romahub/directory/standards (no network). The Mishto register is described by
romahub/mishto/openapi.json, as /api/mishto/openapi.json serves it.

Checks: all of schemathesis's (`--checks all`): no 5xx, every status, header and body as
documented, invalid input refused and valid input accepted, 405 with `Allow` for other methods.
The ORUK API is judged against the document it serves (romahub/directory/openapi.py), which
documents its 400 and 404 answers and its bounds where the profile's document is silent. Bounded and deterministic:
a fixed seed, derandomized, at most `MAX_EXAMPLES` generated requests per operation, no deadline.
"""

import copy
import json
from pathlib import Path

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS as REGISTRY
from schemathesis.checks import load_all_checks

from romahub.directory.openapi import PROFILE_DOCUMENT as ORUK_OPENAPI
from romahub.directory.openapi import served_document
from romahub.mishto.api import OPENAPI as MISHTO_OPENAPI

MAX_EXAMPLES = 30
REMOTE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
SCHEMA_DIR = Path(ORUK_OPENAPI).parent
load_all_checks()
# Every check schemathesis has (its CLI's `--checks all`).
CHECKS = REGISTRY.get_all()

CONFIG = {
    "seed": 13,
    "suppress-health-check": ["all"],
    "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
    "phases": {"examples": {"enabled": True}, "coverage": {"enabled": True}, "fuzzing": {"enabled": True},
               "stateful": {"enabled": False}},
}


def _local_refs(document: dict) -> dict:
    """The ORUK document with each cited profile schema copied into `components.schemas`."""
    document = copy.deepcopy(document)
    schemas = document.setdefault("components", {}).setdefault("schemas", {})

    def component(relative: str) -> str:
        name = "oruk_" + relative.removesuffix(".json").replace("/", "_")
        if name not in schemas:
            schemas[name] = {}
            loaded = json.loads((SCHEMA_DIR / relative).read_text())
            loaded.pop("$schema", None), loaded.pop("$id", None)
            schemas[name] = rewrite(loaded, relative.rpartition("/")[0])
        return f"#/components/schemas/{name}"

    def rewrite(node, base: str):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "$ref" and isinstance(value, str) and value.startswith(REMOTE):
                    out[key] = component(value.removeprefix(REMOTE))
                elif key == "$ref" and isinstance(value, str) and not value.startswith("#"):
                    out[key] = component(f"{base}/{value}" if base else value)
                else:
                    out[key] = rewrite(value, base)
            return out
        if isinstance(node, list):
            return [rewrite(item, base) for item in node]
        return node

    rewritten = rewrite(document, "")
    rewritten["components"]["schemas"] = schemas
    return rewritten


def _oruk_schema():
    document = _local_refs(served_document("/api/oruk"))
    schema = schemathesis.openapi.from_dict(document, config=schemathesis.Config.from_dict(CONFIG))
    schema.app = get_wsgi_application()
    return schema


def _mishto_schema():
    document = json.loads(MISHTO_OPENAPI.read_text())
    schema = schemathesis.openapi.from_dict(document, config=schemathesis.Config.from_dict(CONFIG))
    schema.app = get_wsgi_application()
    return schema


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    """As Django's test Client does: a request through the WSGI app must not close the database
    connection the test's transaction runs in (on PostgreSQL it did, and every later query failed)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def councils():
    """An awarded council and a committed one, so the register has both shapes of entry."""
    import datetime

    from django.utils import timezone

    from romahub.mishto.charter import current_version
    from romahub.mishto.models import Participation
    from romahub.places.models import LocalAuthority

    for slug, status, awarded_on in (("derby", "awarded", timezone.localdate() - datetime.timedelta(days=100)),
                                     ("rotherham", "committed", None)):
        Participation.objects.create(
            authority=LocalAuthority.objects.get(slug=slug), version=current_version(), status=status,
            signatory_name="A. Person", signatory_role="Director", signed_on=datetime.date(2026, 10, 1),
            statement="We commit.", awarded_on=awarded_on,
        )


# Schemathesis's WSGI transport asks for gzip as `requests` does but reads the body undecoded;
# compression has its own tests (romahub/core/tests/test_compression.py).
PLAIN = {"Accept-Encoding": "identity"}


def _failures(schema) -> list[str]:
    """Every operation, with valid and with invalid inputs; what failed, with the request to repeat it."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(derandomize=True, deadline=None, database=None, max_examples=MAX_EXAMPLES,
                      phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                try:
                    case.call_and_validate(checks=CHECKS, headers=PLAIN)
                except Exception as error:  # noqa: BLE001 - schemathesis reports failed checks as exceptions
                    failures.append(f"{case.as_curl_command()}\n    {type(error).__name__}: {str(error)[:1500]}")

            try:
                run()
            except Unsatisfiable:
                # Nothing invalid can be made for an operation that takes no input ("/" of ORUK).
                assert mode is GenerationMode.NEGATIVE and not operation.definition.raw.get("parameters"), operation.label
    return failures


@pytest.mark.django_db
def test_oruk_api_never_fails_and_answers_as_documented():
    failures = _failures(_oruk_schema())
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(failures[:10])


@pytest.mark.django_db
def test_mishto_api_never_fails_and_answers_as_documented(councils):
    failures = _failures(_mishto_schema())
    assert not failures, f"{len(failures)} failed:\n" + "\n".join(failures[:10])


@pytest.mark.django_db
def test_every_oruk_record_matches_its_documented_schema():
    """Generated ids are almost never real: each real record's page is checked as well."""
    from romahub.directory.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm

    schema = _oruk_schema()
    records = {
        "/services/{id}": Service.objects.all(), "/taxonomies/{id}": Taxonomy.objects.all(),
        "/taxonomy_terms/{id}": TaxonomyTerm.objects.all(), "/service_at_locations/{id}": ServiceAtLocation.objects.all(),
    }
    checked = 0
    for path, queryset in records.items():
        operation = schema[path]["GET"]
        for pk in queryset.values_list("pk", flat=True)[:20]:
            response = operation.Case(path_parameters={"id": str(pk)}).call_and_validate(checks=CHECKS, headers=PLAIN)
            assert response.status_code == 200, (path, pk)
            checked += 1
    assert checked >= 4
