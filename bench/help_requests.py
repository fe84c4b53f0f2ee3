#!/usr/bin/env python3
"""Asking for help, measured: posting the form (routing and sealing included) and what it weighs.

`make bench-help` runs this. It builds a fresh production-mode hub as `make bench` does, adds one
partner taking requests (a key pair made here, for this throwaway database only), and then:
  * wrk posts the whole form, valid, with its CSRF cookie and token, at 10 connections: every
    answer must be the redirect to a status page (each one routes, seals and saves a request);
  * the form page's gzip weight with everything it loads, in Romanian;
  * the gzip weight of the workspace's scripts (sealing.js and workspace.js).
Budgets: post p95 ≤ 100 ms at 10 connections; the form ≤ 30 KB; the workspace's script ≤ 20 KB.
Exit status 1 if one is broken. Results go to bench/results/help-<date>.json.
"""

from __future__ import annotations

import argparse
import gzip
import http.cookiejar
import json
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ROOT, build, page_weight, serve  # noqa: E402

BUDGETS = {"post_p95_ms_at_10": 100.0, "form_total_bytes": 30 * 1024, "workspace_script_bytes": 20 * 1024}
PARTNER = """
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from romahub.advocacy.models import Partner
from romahub.advocacy.sealing import b64
from romahub.directory.models import Organization
from romahub.places.models import LocalAuthority
key = ec.generate_private_key(ec.SECP256R1()).public_key()
spki = b64(key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo))
organization = Organization.objects.create(name="Bench partner", description="A benchmark's partner.")
partner = Partner.objects.create(organization=organization, languages=["ro"], weekly_capacity=32000, public_key=spki)
partner.areas.set([LocalAuthority.objects.get(slug="derby")])
"""
LUA = """
wrk.method = "POST"
wrk.body = %(body)s
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = %(cookie)s
wrk.headers["Origin"] = %(origin)s
wrk.headers["Referer"] = %(referer)s
wrk.headers["X-Forwarded-Proto"] = "https"
redirects, others = 0, 0
response = function(status, headers, body)
  if status == 302 then redirects = redirects + 1 else others = others + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT p50=%%.3f p95=%%.3f p99=%%.3f requests=%%d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, summary.requests))
end
"""


def _lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal for these ASCII values


def form_post(base: str) -> dict:
    """A valid form body with its CSRF token, and the cookie that goes with it."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    request = urllib.request.Request(f"{base}/ro/get-help/", headers={"X-Forwarded-Proto": "https"})
    html = opener.open(request, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    body = urllib.parse.urlencode([
        ("csrfmiddlewaretoken", token), ("who", "parent"), ("authority", "Derby"), ("languages", "ro"),
        ("happening", "conference"), ("conference_date", "27/03/2027"), ("name", "Bench"), ("contact_by", "phone"),
        ("phone", "07700 900 000"), ("safe_times", "after 3pm"), ("leave_message", "no"),
        ("details", "A benchmark's request, not a family's."), ("consent", "on"), ("homepage", ""),
    ])
    return {"body": body, "cookie": cookie}


def post_latency(base: str, seconds: int) -> dict:
    post = form_post(base)
    host = base.split("://", 1)[1]
    script = LUA % {"body": _lua_string(post["body"]), "cookie": _lua_string(post["cookie"]),
                    "origin": _lua_string(f"https://{host}"), "referer": _lua_string(f"https://{host}/ro/get-help/")}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    out = subprocess.run(["wrk", "-t2", "-c10", f"-d{seconds}s", "-s", lua.name, f"{base}/ro/get-help/"],
                         capture_output=True, text=True, check=True).stdout
    found = re.search(r"RESULT p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) requests=(\d+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50_ms": float(found.group(1)),
            "p95_ms": float(found.group(2)), "p99_ms": float(found.group(3)), "requests": int(found.group(4)),
            "non_2xx_3xx": int(errors.group(1)) if errors else 0}


def script_weight(base: str, workdir: str) -> int:
    """The workspace's two scripts as served (the workspace needs a signed-in partner, so they are
    found by name in the static files' manifest rather than in its HTML)."""
    manifest = json.loads((Path(workdir) / "static" / "staticfiles.json").read_text())["paths"]
    total = 0
    for name in ("advocacy/sealing.js", "advocacy/workspace.js"):
        body = urllib.request.urlopen(f"{base}/static/{manifest[name]}").read()
        total += len(gzip.compress(body, compresslevel=6))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench-help` installs Debian's wrk.")
    with tempfile.TemporaryDirectory(prefix="hub-bench-help-") as workdir:
        env = build(Path(workdir))
        env["HELP_REQUEST_RATE_LIMIT"] = "100000000"  # one address posts thousands here
        subprocess.run([sys.executable, "manage.py", "shell", "-c", PARTNER], cwd=ROOT, env=env, check=True, capture_output=True)
        server, base = serve(env)
        try:
            form = page_weight(base, "/ro/get-help/")
            scripts = script_weight(base, workdir)
            post_latency(base, 2)  # warm-up
            posted = post_latency(base, args.seconds)
            kept = subprocess.run([sys.executable, "manage.py", "shell", "-c",
                                   "from romahub.advocacy.models import HelpRequest; print(HelpRequest.objects.count())"],
                                  cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout.split()[-1]
        finally:
            server.terminate()
            server.wait(timeout=10)
    results = {"date": date.today().isoformat(), "post": posted, "requests_kept": int(kept), "form_total_bytes": form["total"],
               "form_parts": form["parts"], "workspace_script_bytes": scripts}
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"help-{results['date']}.json").write_text(json.dumps(results, indent=2))
    print(f"Posting the help form at 10 connections, {args.seconds}s: {posted['rps']:.0f} requests/s, "
          f"p50 {posted['p50_ms']:.1f} ms, p95 {posted['p95_ms']:.1f} ms, p99 {posted['p99_ms']:.1f} ms; "
          f"{posted['requests']} posted, {kept} requests kept, {posted['non_2xx_3xx']} other answers")
    print(f"The form with all it loads: {form['total'] / 1024:.1f} KB gzip; the workspace's scripts: {scripts / 1024:.1f} KB gzip")
    broken = []
    if posted["p95_ms"] > BUDGETS["post_p95_ms_at_10"]:
        broken.append("post p95")
    if form["total"] > BUDGETS["form_total_bytes"]:
        broken.append("form weight")
    if scripts > BUDGETS["workspace_script_bytes"]:
        broken.append("workspace script")
    if posted["non_2xx_3xx"] or int(kept) < posted["requests"] // 2:
        broken.append("posts that did not make a request")
    print("Budgets: " + ("broken: " + ", ".join(broken) if broken else "all kept"))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
