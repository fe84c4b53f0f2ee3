#!/usr/bin/env python3
"""The hub's benchmark: throughput, latency and page weight, as a reader's phone would see them.

`make bench` runs this. It builds a fresh hub in a temporary folder (migrate, starter content,
collectstatic), serves it in production mode with gunicorn (2 workers) on 127.0.0.1, then:
  * wrk: requests per second and p50/p99 latency at 10 and 50 connections, for the home page,
    a section page, a guide page and a search;
  * weight: the gzip size of each page's HTML plus everything it loads (stylesheet, script,
    images), as transferred to a first-time visitor with an empty cache.
  * three ways, at 10 connections, asking for gzip as a browser does, for the pages nginx's proxy
    cache may store (PROXY_CACHED): gunicorn alone; nginx with the shipped configuration
    (deploy/nginx/romahub.conf, over TLS, tests/nginx_front.py) and its proxy cache in front of
    the same gunicorn; and the same nginx serving the very bytes gunicorn sent (gzip and plain,
    with the hub's headers) as static files, the ceiling nginx could reach for that page.
It checks the budgets (guide page ≤ 50 KB in total, stylesheet ≤ 15 KB, home p99 ≤ 50 ms at
10 connections, and each proxy-cached page ≥ 50% of nginx's static figure for it), writes
bench/results/<date>.json and prints Markdown tables for the README.
Exit status 1 if a budget is broken.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/nginx_front.py: nginx from the shipped configuration
from tests.nginx_front import nginx_in_front  # noqa: E402

PATHS = {
    "home": "/en/",
    "section": "/en/parents/",
    "guide": "/en/parents/child-protection-conference/",
    "search": "/en/search/?q=conference",
    "services": "/en/services/?help=advocacy&help=interpreting",
    "resources": "/en/resources/",
    "lawyers": "/en/lawyers/",
    "resource": "/en/resources/children-act-1989/",
    "register": "/en/mishto/",
    "oruk-api": "/api/oruk/services?per_page=50",
}
# Measured three ways. Every page nginx's cache may store, but the search: one query asked again
# and again is a cached page like the others, while real searches are spread over many URLs that
# mostly miss any cache (bench/scale.py measures those). The ORUK API is in: the same JSON for
# every reader, rendered afresh by gunicorn for each request, so where the proxy cache helps most.
PROXY_CACHED = ("home", "section", "guide", "services", "resources", "lawyers", "resource", "register", "oruk-api")
BUDGETS = {"guide_total_bytes": 50 * 1024, "stylesheet_bytes": 15 * 1024, "home_p99_ms_at_10": 50.0,
           "proxy_over_static_at_10": 0.5}
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
GZIP = ["Accept-Encoding: gzip"]
# Headers nginx writes itself, for a static file as for a proxied answer.
NGINX_OWN = {"date", "server", "content-length", "content-encoding", "content-type", "connection",
             "transfer-encoding", "vary", "keep-alive"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict = HEADERS, context=None) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10, context=context) as response:
        return response.read(), dict(response.headers)


def transferred_size(body: bytes, headers: dict) -> int:
    """Bytes on the wire with gzip: as served if already compressed, else as a proxy would gzip it."""
    if headers.get("Content-Encoding") == "gzip":
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def page_weight(base: str, path: str) -> dict:
    html, headers = fetch(base + path)
    if headers.get("Content-Encoding") == "gzip":
        html_text = gzip.decompress(html).decode()
    else:
        html_text = html.decode()
    assets = set(re.findall(r'<(?:script|img|audio|source)[^>]+src="(/[^"]+)"', html_text))
    assets |= set(re.findall(r'<link[^>]+rel="(?:stylesheet|icon)"[^>]+href="(/[^"]+)"', html_text))
    assets |= set(re.findall(r'<link[^>]+href="(/[^"]+)"[^>]+rel="(?:stylesheet|icon)"', html_text))
    sizes = {"html": transferred_size(html, headers)}
    for asset in sorted(assets):
        body, asset_headers = fetch(base + asset)
        sizes[asset] = transferred_size(body, asset_headers)
    return {"total": sum(sizes.values()), "parts": sizes}


def run_wrk(url: str, connections: int, seconds: int, headers: list[str] = ()) -> dict:
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
        "-H", "X-Forwarded-Proto: https", *(arg for header in headers for arg in ("-H", header)), url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency("50"),
        "p99_ms": latency("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def static_copies(base: str, folder: Path) -> str:
    """Each PROXY_CACHED page as gunicorn sends it, gzip and plain, saved in `folder`; and nginx
    locations serving them at /bench-static/<name> with the hub's own headers (the ceiling)."""
    folder.mkdir(parents=True, exist_ok=True)
    locations = []
    for name in PROXY_CACHED:
        plain, headers = fetch(base + PATHS[name], {"X-Forwarded-Proto": "https"})
        compressed, gzip_headers = fetch(base + PATHS[name])
        if gzip_headers.get("Content-Encoding") != "gzip" or gzip.decompress(compressed) != plain:
            raise SystemExit(f"{name}: gunicorn's gzip answer is not the plain one compressed")
        (folder / name).write_bytes(plain)
        (folder / f"{name}.gz").write_bytes(compressed)
        added = []
        for header, value in gzip_headers.items():
            if header.lower() in NGINX_OWN:
                continue
            if "$" in value or "\\" in value:
                raise SystemExit(f"{name}: the header {header} cannot be written in an nginx string")
            escaped = value.replace('"', '\\"')
            added.append(f'        add_header {header} "{escaped}";')
        content_type = headers["Content-Type"].replace('"', "")
        locations.append(
            f"    location = /bench-static/{name} {{\n        alias {folder / name};\n"
            f'        types {{ }}\n        default_type "{content_type}";\n'
            "        gzip_static on;\n        gzip off;\n" + "\n".join(added) + "\n    }"
        )
    return "\n".join(locations)


