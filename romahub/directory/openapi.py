"""The ORUK API's OpenAPI document as the API serves it: the profile's, made valid and exact.

The profile's own file (standards/oruk-3.0/schema/openapi.json) is kept as published. Served, it
is corrected where it breaks OpenAPI 3.0 (`type: time` is no type; `jsonSchemaDialect` is 3.1's)
or contradicts itself (one service_at_location answered with the service schema),
and completed where the hub's API says more than the profile: the bounds of `page` and
`per_page`, the forms of ids, days, times and distances, and the 400 and 404 answers, each a JSON
message naming what was wrong. A validator or a client then reads the API as it behaves.
"""

import copy
import json
from functools import cache
from pathlib import Path

PROFILE_DOCUMENT = Path(__file__).parent / "standards" / "oruk-3.0" / "schema" / "openapi.json"
MAX_PER_PAGE = 200  # api.py's limit, documented here
MAX_PAGE = 1_000_000
DAY_VALUES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?Z?$", "example": "09:00"}
UUID = {"type": "string", "format": "uuid"}

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "What was wrong, in English."},
        "parameter": {"type": "string", "description": "The query parameter that was wrong, if one was."},
    },
}
BAD_REQUEST = {"description": "A query parameter was not valid; `parameter` names it.",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
NOT_FOUND = {"description": "No record has that id.",
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
NO_SUCH_POSTCODE = {"description": "The postcode is well formed, but no place has it.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
UNAVAILABLE = {"description": "The postcode lookup could not be reached; try again later.",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

PARAMETER_SCHEMAS = {
    "page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": 50},
    "taxonomy_term_id": UUID,
    "taxonomy_id": UUID,
    "minimum_age": {"type": "number", "minimum": 0, "maximum": 1_000_000_000},
    "maximum_age": {"type": "number", "minimum": 0, "maximum": 1_000_000_000},
    "start_time": TIME,
    "end_time": TIME,
    "day": {"type": "string", "enum": DAY_VALUES},
    # A UK postcode or its first half; one the lookup does not know is a 400.
    "postcode": {"type": "string", "pattern": r"^\s*[A-Za-z]{1,2}\d[A-Za-z\d]?(\s*\d[A-Za-z]{2})?\s*$", "example": "DE1 1AA"},
    "proximity": {"type": "number", "minimum": 0, "maximum": 1_000_000_000, "description": "Metres from the postcode's centre; needs `postcode`."},
}


@cache
def _profile() -> dict:
    return json.loads(PROFILE_DOCUMENT.read_text())


def served_document(server_url: str) -> dict:
    document = copy.deepcopy(_profile())
    document.pop("jsonSchemaDialect", None)  # OpenAPI 3.1's; this document is 3.0
    for name, parameter in document["components"]["parameters"].items():
        if name in PARAMETER_SCHEMAS:
            parameter["schema"] = copy.deepcopy(PARAMETER_SCHEMAS[name])
        elif parameter["schema"].get("type") == "time":
            parameter["schema"] = dict(TIME)
        if parameter.get("in") == "query":
            parameter["allowEmptyValue"] = True  # the API reads `?day=` as no `day` at all
    document["components"]["schemas"]["Error"] = ERROR
    # The profile's document gives this answer the service schema, though its own description (and
    # what the endpoint returns) is a fully nested service_at_location.
    answer = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    answer["$ref"] = answer["$ref"].replace("compiled/service.json", "compiled/service_at_location.json")
    for path, item in document["paths"].items():
        for parameter in item.get("parameters", []):
            if parameter.get("in") == "path" and parameter.get("name") == "id":
                parameter["schema"] = {"type": "string"}
        for method, operation in item.items():
            if method != "get":
                continue
            responses = operation.setdefault("responses", {})
            if "{id}" in path:
                responses["404"] = NOT_FOUND
            elif operation.get("parameters"):
                responses["400"] = BAD_REQUEST
            if any(ref.get("$ref", "").endswith("/postcode") for ref in operation.get("parameters", [])):
                responses["404"] = NO_SUCH_POSTCODE
                responses["503"] = UNAVAILABLE
    document["servers"] = [{"url": server_url}]
    return document
