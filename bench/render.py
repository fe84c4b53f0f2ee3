#!/usr/bin/env python3
"""How long a page takes to render when the page cache does not have it, and how many queries.

`make bench-render` runs this. It builds a fresh production-mode hub as `make bench` does, then,
in one process with the production settings and the page cache switched off, renders the home
page, a section and a guide in English, Slovak and Romanian through the whole middleware stack
(Django's test client: no network, no gunicorn), 60 times each after one warm-up, and counts the
queries of one render. It also times the first render after public data changed (a new cache
generation: the page outline and the navigation are built again), which in production the task
worker pays, not a reader (romahub/core/page_cache.py).

Budgets (issue 18): median ≤ 8 ms of processor time and ≤ 8 queries for each of these pages
(the clock's median and p90 are shown beside it). Exit status 1 if one is
broken. Results go to bench/results/render-<date>.json.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "home": "/{lang}/",
    "section": "/{lang}/parents/",
    "guide": "/{lang}/parents/child-protection-conference/",
}
LANGUAGES = ("en", "sk", "ro")
BUDGET_MS, BUDGET_QUERIES, RUNS = 8.0, 8, 60


def measure() -> dict:
    """Inside the built hub's environment (see main)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "romahub.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from romahub.core.middleware import invalidate_page_cache

    settings.PAGE_CACHE_ENABLED = False
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="127.0.0.1")
    results = {}
    for pattern in PAGES.values():  # the process's first renders: imports, compiled templates
        client.get(pattern.format(lang="en"))
    for name, pattern in PAGES.items():
        for language in LANGUAGES:
            path = pattern.format(lang=language)
            invalidate_page_cache()
            started = time.perf_counter()
            first = client.get(path)
            first_ms = (time.perf_counter() - started) * 1000
            assert first.status_code == 200, (path, first.status_code)
            queries = []

            def counted(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(counted):
                client.get(path)
            times, cpu = [], []
            for _ in range(RUNS):
                started, started_cpu = time.perf_counter(), time.process_time()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            times.sort()
            results[f"{name} {language}"] = {
                "path": path, "queries": len(queries), "median_ms": statistics.median(times),
                "p90_ms": times[int(len(times) * 0.9)], "median_cpu_ms": statistics.median(cpu),
                "first_after_a_change_ms": first_ms,
            }
    return results


def main() -> int:
    if "--inside" in sys.argv:
        print(json.dumps(measure()))
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from run import build  # bench/run.py: the same fresh production-mode hub as `make bench`

    workdir = Path(tempfile.mkdtemp(prefix="hub-bench-render-"))
    try:
        env = build(workdir)
        env["ALLOWED_HOSTS"] = "127.0.0.1"
        out = subprocess.run([sys.executable, __file__, "--inside"], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True).stdout
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    results = json.loads(out.strip().splitlines()[-1])
    # The budget is on the processor time of a render: on a machine doing other work too, the
    # clock also counts the time the process waited for a core (both are shown).
    broken = [name for name, r in results.items() if r["median_cpu_ms"] > BUDGET_MS or r["queries"] > BUDGET_QUERIES]

    print(f"\nMeasured {date.today().isoformat()} with `make bench-render` (production settings, page cache off, "
          f"median of {RUNS} renders):\n")
    print("| page | queries | median ms (processor) | median / p90 ms (clock) | first render after a change, ms |")
    print("|---|---:|---:|---:|---:|")
    for name, r in results.items():
        print(f"| {name} `{r['path']}` | {r['queries']} | {r['median_cpu_ms']:.1f} | {r['median_ms']:.1f} / "
              f"{r['p90_ms']:.1f} | {r['first_after_a_change_ms']:.1f} |")
    print(f"\nBudgets: median ≤ {BUDGET_MS:.0f} ms and ≤ {BUDGET_QUERIES} queries: "
          + ("all met." if not broken else "BROKEN: " + ", ".join(broken)))
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"render-{date.today().isoformat()}.json").write_text(json.dumps(
        {"date": date.today().isoformat(), "pages": results, "broken": broken}, indent=2))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
