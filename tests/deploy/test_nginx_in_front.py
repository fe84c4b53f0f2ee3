"""The hub served through the shipped nginx configuration, as production runs it (issue 18).

One hub in production mode (gunicorn, 2 workers; tests/hub_server.py) behind nginx running
deploy/nginx/romahub.conf, rendered for loopback ports by tests/nginx_front.py. Every request
goes over TLS to nginx, which is verified against its own self-signed certificate.
Each test reads pages no other test here reads, so the order of the tests does not matter.
"""

import http.cookiejar
import re
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.hub_server import running_hub
from tests.nginx_front import NGINX, free_port, nginx_in_front

pytestmark = pytest.mark.browser  # a real hub and a real nginx: not in `make test-fast`
READER_PASSWORD = "nginx front test reader 5c2e"
MAKE_READER = (
    "from django.contrib.auth import get_user_model; "
    f"get_user_model().objects.create_user('reader', 'reader@example.org', '{READER_PASSWORD}', is_staff=True)"
)
EDITOR_NOTICE = b"notice--editor"  # what a signed-in reader sees on a translation awaiting review (core/base.html)
IMMUTABLE = "public, max-age=31536000, immutable"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Site:
    def __init__(self, front, hub: str, static_root: Path, server_log: Path):
        self.front, self.hub, self.static_root, self.server_log = front, hub, static_root, server_log

    def browser(self, *, cookies=False) -> urllib.request.OpenerDirector:
        handlers = [urllib.request.HTTPSHandler(context=self.front.ssl_context()), _NoRedirect()]
        if cookies:
            handlers.append(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        return urllib.request.build_opener(*handlers)

    def get(self, path, headers=None, *, opener=None, data=None, base=None):
        """(status, headers, body) of one request to nginx; redirects are not followed."""
        request = urllib.request.Request((base or self.front.url) + path, data=data, headers=headers or {})
        try:
            with (opener or self.browser()).open(request, timeout=20) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.headers, error.read()

    def hub_requests(self, path: str) -> int:
        """How many times the hub itself was asked for `path` (its access log, tests/hub_server.py).

        Counted once a request sent to gunicorn afterwards is in the log, so that the lines of
        every earlier request are there too."""
        marker = f"/settle-{secrets.token_hex(4)}/"
        self.get(marker, {"X-Forwarded-Proto": "https"}, base=self.hub)  # a 404, logged like any request
        deadline = time.monotonic() + 10
        while f'"GET {marker}"' not in (log := self.server_log.read_text()):
            assert time.monotonic() < deadline, "the hub's access log stopped"
            time.sleep(0.05)
        return log.count(f'"GET {path}"')

    def cache_keys(self) -> set[str]:
        """The keys of everything in nginx's cache (each cache file's own KEY line)."""
        keys = set()
        for entry in (self.front.folder / "cache").rglob("*"):
            if entry.is_file():
                found = re.search(rb"\nKEY: ([^\n]*)\n", entry.read_bytes())
                keys |= {found.group(1).decode()} if found else set()
        return keys

    def cached_bodies_contain(self, needle: bytes) -> bool:
        return any(needle in entry.read_bytes() for entry in (self.front.folder / "cache").rglob("*") if entry.is_file())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    if not Path(NGINX).exists():
        pytest.fail(f"nginx not found at {NGINX}: run `make install-test` (installs Debian's nginx).")
    home = tmp_path_factory.mktemp("nginx-front")
    static_root = home / "static"
    https_port = free_port()
    # Production mode, as /etc/romahub.env sets it (SECURE_SSL_REDIRECT on: plain http is redirected).
    env = {
        "DJANGO_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{https_port}", "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(home / "media"), "TRUSTED_PROXY_COUNT": "1",
    }
    steps = (["load_starter_content"], ["collectstatic", "--noinput", "-v0"], ["shell", "-c", MAKE_READER])
    with (running_hub(home, "nginx-front", steps=steps, env=env) as hub,
          nginx_in_front(home / "nginx", [urllib.parse.urlsplit(hub).port], static_root, media_root=home / "media",
                         https_port=https_port) as front):
        yield Site(front, hub, static_root, home / "server.log")


def test_an_anonymous_page_is_rendered_once_then_served_by_nginx_alone(site):
    first = site.get("/en/parents/")
    second = site.get("/en/parents/")
    assert first[0] == second[0] == 200
    assert first[1]["X-Proxy-Cache"] == "MISS" and second[1]["X-Proxy-Cache"] == "HIT"
    assert second[2] == first[2]
    assert site.hub_requests("/en/parents/") == 1  # the second answer never reached gunicorn


def test_a_reader_with_cookies_gets_the_same_stored_page(site):
    """A CSRF cookie from an earlier form changes nothing on a page: the hub's "Vary: Cookie" must
    not give every such reader a copy of their own. The language cookie is in the key, so there is
    at most one copy per language."""
    first = site.get("/en/lawyers/")
    assert first[1]["X-Proxy-Cache"] == "MISS"
    # Well-formed CSRF secrets (a malformed one is replaced, and an answer that sets a cookie is not stored).
    abc, xyz, other = (secrets.token_hex(16) for _ in range(3))
    for cookie in (f"__Host-csrftoken={abc}", f"__Host-csrftoken={xyz}", f"__Host-csrftoken={abc}; theme=dark"):
        status, headers, body = site.get("/en/lawyers/", {"Cookie": cookie})
        assert (status, headers["X-Proxy-Cache"], body) == (200, "HIT", first[2]), cookie
    assert site.hub_requests("/en/lawyers/") == 1
    states = [site.get("/en/lawyers/", {"Cookie": f"__Host-csrftoken={token}; django_language=en"})[1]["X-Proxy-Cache"]
              for token in (abc, xyz, other)]
    assert states == ["MISS", "HIT", "HIT"]


def test_the_language_cookie_is_part_of_the_key(site):
    answers = {language: site.get("/", {"Cookie": f"django_language={language}"}) for language in ("ro", "sk")}
    assert {language: (status, headers["Location"], headers["X-Proxy-Cache"])
            for language, (status, headers, _) in answers.items()} == {"ro": (302, "/ro/", "MISS"),
                                                                         "sk": (302, "/sk/", "MISS")}
    # Each kept apart: asked again, in turn, each language gets its own stored answer.
    again = {language: site.get("/", {"Cookie": f"django_language={language}"}) for language in ("ro", "sk")}
    assert {language: (headers["Location"], headers["X-Proxy-Cache"]) for language, (_, headers, _) in again.items()} \
        == {"ro": ("/ro/", "HIT"), "sk": ("/sk/", "HIT")}
    host = urllib.parse.urlsplit(site.front.url).hostname
    assert {f"https{host}/|ro|", f"https{host}/|sk|"} <= site.cache_keys()


def test_a_signed_in_reader_never_reads_from_or_writes_to_the_cache(site):
    # The anonymous Slovak home page, stored.
    anonymous = site.get("/sk/")
    assert anonymous[1]["X-Proxy-Cache"] == "MISS" and EDITOR_NOTICE not in anonymous[2]
    assert site.get("/sk/")[1]["X-Proxy-Cache"] == "HIT"
    # A real sign-in through nginx: the admin's login form, its CSRF cookie and token, a password.
    reader = site.browser(cookies=True)
    status, _, form = site.get("/admin/login/", opener=reader)
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1).decode()
    fields = {"username": "reader", "password": READER_PASSWORD, "csrfmiddlewaretoken": token}
    status, headers, _ = site.get("/admin/login/", {"Referer": f"{site.front.url}/admin/login/"}, opener=reader,
                                  data=urllib.parse.urlencode(fields).encode())
    assert status == 302, "the reader could not sign in through nginx"
    assert "__Host-sessionid=" in ";".join(headers.get_all("Set-Cookie"))
    # Signed in, twice: rendered by the hub for them each time (their page has the editors' note).
    for _ in range(2):
        status, headers, page = site.get("/sk/", opener=reader)
        assert (status, headers["X-Proxy-Cache"]) == (200, "BYPASS") and EDITOR_NOTICE in page
    # Nothing of theirs was stored: an anonymous reader still gets the anonymous copy, from the cache.
    status, headers, page = site.get("/sk/")
    assert (status, headers["X-Proxy-Cache"]) == (200, "HIT") and page == anonymous[2]
    assert not site.cached_bodies_contain(EDITOR_NOTICE)