def three_ways(base: str, workdir: Path, static_root: Path, seconds: int) -> dict:
    """req/s and latency at 10 connections (gzip) of each PROXY_CACHED page: gunicorn alone, nginx's
    proxy cache in front of it, and nginx serving the same bytes as static files."""
    port = urlsplit(base).port
    locations = static_copies(base, workdir / "bench-static")
    results = {}
    with nginx_in_front(workdir / "nginx", [port], static_root, worker_processes="auto",
                        extra_locations=locations) as front:
        tls = front.ssl_context()
        for name in PROXY_CACHED:
            path = PATHS[name]
            fetch(front.url + path, {"Accept-Encoding": "gzip"}, tls)  # stored, as a live site's pages would be
            _, headers = fetch(front.url + path, {"Accept-Encoding": "gzip"}, tls)
            static_body, _ = fetch(front.url + f"/bench-static/{name}", {"Accept-Encoding": "gzip"}, tls)
            if static_body != (workdir / "bench-static" / f"{name}.gz").read_bytes():
                raise SystemExit(f"{name}: nginx did not serve the saved gzip copy")
            entry = {
                "proxy_cache_status": headers.get("X-Proxy-Cache"),
                "gunicorn": run_wrk(base + path, 10, seconds, GZIP),
                "proxy": run_wrk(front.url + path, 10, seconds, GZIP),
                "static": run_wrk(front.url + f"/bench-static/{name}", 10, seconds, GZIP),
            }
            entry["proxy_over_static"] = entry["proxy"]["rps"] / entry["static"]["rps"]
            results[name] = entry
    return results


def build_and_serve(workdir: Path) -> tuple[subprocess.Popen, str, dict]:
    env = build(workdir)
    server, base = serve(env)
    return server, base, env


