#!/usr/bin/env python3
"""The directory at scale: search and the ORUK API with 1,000, 10,000 and 50,000 services.

`make bench-scale` runs this. For each size it builds a fresh hub in a temporary folder and
serves it exactly as `bench/run.py` does (gunicorn, production mode, 2 workers; its functions
are reused), fills the directory with synthetic services (`bench/synthetic_services.py`, which
refuses any database but a bench hub's), then measures with wrk at 10 connections:
  * search pages, in four families of a few hundred different URLs each, cycled by a Lua
    script: words (`q`), filters (kind of help, audience, language, free, council area),
    places (`near=` a postcode district, a town or a full postcode, so results are sorted by
    distance) and a mix of all of them with plain listings; varied pages too;
  * the ORUK API, `/api/oruk/services?per_page=50&page=K` for many different K.
The mixed search and the API are also measured at 1 connection (no queueing: the time one
request takes).

Every search is a real one: the hub is served with PAGE_CACHE_ENABLED=false, so the anonymous
page cache (romahub.core.middleware) never answers, and the script checks that no response
says `X-Page-Cache: hit`. The API is JSON, which that cache never stores.

Budgets (the scale issue): search p95 ≤ 50 ms at 10 connections with 50,000 services, for every
family; an API page of 50 p95 ≤ 100 ms at 10 connections, at every size. It writes
bench/results/scale-<date>.json, prints a Markdown table, and exits 1 if a budget is broken.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic_services  # noqa: E402  (beside this file)
from run import HEADERS, ROOT, build, serve  # noqa: E402

SIZES = (1_000, 10_000, 50_000)
CONNECTIONS = 10
URLS_PER_FAMILY = 400
WARM_UP_SECONDS = 3
BUDGETS = {"search_p95_ms_at_10": 50.0, "search_budget_from_size": 50_000, "api_page_p95_ms_at_10": 100.0}
SEARCH_FAMILIES = ("words", "filters", "near", "mixed")
LANGUAGE_PREFIXES = ["en"] * 6 + ["sk"] * 2 + ["ro"] * 2
WRK_SCRIPT = """
-- Cycle through the paths in the file named after `--`; each thread starts at its own offset.
local paths, counter = {}, 0
local thread_number = 0

function setup(thread)
  thread:set("offset", thread_number * 7919)
  thread_number = thread_number + 1
end

function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.3f, "p50_us": %d, "p90_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "non_2xx": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        sizes.append(int(float(part[:-1]) * 1000) if part.endswith("k") else int(part))
    return sizes


def run_wrk_paths(base: str, paths: list[str], connections: int, seconds: int, workdir: Path) -> dict:
    """wrk over many different paths: requests per second and latency percentiles in ms."""
    script = workdir / "paths.lua"
    script.write_text(WRK_SCRIPT)
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-H", "X-Forwarded-Proto: https", "-s", str(script), base + "/", "--", str(listing),
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    raw = json.loads(line.removeprefix("RESULT "))
    result = {"rps": round(raw["requests"] / raw["seconds"], 1), "requests": raw["requests"]}
    for key in ("p50", "p90", "p95", "p99", "max"):
        result[f"{key}_ms"] = round(raw[f"{key}_us"] / 1000, 2)
    result["non_2xx"] = raw["non_2xx"]
    result["socket_errors"] = raw["socket_errors"]
    return result