def test_an_answer_that_sets_a_cookie_is_never_stored(site):
    answers = [site.get("/en/services/suggest/") for _ in range(2)]  # the form sets its CSRF cookie
    cookies = [headers["Set-Cookie"] for _, headers, _ in answers]
    assert all(cookie and cookie.startswith("__Host-csrftoken=") for cookie in cookies)
    assert [headers["X-Proxy-Cache"] for _, headers, _ in answers] == ["MISS", "MISS"]
    assert cookies[0] != cookies[1]  # each reader their own token, never another's
    assert site.hub_requests("/en/services/suggest/") == 2


def test_static_files_are_immutable_and_precompressed(site):
    page = site.get("/en/lawyers/")[2].decode()
    stylesheet = re.search(r'<link[^>]+rel="stylesheet"[^>]+href="(/static/[^"]+\.css)"', page).group(1)
    on_disk = site.static_root / stylesheet.removeprefix("/static/")
    status, headers, body = site.get(stylesheet, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Cache-Control"] == IMMUTABLE
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert body == on_disk.with_name(on_disk.name + ".gz").read_bytes()  # collectstatic's copy, not gzipped again
    status, headers, body = site.get(stylesheet)
    assert (status, headers["Cache-Control"], headers["Content-Encoding"]) == (200, IMMUTABLE, None)
    assert body == on_disk.read_bytes()
    assert site.hub_requests(stylesheet) == 0  # nginx's own, never WhiteNoise's


def test_the_hub_knows_it_is_served_over_https(site):
    # Asked directly, without nginx's X-Forwarded-Proto, the hub sends the reader to https...
    status, headers, _ = site.get("/en/resources/", base=site.hub)
    assert (status, headers["Location"]) == (301, f"https://{urllib.parse.urlsplit(site.hub).netloc}/en/resources/")
    # ...through nginx it answers.
    status, headers, page = site.get("/en/resources/")
    assert status == 200
    # Django sends HSTS only on a request it believes secure, and builds absolute links with its scheme.
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    alternates = re.findall(rb'<link rel="alternate" hreflang="[a-z-]+" href="([^"]+)"', page)
    assert alternates and all(link.startswith(b"https://127.0.0.1/") for link in alternates), alternates


def test_plain_http_is_sent_to_https(site):
    status, headers, _ = site.get("/en/guides/?a=1", base=site.front.http_url)
    assert (status, headers["Location"]) == (301, "https://127.0.0.1/en/guides/?a=1")
