"""Limits that hold across gunicorn workers: the browser tests' hub (two workers), behind one
(pretend) proxy, TRUSTED_PROXY_COUNT=1 (tests/browser/conftest.py).

Each worker is its own process, so a limit kept in a process's memory counts each worker alone;
and the proxy's address is every reader's REMOTE_ADDR, so a lockout on it locks everyone out.
Each test here speaks from forwarded addresses of its own, so it shares the hub safely.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from tests.browser.conftest import MODERATOR_PASSWORD

pytestmark = pytest.mark.browser
LIMIT = settings.SUGGESTION_RATE_LIMIT  # the hub runs with the same environment as the tests
SUGGESTION = {
    "name": "Derby Roma parents group", "organisation": "Derby Roma parents", "description": "Meets on Tuesdays.",
    "help": "advocacy", "languages_spoken": "Romanian", "town": "Derby", "phone": "01332 000000",
    "cost": "free", "source": "Its leaflet",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _browser():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())


def _open(opener, url, data=None, forwarded="203.0.113.10") -> tuple[int, str]:
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"X-Forwarded-For": forwarded})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _post_form(opener, url, data, forwarded) -> int:
    status, page = _open(opener, url, forwarded=forwarded)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return _open(opener, url, {**data, "csrfmiddlewaretoken": token}, forwarded=forwarded)[0]


def test_the_suggestion_limit_holds_across_two_workers(hub_url):
    hub = hub_url
    opener = _browser()
    answers = []
    for attempt in range(20):
        for page in ("/en/", "/sk/services/", f"/ro/search/?q=plan{attempt}"):  # page views between posts
            _open(opener, hub + page, forwarded="203.0.113.10")
        answers.append(_post_form(opener, f"{hub}/en/services/suggest/", SUGGESTION, forwarded="203.0.113.10"))
    assert answers.count(302) == LIMIT and answers.count(429) == 20 - LIMIT
    assert _post_form(_browser(), f"{hub}/en/services/suggest/", SUGGESTION, forwarded="198.51.100.20") == 302


def test_strangers_failing_behind_the_proxy_do_not_lock_out_the_moderator(hub_url):
    hub = hub_url
    for person in range(settings.AXES_FAILURE_LIMIT + 2):
        status = _post_form(_browser(), f"{hub}/admin/login/", {"username": f"stranger{person}", "password": "wrong"},
                            forwarded=f"203.0.113.{100 + person}")
        assert status == 200  # the form again, with its error; never a lockout
    status = _post_form(_browser(), f"{hub}/admin/login/", {"username": "moderator", "password": MODERATOR_PASSWORD},
                        forwarded="198.51.100.30")
    assert status == 302
