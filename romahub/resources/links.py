"""Checking that resources' links still work: run by `manage.py check_resource_links`, never at
request time. Redirects are not followed, so a moved page is reported with its new address."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from romahub.core.middleware import invalidate_page_cache
from romahub.resources.models import Resource

TIMEOUT_SECONDS = 10
CONCURRENCY = 4


@dataclass
class Outcome:
    status: int | None
    moved_to: str = ""
    problem: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def user_agent() -> str:
    return f"RomaChildProtectionHub-LinkCheck/1.0 (+{settings.WAGTAILADMIN_BASE_URL})"


def fetch(url: str) -> Outcome:
    """One polite request: HEAD, or GET where a server refuses HEAD. Only http and https."""
    if not url.lower().startswith(("http://", "https://")):
        return Outcome(None, problem="not a web address")
    opener = urllib.request.build_opener(_NoRedirects)
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})  # noqa: S310 (scheme checked above)
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                return Outcome(response.status)
        except urllib.error.HTTPError as error:
            if error.code in (405, 501) and method == "HEAD":
                continue
            if 300 <= error.code < 400:
                return Outcome(error.code, moved_to=error.headers.get("Location", ""))
            return Outcome(error.code, problem=f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return Outcome(None, problem=f"no answer: {reason}"[:200])
    return Outcome(None, problem="no answer")


def check_all(fetcher=fetch, concurrency: int = CONCURRENCY) -> dict[str, int]:
    """Check every linked resource once per translation key; record the outcome on every language's copy."""
    first_of_each = {}
    for resource in Resource.objects.exclude(url="").order_by("pk"):
        first_of_each.setdefault(resource.translation_key, resource)
    targets = list(first_of_each.values())
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(lambda resource: fetcher(resource.url), targets))
    counts = {"ok": 0, "moved": 0, "broken": 0}
    now = timezone.now()
    for resource, outcome in zip(targets, outcomes, strict=True):
        Resource.objects.filter(translation_key=resource.translation_key).update(
            link_status=outcome.status,
            link_moved_to=outcome.moved_to,
            link_problem=outcome.problem,
            link_checked_at=now,
        )
        counts["moved" if outcome.moved_to else "broken" if outcome.problem else "ok"] += 1
    if targets:
        invalidate_page_cache()  # resource pages say when a link did not work; bulk updates send no signal
    return counts