def what_the_directory_holds(db: Path) -> dict:
    """Places, council areas and service counts to build real queries from (read-only)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT DISTINCT postal_code, city FROM directory_location WHERE latitude IS NOT NULL AND postal_code != ''"
        ).fetchall()
        authorities = [row[0] for row in connection.execute(
            "SELECT DISTINCT places_localauthority.slug FROM places_localauthority JOIN directory_servicearea "
            "ON directory_servicearea.local_authority_id = places_localauthority.id ORDER BY 1"
        )]
        listed = connection.execute(
            "SELECT COUNT(*) FROM directory_service WHERE status IN ('active', 'temporarily closed')"
        ).fetchone()[0]
        services = connection.execute("SELECT COUNT(*) FROM directory_service").fetchone()[0]
    postcodes = sorted({postcode for postcode, _city in rows})
    return {
        "postcodes": postcodes,
        "districts": sorted({postcode.split()[0] for postcode in postcodes}),
        "towns": sorted({city for _postcode, city in rows if city}),
        "authorities": authorities,
        "listed": listed,
        "services": services,
    }


def search_paths(family: str, held: dict, rng: random.Random, count: int) -> list[str]:
    words = synthetic_services.WORDS + [town for town, *_rest in synthetic_services.TOWNS] + ["zzyzx", "synthetic"]
    per_page = 20
    paths = []
    while len(paths) < count:
        kind = family if family != "mixed" else rng.choice(["words", "filters", "near", "plain"])
        params: list[tuple[str, str]] = []
        if kind == "words":
            params.append(("q", " ".join(rng.sample(words, rng.choice([1, 1, 1, 2])))))
            if rng.random() < 0.2:
                params.append(("help", rng.choice(synthetic_services.HELP_TERMS)))
        elif kind == "filters":
            for term in rng.sample(synthetic_services.HELP_TERMS, rng.choice([0, 1, 1, 2])):
                params.append(("help", term))
            if rng.random() < 0.3:
                params.append(("audience", rng.choice(synthetic_services.AUDIENCE_TERMS)))
            if rng.random() < 0.4:
                params.append(("language", rng.choice([code for code, _name in synthetic_services.LANGUAGES])))
            if rng.random() < 0.3:
                params.append(("free", "on"))
            if rng.random() < 0.4 or not params:
                params.append(("la", rng.choice(held["authorities"])))
        elif kind == "near":
            place = rng.random()
            if place < 0.4:
                params.append(("near", rng.choice(held["districts"])))
            elif place < 0.7:
                params.append(("near", rng.choice(held["towns"])))
            else:
                params.append(("near", rng.choice(held["postcodes"])))
            if rng.random() < 0.3:
                params.append(("help", rng.choice(synthetic_services.HELP_TERMS)))
            if rng.random() < 0.2:
                params.append(("free", "on"))
        # Mostly the first page, as readers do; sometimes the next few; now and then any page at
        # all, as a crawler following the pagination would ask.
        last_page = max(1, math.ceil(held["listed"] / per_page))
        page = rng.choices([1, rng.randint(2, 5), rng.randint(1, last_page)], weights=[78, 20, 2])[0]
        if page > 1:
            params.append(("page", str(page)))
        query = urllib.parse.urlencode(params)
        paths.append(f"/{rng.choice(LANGUAGE_PREFIXES)}/services/" + (f"?{query}" if query else ""))
    return paths


def api_paths(held: dict, rng: random.Random, count: int) -> list[str]:
    pages = max(1, math.ceil(held["services"] / 50))
    return [f"/api/oruk/services?per_page=50&page={rng.randint(1, pages)}" for _ in range(count)]


def check_real_searches(base: str, paths: list[str]) -> None:
    """Each path answers 200, twice, and never from the page cache."""
    for path in paths:
        for _ in range(2):
            request = urllib.request.Request(base + path, headers=HEADERS)
            with urllib.request.urlopen(request, timeout=30) as response:
                if response.status != 200:
                    raise SystemExit(f"{path}: {response.status}")
                if response.headers.get("X-Page-Cache") == "hit":
                    raise SystemExit(f"{path} came from the page cache: the bench would measure the cache.")


def measure_size(size: int, args) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"{synthetic_services.BENCH_FOLDER_PREFIX}-scale-"))
    server = None
    try:
        started = time.perf_counter()
        env = build(workdir)
        built = time.perf_counter()
        generator_env = dict(env, DJANGO_ENV="development", DEBUG="false")
        command = [sys.executable, str(Path(__file__).with_name("synthetic_services.py")), "--count", str(size),
                   "--seed", str(args.seed), synthetic_services.FLAG]
        generated = subprocess.run(command, cwd=ROOT, env=generator_env, check=True, capture_output=True, text=True)
        generation_seconds = round(time.perf_counter() - built, 1)
        # Served after the services are in, as a live site is: each worker builds its search index
        # as it starts (romahub/wsgi.py), before it takes requests.
        server, base = serve(env)
        held = what_the_directory_holds(workdir / "db.sqlite3")
        rng = random.Random(f"{args.seed}:{size}")
        families = {family: search_paths(family, held, rng, URLS_PER_FAMILY) for family in SEARCH_FAMILIES}
        api = api_paths(held, rng, URLS_PER_FAMILY)
        check_real_searches(base, [families["mixed"][0], families["near"][0], api[0]])
        # Warm both workers (templates, translations, SQLite's cache), as a live site would be.
        run_wrk_paths(base, families["mixed"] + api, CONNECTIONS, WARM_UP_SECONDS, workdir)
        entry = {
            "services": size, "listed": held["listed"], "build_seconds": round(built - started, 1),
            "generation_seconds": generation_seconds, "generator": generated.stdout.strip(),
            "distinct_paths": {family: len(set(paths)) for family, paths in families.items()} | {"api": len(set(api))},
            "runs": {},
        }
        for family, paths in families.items():
            print(f"  {size:>6} services: search {family} …", file=sys.stderr)
            entry["runs"][f"search-{family}"] = {"c10": run_wrk_paths(base, paths, CONNECTIONS, args.seconds, workdir)}
        entry["runs"]["search-mixed"]["c1"] = run_wrk_paths(base, families["mixed"], 1, args.seconds, workdir)
        print(f"  {size:>6} services: api …", file=sys.stderr)
        entry["runs"]["api-page-50"] = {
            "c10": run_wrk_paths(base, api, CONNECTIONS, args.seconds, workdir),
            "c1": run_wrk_paths(base, api, 1, args.seconds, workdir),
        }
        entry["examples"] = {family: paths[:3] for family, paths in families.items()} | {"api": api[:3]}
        return entry
    finally:
        if server:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"  kept {workdir}", file=sys.stderr)


def broken_budgets(results: dict) -> list[str]:
    broken = []
    for entry in results["sizes"]:
        size = entry["services"]
        for name, run in entry["runs"].items():
            c10 = run["c10"]
            if c10["non_2xx"] or c10["socket_errors"]:
                broken.append(f"{name} at {size}: {c10['non_2xx']} non-2xx, {c10['socket_errors']} socket errors")
            if name.startswith("search-") and size >= BUDGETS["search_budget_from_size"]:
                if c10["p95_ms"] > BUDGETS["search_p95_ms_at_10"]:
                    broken.append(f"{name} p95 {c10['p95_ms']:.0f} ms at {size} services (budget 50)")
            if name == "api-page-50" and c10["p95_ms"] > BUDGETS["api_page_p95_ms_at_10"]:
                broken.append(f"API page of 50 p95 {c10['p95_ms']:.0f} ms at {size} services (budget 100)")
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default=",".join(str(size) for size in SIZES),
                        help="numbers of synthetic services, comma-separated; 10k is 10000 (default 1000,10000,50000)")
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per run (default 8)")
    parser.add_argument("--seed", type=int, default=42, help="seed for the synthetic services and the URLs")
    parser.add_argument("--keep", action="store_true", help="keep each size's temporary hub folder")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench-scale` installs Debian's wrk.")
    # Real searches, not the page cache: build() passes this environment to gunicorn.
    os.environ["PAGE_CACHE_ENABLED"] = "false"

    results = {
        "date": date.today().isoformat(), "workers": 2, "connections": CONNECTIONS, "seconds": args.seconds,
        "seed": args.seed, "page_cache": "off (PAGE_CACHE_ENABLED=false)",
        "sizes": [],
    }
    for size in parse_sizes(args.sizes):
        results["sizes"].append(measure_size(size, args))
    broken = broken_budgets(results)
    results["budgets"] = BUDGETS
    results["broken"] = broken

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"scale-{results['date']}.json").write_text(json.dumps(results, indent=2))

    print(f"\nMeasured {results['date']} with `make bench-scale` (gunicorn, 2 workers, page cache off, "
          f"wrk {args.seconds}s per run):\n")
    print("| services | requests | req/s @10 | p50 / p95 / p99 ms @10 | p50 / p95 ms @1 |")
    print("|---:|---|---:|---:|---:|")
    for entry in results["sizes"]:
        for name, run in entry["runs"].items():
            c10, c1 = run["c10"], run.get("c1")
            single = f"{c1['p50_ms']:.1f} / {c1['p95_ms']:.1f}" if c1 else ""
            print(f"| {entry['services']:,} | {name} | {c10['rps']:.0f} | "
                  f"{c10['p50_ms']:.1f} / {c10['p95_ms']:.1f} / {c10['p99_ms']:.1f} | {single} |")
    print("\nBudgets: " + ("all met." if not broken else "BROKEN: " + "; ".join(broken)))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
