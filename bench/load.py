#!/usr/bin/env python3
"""The hub under load as it will really run: locust, headless, against nginx in front of two
gunicorn servers on one PostgreSQL and one Redis (docs/deploy.md), all on 127.0.0.1.

`make bench-load` runs this. It builds a fresh production-mode hub (DJANGO_ENV=production, a random
SECRET_KEY, migrate, starter content, collectstatic, council accounts) on a fresh PostgreSQL
database beside DATABASE_URL's (default postgres://postgres@127.0.0.1:5432/postgres, the database
made is <its name>_loadbench) and Redis database 3 (REDIS_URL; the tests use 1), starts two gunicorn
servers (tests/hub_server.py) with 2 workers each behind the shipped nginx configuration
(tests/nginx_front.py), then runs `locust --headless` with bench/locustfile.py: readers in English,
Slovak and Romanian, directory searches, the planner, the preparation form's PDF, and council users
signing in and saving their self-assessment. Every request checks its answer (status, content type
and a word the page must hold), so a wrong answer counts as a failure.

At the end: locust's figures per kind of request (requests, failures, p50 / p95 / p99), the memory
of each gunicorn worker (RSS and PSS from /proc/<pid>/smaps_rollup) and the budgets, printed and
written to bench/results/load-<date>.json. Exit status 1 if a budget is broken.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hub_server import _fresh_postgres, hub_environment, prepare_hub, serving  # noqa: E402
from tests.nginx_front import free_port, nginx_in_front  # noqa: E402

COUNCILS = 6
COUNCIL_PASSWORD = "load bench council " + secrets.token_hex(4)
# p99 through nginx, in milliseconds, per kind of request (locust's names in bench/locustfile.py).
P99_BUDGET_MS = {
    # The planner is a page drawn for each question, as a council's page is: either may wait on a
    # sync worker that is drawing a PDF (about 150 ms), so both may take 300 ms at the p99.
    "page": 100, "search": 150, "planner": 300, "prepare form": 150, "prepare pdf": 2000,
    "council sign-in": 500, "council page": 300, "council save": 500,
}
ERRORS_BUDGET = 0
WORKER_MEMORY_BUDGET_MIB = 150
MAKE_COUNCILS = f"""
from django.contrib.auth import get_user_model
from romahub.mishto import workflow
from romahub.mishto.models import Membership
from romahub.places.models import LocalAuthority

for authority in LocalAuthority.objects.order_by("slug")[:{COUNCILS}]:
    email = f"lead@{{authority.slug}}.example"
    user = get_user_model().objects.create_user(email, email, "{COUNCIL_PASSWORD}")
    Membership.objects.create(user=user, authority=authority, is_lead=True)
    workflow.sign(authority, user, signatory_name="Bench signatory", signatory_role="Bench", statement="Bench.")
    print(email)
"""


def database_url() -> str:
    """A fresh database beside DATABASE_URL's, never that one itself. Taken out of this process's
    environment, so that tests/hub_server.py's hub_environment does not make one of its own."""
    base = os.environ.pop("DATABASE_URL", "") or "postgres://postgres@127.0.0.1:5432/postgres"
    if not base.startswith("postgres"):
        sys.exit("bench/load.py runs on PostgreSQL, as production does: DATABASE_URL=postgres://…")
    return _fresh_postgres(base, "loadbench")


def councils(environment: dict) -> list[str]:
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", MAKE_COUNCILS], cwd=ROOT, env=environment,
                         check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip().startswith("lead@")]


def workers_of(master: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{master}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return children


def memory(pid: int) -> dict:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts and parts[0] in ("Rss:", "Pss:"):
            fields[parts[0].rstrip(":").lower() + "_mib"] = round(int(parts[1]) / 1024, 1)
    return fields


def worker_memory(servers) -> list[dict]:
    return [{"server": letter, "pid": pid, **memory(pid)}
            for letter, server in zip("abcdefgh", servers, strict=False) for pid in workers_of(server.pid)]


def read_stats(prefix: Path) -> dict:
    rows = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": float(row["50%"] or 0), "p95_ms": float(row["95%"] or 0), "p99_ms": float(row["99%"] or 0),
                "max_ms": round(float(row["Max Response Time"] or 0)),
            }
    failures = []
    path = Path(f"{prefix}_failures.csv")
    if path.exists():
        with open(path, newline="") as handle:
            failures = [{"name": r["Name"], "error": r["Error"][:300], "occurrences": int(r["Occurrences"])}
                        for r in csv.DictReader(handle)]
    return {"tasks": rows, "failures": failures}


