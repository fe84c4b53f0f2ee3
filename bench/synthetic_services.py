#!/usr/bin/env python3
"""Synthetic services for the scale benchmark (`bench/scale.py`). Never for a real site.

Fills the directory of a throwaway bench hub with N made-up services shaped like real ones: an
organisation, 0–2 locations with English postcodes, towns and coordinates (so `near=` searches
sort by distance), phones from Ofcom's drama range, languages, kinds of help and audiences from
the starter taxonomy, service areas, opening hours. Every name says "Synthetic", every e-mail and
website is under example.org, and the source says the record is benchmark data.

The same seed gives the same records (ids included). Rows go in with bulk_create: 50,000
services and their children take well under a minute on a laptop.

It refuses to run unless all of these hold:
  * `--i-know-this-is-a-bench-db` is given;
  * DJANGO_ENV is not production (the bench runner generates before it serves in production mode);
  * DATABASE_URL names a SQLite file in a folder whose name starts with `hub-bench` (the bench
    runners' temporary folders);
  * the database holds no service other than the starter services and earlier synthetic ones.

    DJANGO_ENV=development DATABASE_URL=sqlite:////tmp/hub-bench-x/db.sqlite3 \\
        python bench/synthetic_services.py --count 10000 --i-know-this-is-a-bench-db
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAG = "--i-know-this-is-a-bench-db"
BENCH_FOLDER_PREFIX = "hub-bench"
SOURCE = "Synthetic benchmark data (bench/synthetic_services.py): not a real service."
EMAIL_DOMAIN = "example.org"

# Town, postcode districts, latitude, longitude, local authority (as in romahub/places/data).
TOWNS = [
    ("Derby", ["DE1", "DE21", "DE22", "DE23", "DE24"], 52.922, -1.476, "Derby"),
    ("Leicester", ["LE1", "LE2", "LE3", "LE4", "LE5"], 52.636, -1.133, "Leicester"),
    ("Nottingham", ["NG1", "NG2", "NG3", "NG5", "NG7"], 52.954, -1.158, "Nottingham"),
    ("Sheffield", ["S1", "S2", "S3", "S4", "S9"], 53.381, -1.470, "Sheffield"),
    ("Rotherham", ["S60", "S61", "S65"], 53.430, -1.357, "Rotherham"),
    ("Doncaster", ["DN1", "DN2", "DN4"], 53.523, -1.128, "Doncaster"),
    ("Leeds", ["LS1", "LS2", "LS7", "LS8", "LS9"], 53.800, -1.549, "Leeds"),
    ("Bradford", ["BD1", "BD3", "BD5", "BD8"], 53.795, -1.759, "Bradford"),
    ("Huddersfield", ["HD1", "HD2", "HD5"], 53.645, -1.785, "Kirklees"),
    ("Wakefield", ["WF1", "WF2"], 53.683, -1.498, "Wakefield"),
    ("Manchester", ["M1", "M8", "M12", "M13", "M40"], 53.481, -2.242, "Manchester"),
    ("Oldham", ["OL1", "OL4", "OL8"], 53.541, -2.118, "Oldham"),
    ("Rochdale", ["OL11", "OL12", "OL16"], 53.616, -2.155, "Rochdale"),
    ("Bolton", ["BL1", "BL2", "BL3"], 53.578, -2.429, "Bolton"),
    ("Blackburn", ["BB1", "BB2"], 53.748, -2.482, "Blackburn with Darwen"),
    ("Preston", ["PR1", "PR2"], 53.763, -2.703, "Lancashire"),
    ("Liverpool", ["L1", "L6", "L7", "L8", "L13"], 53.408, -2.992, "Liverpool"),
    ("Birmingham", ["B1", "B6", "B10", "B11", "B19"], 52.486, -1.890, "Birmingham"),
    ("West Bromwich", ["B70", "B71"], 52.519, -1.995, "Sandwell"),
    ("Walsall", ["WS1", "WS2"], 52.586, -1.982, "Walsall"),
    ("Wolverhampton", ["WV1", "WV2", "WV10"], 52.586, -2.129, "Wolverhampton"),
    ("Coventry", ["CV1", "CV2", "CV6"], 52.406, -1.512, "Coventry"),
    ("Stoke-on-Trent", ["ST1", "ST4", "ST6"], 53.003, -2.180, "Stoke-on-Trent"),
    ("Telford", ["TF1", "TF3"], 52.678, -2.445, "Telford and Wrekin"),
    ("Newcastle upon Tyne", ["NE1", "NE4", "NE6"], 54.978, -1.617, "Newcastle upon Tyne"),
    ("Gateshead", ["NE8", "NE10"], 54.952, -1.604, "Gateshead"),
    ("Sunderland", ["SR1", "SR4"], 54.906, -1.381, "Sunderland"),
    ("Middlesbrough", ["TS1", "TS3"], 54.574, -1.235, "Middlesbrough"),
    ("Hull", ["HU1", "HU3", "HU5"], 53.745, -0.336, "Hull"),
    ("York", ["YO1", "YO10"], 53.960, -1.087, "York"),
    ("Lincoln", ["LN1", "LN2", "LN5"], 53.230, -0.540, "Lincolnshire"),
    ("Boston", ["PE21"], 52.977, -0.027, "Lincolnshire"),
    ("Peterborough", ["PE1", "PE2", "PE3"], 52.573, -0.241, "Peterborough"),
    ("Northampton", ["NN1", "NN2", "NN5"], 52.240, -0.902, "West Northamptonshire"),
    ("Kettering", ["NN15", "NN16"], 52.398, -0.727, "North Northamptonshire"),
    ("Corby", ["NN17", "NN18"], 52.488, -0.701, "North Northamptonshire"),
    ("Luton", ["LU1", "LU2", "LU4"], 51.879, -0.417, "Luton"),
    ("Cambridge", ["CB1", "CB4"], 52.205, 0.122, "Cambridgeshire"),
    ("Norwich", ["NR1", "NR2", "NR3"], 52.630, 1.297, "Norfolk"),
    ("Ipswich", ["IP1", "IP3", "IP4"], 52.057, 1.148, "Suffolk"),
    ("Chelmsford", ["CM1", "CM2"], 51.736, 0.469, "Essex"),
    ("Southend-on-Sea", ["SS1", "SS2"], 51.538, 0.714, "Southend-on-Sea"),
    ("Chatham", ["ME4", "ME5"], 51.378, 0.527, "Medway"),
    ("Maidstone", ["ME14", "ME15"], 51.272, 0.522, "Kent"),
    ("Brighton", ["BN1", "BN2"], 50.822, -0.137, "Brighton and Hove"),
    ("Southampton", ["SO14", "SO15", "SO17"], 50.909, -1.404, "Southampton"),
    ("Portsmouth", ["PO1", "PO4"], 50.805, -1.087, "Portsmouth"),
    ("Reading", ["RG1", "RG2", "RG30"], 51.454, -0.978, "Reading"),
    ("Slough", ["SL1", "SL2"], 51.511, -0.595, "Slough"),
    ("Oxford", ["OX1", "OX4"], 51.752, -1.258, "Oxfordshire"),
    ("Swindon", ["SN1", "SN2"], 51.556, -1.780, "Swindon"),
    ("Gloucester", ["GL1", "GL4"], 51.864, -2.244, "Gloucestershire"),
    ("Bristol", ["BS1", "BS2", "BS5", "BS13"], 51.455, -2.588, "Bristol"),
    ("Exeter", ["EX1", "EX4"], 50.718, -3.534, "Devon"),
    ("Plymouth", ["PL1", "PL4"], 50.375, -4.143, "Plymouth"),
    ("Hackney", ["E5", "E8", "E9"], 51.545, -0.055, "Hackney"),
    ("Stratford", ["E13", "E15", "E16"], 51.525, 0.035, "Newham"),
    ("Whitechapel", ["E1", "E3"], 51.515, -0.032, "Tower Hamlets"),
    ("Tottenham", ["N15", "N17"], 51.588, -0.072, "Haringey"),
    ("Willesden", ["NW10"], 51.546, -0.239, "Brent"),
    ("Ealing", ["W5", "W13"], 51.513, -0.305, "Ealing"),
    ("Croydon", ["CR0"], 51.372, -0.100, "Croydon"),
    ("Enfield", ["EN1", "EN3"], 51.652, -0.081, "Enfield"),
    ("Peckham", ["SE5", "SE15"], 51.474, -0.069, "Southwark"),
    ("Lewisham", ["SE13"], 51.462, -0.010, "Lewisham"),
]
HELP_TERMS = [
    "advocacy", "interpreting", "legal-advice", "family-support", "community-group", "faith-group",
    "training-for-professionals", "mental-health", "housing-and-welfare", "childrens-rights",
]
AUDIENCE_TERMS = ["parents-and-families", "children-and-young-people", "professionals"]
LANGUAGES = [("ro", "Romanian"), ("sk", "Slovak"), ("rom", "Romani"), ("cs", "Czech"), ("hu", "Hungarian"),
             ("pl", "Polish"), ("bg", "Bulgarian")]
KINDS = ["advocacy", "interpreting", "advice line", "family support", "drop-in", "youth project",
         "legal clinic", "parents' group", "outreach", "casework", "helpline", "welfare advice"]
WORDS = (
    "advice advocacy interpreting family support conference children parents Roma Slovak Romanian Czech "
    "court housing school welfare mental health youth rights legal community faith training outreach "
    "helpline casework translation benefits education safeguarding meeting plan social worker report "
    "appeal complaint independent free confidential volunteer women fathers mothers teenagers toddlers "
    "church mosque library centre evening weekend phone online visit home"
).split()
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
STREETS = ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane", "Park Road",
           "London Road", "Queen Street", "King Street", "Market Place", "Chapel Street", "New Road"]
WEEKDAYS = "MO,TU,WE,TH,FR"


def refuse_unless_bench_db(argv: list[str], environ=os.environ) -> Path:
    """The SQLite file to fill, or SystemExit saying why this is not a bench database."""
    if FLAG not in argv:
        raise SystemExit(f"Refusing: synthetic services are only for a bench database; pass {FLAG}.")
    if environ.get("DJANGO_ENV", "development").strip() == "production":
        raise SystemExit("Refusing: DJANGO_ENV=production. Synthetic services never go into a real site.")
    url = environ.get("DATABASE_URL", "").strip()
    if not url.startswith("sqlite:///"):
        raise SystemExit("Refusing: DATABASE_URL must name the bench hub's SQLite file (sqlite:///…).")
    path = Path(url.removeprefix("sqlite:///"))
    if not path.parent.name.startswith(BENCH_FOLDER_PREFIX):
        raise SystemExit(f"Refusing: {path} is not in a bench folder (a folder named {BENCH_FOLDER_PREFIX}*).")
    return path


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "romahub.settings")
    import django

    django.setup()


def _check_no_real_services() -> None:
    import json

    from romahub.directory.models import Service

    starter = json.loads((ROOT / "romahub/directory/data/starter_services.json").read_text(encoding="utf-8"))
    starter_ids = [record["id"] for record in starter["services"]]
    if Service.objects.exclude(pk__in=starter_ids).exclude(source=SOURCE).exists():
        raise SystemExit("Refusing: this database holds services that are neither starter nor synthetic.")


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice(UNIT_LETTERS)}{rng.choice(UNIT_LETTERS)}"


def _phone(rng: random.Random) -> str:
    # Ofcom keeps these ranges for drama: they never ring anyone.
    return rng.choice([f"01632 960{rng.randint(0, 999):03d}", f"020 7946 0{rng.randint(0, 999):03d}"])


def generate(count: int, seed: int = 42) -> dict:
    """Add `count` synthetic services (numbered after any already there). Django must be set up."""
    from django.db import connection, transaction

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
    from romahub.directory.search import changed
    from romahub.places.models import LocalAuthority

    first = Service.objects.filter(source=SOURCE).count() + 1
    rng = random.Random(f"{seed}:{first}")  # adding more later continues with new records, not repeats
    terms = {term.slug: term.pk for term in TaxonomyTerm.objects.all()}
    missing = [slug for slug in HELP_TERMS + AUDIENCE_TERMS if slug not in terms]
    if missing:
        raise SystemExit(f"The starter taxonomy is not loaded (missing {', '.join(missing)}).")
    authorities = dict(LocalAuthority.objects.values_list("name", "pk"))
    all_authorities = list(authorities.values())
    through = Service.terms.through
    today = date(2026, 1, 1)
    started = time.perf_counter()

    organizations, services, locations, links, phones, languages, schedules, areas, service_terms = ([] for _ in range(9))
    org_ids: list[uuid.UUID] = []
    for number in range(first, first + count):
        if not org_ids or rng.random() < 0.3:  # about three services per organisation
            org_id = _uuid(rng)
            org_ids.append(org_id)
            organizations.append(Organization(  # numbered after the first service it runs
                id=org_id, name=f"Synthetic organisation {number:05d}",
                description=f"Synthetic benchmark organisation {number:05d}: {' '.join(rng.sample(WORDS, 8))}.",
                website=f"https://synthetic-org-{number:05d}.{EMAIL_DOMAIN}/",
                email=f"org{number:05d}@{EMAIL_DOMAIN}",
            ))
        home = rng.choice(TOWNS)
        kind = rng.choice(KINDS)
        service_id = _uuid(rng)
        cost = rng.choices(["free", "paid", ""], weights=[6, 2, 2])[0]
        words = " ".join(rng.sample(WORDS, rng.randint(10, 18)))
        translated = rng.random() < 0.4
        services.append(Service(
            id=service_id, organization_id=org_ids[-1],
            name=f"Synthetic service {number:05d}: {kind} in {home[0]}",
            name_sk=f"Syntetická služba {number:05d} ({home[0]})" if translated else "",
            name_ro=f"Serviciu sintetic {number:05d} ({home[0]})" if translated else "",
            description=f"Synthetic benchmark record, not a real service. {kind.capitalize()} in {home[0]}: {words}.",
            description_sk=f"Syntetický záznam na meranie výkonu, nie skutočná služba. {words}." if translated else "",
            description_ro=f"Înregistrare sintetică pentru măsurători, nu un serviciu real. {words}." if translated else "",
            url=f"https://synthetic-{number:05d}.{EMAIL_DOMAIN}/" if rng.random() < 0.7 else "",
            email=f"service{number:05d}@{EMAIL_DOMAIN}" if rng.random() < 0.6 else "",
            status=rng.choices(["active", "temporarily closed", "inactive", "defunct"], weights=[90, 4, 3, 3])[0],
            cost=cost, fees="Ask about fees." if cost == "paid" else "",
            minimum_age=rng.choice([None, None, 0, 11, 16]), maximum_age=rng.choice([None, None, 18, 25]),
            source=SOURCE, last_verified=today - timedelta(days=rng.randint(0, 700)) if rng.random() < 0.5 else None,
        ))
        located = rng.choices([0, 1, 2], weights=[15, 70, 15])[0]
        for index in range(located):
            town = home if index == 0 else rng.choice(TOWNS)
            location_id = _uuid(rng)
            locations.append(Location(
                id=location_id, address_id=_uuid(rng), name=f"Synthetic centre {number:05d}-{index + 1}",
                latitude=round(town[2] + rng.uniform(-0.05, 0.05), 5),
                longitude=round(town[3] + rng.uniform(-0.08, 0.08), 5),
                address_1=f"{rng.randint(1, 240)} {rng.choice(STREETS)}", city=town[0],
                postal_code=_postcode(rng, rng.choice(town[1])),
            ))
            links.append(ServiceAtLocation(id=_uuid(rng), service_id=service_id, location_id=location_id))
        for _ in range(rng.choices([0, 1, 2], weights=[10, 70, 20])[0]):
            phones.append(Phone(id=_uuid(rng), service_id=service_id, number=_phone(rng), description="Synthetic line"))
        spoken = [("en", "English")] + rng.sample(LANGUAGES, rng.choices([0, 1, 2, 3], weights=[30, 40, 20, 10])[0])
        for code, name in spoken:
            note = "Synthetic dialect note" if code == "rom" else ""
            languages.append(ServiceLanguage(id=_uuid(rng), service_id=service_id, code=code, name=name, note=note))
        if rng.random() < 0.8:
            opens = clock(rng.choice([8, 9, 10]))
            schedules.append(Schedule(id=_uuid(rng), service_id=service_id, byday=WEEKDAYS, opens_at=opens,
                                      closes_at=clock(rng.choice([16, 17, 18]))))
            if rng.random() < 0.3:
                schedules.append(Schedule(id=_uuid(rng), service_id=service_id, byday="SA", opens_at=clock(10),
                                          closes_at=clock(13)))
        if rng.random() < 0.1 or not located:
            areas.append(ServiceArea(id=_uuid(rng), service_id=service_id, name="England"))
        else:
            areas.append(ServiceArea(id=_uuid(rng), service_id=service_id, local_authority_id=authorities.get(home[4])))
            if rng.random() < 0.2:
                areas.append(ServiceArea(id=_uuid(rng), service_id=service_id,
                                         local_authority_id=rng.choice(all_authorities)))
        chosen = rng.sample(HELP_TERMS, rng.choices([1, 2, 3], weights=[50, 35, 15])[0])
        chosen += rng.sample(AUDIENCE_TERMS, rng.choice([0, 1, 1, 2]))
        service_terms.extend(through(service_id=service_id, taxonomyterm_id=terms[slug]) for slug in chosen)

    built = time.perf_counter()
    with transaction.atomic():
        for model, rows in ((Organization, organizations), (Location, locations), (Service, services),
                            (ServiceAtLocation, links), (Phone, phones), (ServiceLanguage, languages),
                            (Schedule, schedules), (ServiceArea, areas), (through, service_terms)):
            model.objects.bulk_create(rows, batch_size=2000)
        changed()  # bulk_create sends no signals
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "services": len(services), "organizations": len(organizations), "locations": len(locations),
        "phones": len(phones), "languages": len(languages), "terms": len(service_terms), "areas": len(areas),
        "schedules": len(schedules), "build_seconds": round(built - started, 2),
        "insert_seconds": round(time.perf_counter() - built, 2),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="how many synthetic services to add")
    parser.add_argument("--seed", type=int, default=42, help="the same seed gives the same records (default 42)")
    parser.add_argument(FLAG, dest="confirmed", action="store_true", help="required: this database is a throwaway bench hub")
    args = parser.parse_args(argv)
    refuse_unless_bench_db(argv)
    _setup_django()
    _check_no_real_services()
    report = generate(args.count, args.seed)
    print(" ".join(f"{key}={value}" for key, value in report.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