def build(workdir: Path) -> dict:
    """A fresh production-mode hub in `workdir` (migrated, starter content, static files): its environment."""
    env = dict(os.environ)
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        VAR_DIR=str(workdir),
        STATIC_ROOT=str(workdir / "static"),
        DATABASE_URL=f"sqlite:///{workdir}/db.sqlite3",
        CACHE_KEY_PREFIX=f"bench-{os.getpid()}",
        SECURE_SSL_REDIRECT="false",
    )
    env.pop("DATABASE_URL_BENCH", None)
    python = sys.executable
    for args in (["migrate", "--noinput", "-v0"], ["load_starter_content"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return env


def serve(env: dict) -> tuple[subprocess.Popen, str]:
    """gunicorn with 2 workers on a free port, once the home page answers."""
    python = sys.executable
    port = free_port()
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(
        [gunicorn, "romahub.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--preload",
         "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(base + "/en/")
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.kill()
        raise SystemExit("the hub did not start")
    return server, base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per run (default 10)")
    parser.add_argument("--three-ways-seconds", type=int, default=5,
                        help="wrk duration of each run of the three-way comparison (default 5)")
    parser.add_argument("--base", help="measure an already running hub instead of building one")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench` installs Debian's wrk.")

    workdir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
    server = None
    try:
        if args.base:
            base = args.base.rstrip("/")
        else:
            server, base, _ = build_and_serve(workdir)
        results = {"date": date.today().isoformat(), "workers": 2, "seconds": args.seconds,
                   "three_ways_seconds": args.three_ways_seconds, "pages": {}}
        for name, path in PATHS.items():
            fetch(base + path)  # warm the page cache, as a live site would be
            entry = {"path": path, "weight": page_weight(base, path)}
            for connections in (10, 50):
                entry[f"c{connections}"] = run_wrk(base + path, connections, args.seconds)
            results["pages"][name] = entry
        stylesheet = next(
            (size for part, size in results["pages"]["guide"]["weight"]["parts"].items() if part.endswith(".css")), 0
        )
        results["stylesheet_bytes"] = stylesheet
        if not args.base:  # nginx in front needs the hub's own static files and port
            results["three_ways"] = three_ways(base, workdir, workdir / "static", args.three_ways_seconds)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)

    broken = []
    if results["pages"]["guide"]["weight"]["total"] > BUDGETS["guide_total_bytes"]:
        broken.append("guide page weight")
    if results["stylesheet_bytes"] > BUDGETS["stylesheet_bytes"]:
        broken.append("stylesheet weight")
    if results["pages"]["home"]["c10"]["p99_ms"] > BUDGETS["home_p99_ms_at_10"]:
        broken.append("home p99 at 10 connections")
    if any(results["pages"][n][f"c{c}"]["non_2xx"] for n in PATHS for c in (10, 50)):
        broken.append("non-2xx responses under load")
    for name, entry in results.get("three_ways", {}).items():
        if entry["proxy_cache_status"] != "HIT":
            broken.append(f"{name} not stored by nginx's proxy cache ({entry['proxy_cache_status']})")
        if entry["proxy_over_static"] < BUDGETS["proxy_over_static_at_10"]:
            broken.append(f"{name} behind the proxy cache below half of nginx's static figure")
        if any(entry[way]["non_2xx"] for way in ("gunicorn", "proxy", "static")):
            broken.append(f"{name}: non-2xx responses under load, three ways")
    results["budgets"] = BUDGETS
    results["broken"] = broken

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"{results['date']}.json").write_text(json.dumps(results, indent=2))

    print(f"\nMeasured {results['date']} with `make bench` (gunicorn, 2 workers, wrk {args.seconds}s per run):\n")
    print("| page | req/s @10 | p50 / p99 ms @10 | req/s @50 | p50 / p99 ms @50 | gzip weight, all it loads |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, entry in results["pages"].items():
        c10, c50 = entry["c10"], entry["c50"]
        print(
            f"| {name} `{entry['path']}` | {c10['rps']:.0f} | {c10['p50_ms']:.1f} / {c10['p99_ms']:.1f} | "
            f"{c50['rps']:.0f} | {c50['p50_ms']:.1f} / {c50['p99_ms']:.1f} | {entry['weight']['total'] / 1024:.1f} KB |"
        )
    if results.get("three_ways"):
        print(f"\nThree ways, 10 connections, gzip asked for (wrk {args.three_ways_seconds}s per run); nginx over TLS with "
              "deploy/nginx/romahub.conf:\n")
        print("| page | gunicorn alone req/s | p50 / p99 ms | nginx proxy cache req/s | p50 / p99 ms "
              "| nginx static req/s | p50 / p99 ms | proxy / static |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, entry in results["three_ways"].items():
            cells = " | ".join(f"{entry[way]['rps']:.0f} | {entry[way]['p50_ms']:.1f} / {entry[way]['p99_ms']:.1f}"
                               for way in ("gunicorn", "proxy", "static"))
            print(f"| {name} | {cells} | {entry['proxy_over_static']:.0%} |")
    print(f"\nStylesheet: {results['stylesheet_bytes'] / 1024:.1f} KB gzip (budget 15 KB).")
    print("Budgets: " + ("all met." if not broken else "BROKEN: " + ", ".join(broken)))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