def check_budgets(stats: dict, workers: list[dict]) -> list[str]:
    broken = []
    total = stats["tasks"].get("Aggregated", {})
    if total.get("failures", 1) > ERRORS_BUDGET:
        broken.append(f"{total.get('failures')} failed requests (budget {ERRORS_BUDGET})")
    for name, budget in P99_BUDGET_MS.items():
        row = stats["tasks"].get(name)
        if row is None or row["requests"] == 0:
            broken.append(f"{name}: no requests made")
        elif row["p99_ms"] > budget:
            broken.append(f"{name}: p99 {row['p99_ms']:.0f} ms > {budget} ms")
    for worker in workers:
        if worker["pss_mib"] > WORKER_MEMORY_BUDGET_MIB:
            broken.append(f"worker {worker['pid']} (server {worker['server']}): PSS {worker['pss_mib']} MiB > {WORKER_MEMORY_BUDGET_MIB} MiB")
    return broken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="locust users at once (default 30)")
    parser.add_argument("--spawn-rate", type=float, default=5, help="users started per second (default 5)")
    parser.add_argument("--time", default="75s", help="how long the load lasts (default 75s)")
    parser.add_argument("--servers", type=int, default=2, help="gunicorn servers behind nginx (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="workers per gunicorn server (default 2)")
    parser.add_argument("--warm-up", default="15s", help="a first, unmeasured locust run (default 15s; 0 for none)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs) and say where")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="hub-load-"))
    redis_url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/3"
    https_port = free_port()
    front_url = f"https://127.0.0.1:{https_port}"
    try:
        db_url = database_url()
        environment = hub_environment(workdir, "loadbench", {
            "DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(64), "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost", "CSRF_TRUSTED_ORIGINS": front_url, "BASE_URL": front_url,
            "DATABASE_URL": db_url, "REDIS_URL": redis_url, "CACHE_KEY_PREFIX": f"loadbench-{os.getpid()}",
            "STATIC_ROOT": str(workdir / "static"), "MEDIA_ROOT": str(workdir / "media"),
            "PRIVATE_MEDIA_ROOT": str(workdir / "private"), "TRUSTED_PROXY_COUNT": "1",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        })
        print(f"building the hub on {urlparse(db_url).path.lstrip('/')} and Redis {redis_url} …", file=sys.stderr)
        prepare_hub(environment, (["load_starter_content"], ["collectstatic", "--noinput", "-v0"]))
        accounts = councils(environment)
        results: dict = {
            "date": datetime.now().isoformat(timespec="minutes"), "users": args.users, "spawn_rate": args.spawn_rate,
            "time": args.time, "servers": args.servers, "workers_per_server": args.workers,
            "budgets": {"p99_ms": P99_BUDGET_MS, "failures": ERRORS_BUDGET, "worker_pss_mib": WORKER_MEMORY_BUDGET_MIB},
        }
        with _servers(environment, workdir, args.servers, args.workers) as servers, \
                nginx_in_front(workdir / "nginx", [int(urlparse(s.url).port) for s in servers], workdir / "static",
                               media_root=workdir / "media", https_port=https_port, worker_processes=1) as front:
            env = dict(os.environ, LOAD_COUNCILS=",".join(accounts), LOAD_COUNCIL_PASSWORD=COUNCIL_PASSWORD)
            locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or "locust"

            def run_locust(name: str, users: int, duration: str) -> subprocess.CompletedProcess:
                run = subprocess.run(
                    [locust, "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-H", front.url,
                     "-u", str(users), "-r", str(args.spawn_rate), "-t", duration, "--stop-timeout", "10",
                     "--csv", str(workdir / name), "--only-summary", "--loglevel", "WARNING"],
                    cwd=ROOT, env=env, capture_output=True, text=True,
                )
                (workdir / f"{name}.out").write_text(run.stdout + run.stderr)
                return run

            started = worker_memory(servers)
            if args.warm_up not in ("0", "0s", ""):
                # Every worker's first PDF, first page of each kind and first sign-in load code and
                # fonts: a reader meets that once per worker, after each restart, not under load.
                print(f"warm-up: {args.warm_up} …", file=sys.stderr)
                run_locust("warm-up", max(4, args.users // 5), args.warm_up)
            print(f"locust: {args.users} users for {args.time} against {front.url} …", file=sys.stderr)
            run = run_locust("locust", args.users, args.time)
            workers = worker_memory(servers)
        stats = read_stats(workdir / "locust")
        results.update(stats, workers=workers, workers_at_start=started, locust_exit=run.returncode)
        broken = check_budgets(stats, workers)
        results["broken"] = broken
        out = ROOT / "bench" / "results" / f"load-{date.today().isoformat()}.json"
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(results, indent=2) + "\n")
        print_summary(results)
        print(f"\nwritten to {out.relative_to(ROOT)}")
        if args.keep:
            print(f"logs kept in {workdir}")
        return 1 if broken else 0
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def _servers(environment: dict, workdir: Path, count: int, workers: int):
    """`count` gunicorn servers of the one hub (their processes, each with its .url)."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(serving(environment, workdir / f"server-{chr(97 + i)}.log", workers=workers))
               for i in range(count)]


def print_summary(results: dict) -> None:
    print(f"\n{results['servers']} gunicorn servers × {results['workers_per_server']} workers behind nginx, "
          f"{results['users']} locust users, {results['time']}\n")
    print("| requests of | count | failures | req/s | p50 ms | p95 ms | p99 ms | p99 budget |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, row in results["tasks"].items():
        budget = P99_BUDGET_MS.get(name)
        print(f"| {name} | {row['requests']} | {row['failures']} | {row['rps']} | {row['p50_ms']:.0f} | "
              f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {f'{budget} ms' if budget else ''} |")
    for failure in results["failures"][:10]:
        print(f"  failure: {failure['name']}: {failure['error']} ×{failure['occurrences']}")
    print("\n| gunicorn worker | RSS MiB at start | PSS MiB at start | RSS MiB after | PSS MiB after |\n|---|---:|---:|---:|---:|")
    at_start = {worker["pid"]: worker for worker in results["workers_at_start"]}
    for worker in results["workers"]:
        first = at_start.get(worker["pid"], {})
        print(f"| server {worker['server']} pid {worker['pid']} | {first.get('rss_mib', '–')} | {first.get('pss_mib', '–')} | "
              f"{worker['rss_mib']} | {worker['pss_mib']} |")
    print("\nbudgets: " + ("all met" if not results["broken"] else "BROKEN: " + "; ".join(results["broken"])))


if __name__ == "__main__":
    sys.exit(main())
