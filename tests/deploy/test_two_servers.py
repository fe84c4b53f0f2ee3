"""Two gunicorn servers of one hub, as docs/deploy.md runs them behind nginx: one PostgreSQL
database, one Redis (one key prefix), one media folder and one private evidence folder
(tests/hub_server.py's running_hubs). What one server does, the other must know at once:

  * a page published through server A's admin is served fresh by server B, though both had it
    in the page cache;
  * a directory service edited through A's admin is found by its new word in B's search (each
    server process keeps its own in-memory search index);
  * the forms' rate limits and the admin's login lockout count requests to both servers;
  * a council's evidence file uploaded through A downloads through B.

Only meaningful on PostgreSQL and Redis (CI's second run, .ci/run): on the SQLite default the
servers would share a file, and without Redis each process counts and caches alone. The module
says so and skips when DATABASE_URL is not PostgreSQL or REDIS_URL is unset; .ci/run's
PostgreSQL run sets TWO_SERVERS_REQUIRED=1, which turns that skip into a failure.
"""

import html
import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from html.parser import HTMLParser

import pytest

from tests.hub_server import running_hubs

SHARED = os.environ.get("DATABASE_URL", "").startswith("postgres") and bool(os.environ.get("REDIS_URL"))
if not SHARED:
    reason = ("two servers share state only through PostgreSQL and Redis: set DATABASE_URL=postgres://… and "
              "REDIS_URL=redis://… (CI's second run does)")
    if os.environ.get("TWO_SERVERS_REQUIRED"):
        pytest.fail(f"TWO_SERVERS_REQUIRED is set but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)

KEY_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's test secret; this throwaway database only
OPERATOR_PASSWORD = "two servers operator 5c2e"
LOCKME_PASSWORD = "two servers lockme 91ab"
COUNCIL_PASSWORD = "two servers council 3d7f"
COUNCIL_EMAIL = "lead@derby.example"
GUIDE = "/en/parents/child-protection-conference/"
NEW_TITLE_WORD = "Twoserverstitle"
PDF = b"%PDF-1.4\n% evidence uploaded through server A\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SUGGESTION = {
    "name": "Derby Roma parents group", "organisation": "Derby Roma parents", "description": "Meets on Tuesdays.",
    "help": "advocacy", "languages_spoken": "Romanian", "town": "Derby", "phone": "01632 960000",
    "cost": "free", "source": "Its leaflet",
}
# Run once against the shared database, before the servers start (this throwaway database only).
ACCOUNTS = f"""
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice
from romahub.mishto import workflow
from romahub.mishto.models import Membership
from romahub.pages.models import GuidePage
from romahub.places.models import LocalAuthority

User = get_user_model()
operator = User.objects.create_superuser("operator", "operator@example.org", "{OPERATOR_PASSWORD}")
TOTPDevice.objects.create(user=operator, name="two servers", key="{KEY_HEX}", confirmed=True)
User.objects.create_user("lockme", "lockme@example.org", "{LOCKME_PASSWORD}", is_staff=True)
derby = LocalAuthority.objects.get(slug="derby")
lead = User.objects.create_user("{COUNCIL_EMAIL}", "{COUNCIL_EMAIL}", "{COUNCIL_PASSWORD}")
Membership.objects.create(user=lead, authority=derby, is_lead=True)
workflow.sign(derby, lead, signatory_name="A. Person", signatory_role="Director", statement="We commit.")
# A draft of the guide with a new title: the live page is unchanged until someone publishes it.
guide = GuidePage.objects.get(locale__language_code="en", url_path__endswith="/parents/child-protection-conference/")
guide.title = guide.title + " {NEW_TITLE_WORD}"
guide.save_revision()
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A reader's cookies, kept across both servers (sessions live in the shared database)."""

    def __init__(self, forwarded: str = "198.51.100.1"):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        self.forwarded = forwarded

    def open(self, url, data=None, *, content_type=None, forwarded=None):
        headers = {"X-Forwarded-For": forwarded or self.forwarded}
        if isinstance(data, (dict, list)):
            data = urllib.parse.urlencode(data, doseq=True).encode()
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(url, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def page(self, url, **kwargs) -> tuple[int, str]:
        status, _headers, body = self.open(url, **kwargs)
        return status, body.decode()

    def post_form(self, url, data, *, forwarded=None) -> tuple[int, dict, bytes]:
        """GET the form (for its CSRF token), then POST it, as a reader's browser does."""
        status, page = self.page(url, forwarded=forwarded)
        assert status == 200, (url, status)
        return self.open(url, {**data, "csrfmiddlewaretoken": csrf_token(page)}, forwarded=forwarded)


def csrf_token(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


class _FormFields(HTMLParser):
    """The fields a browser would send for the form whose action contains `action`."""

    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = self.action in (a.get("action") or "")
        if not self.inside or "name" not in a or "disabled" in a:
            if tag == "option" and self._select is not None and "selected" in a:
                self.fields.append((self._select, a.get("value", "")))
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "file") or (kind in ("checkbox", "radio") and "checked" not in a):
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea = [name, ""]
        elif tag == "select":
            self._select = name

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self.inside = False


def form_fields(page: str, action: str) -> list[tuple[str, str]]:
    parser = _FormFields(action)
    parser.feed(page)
    return parser.fields


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, mime) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {mime}\r\n\r\n".encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def totp_code() -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(KEY_HEX)):06d}"


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("two-servers")
    steps = (["load_starter_content"], ["shell", "-c", ACCOUNTS])
    # Behind nginx (TRUSTED_PROXY_COUNT=1): each test speaks from forwarded addresses of its own.
    with running_hubs(workdir, "twoservers", servers=2, steps=steps, env={"TRUSTED_PROXY_COUNT": "1"}, workers=1) as urls:
        yield urls


@pytest.fixture(scope="module")
def operator(servers):
    """The operator signed in to server A's admin with password and authenticator code."""
    a, _b = servers
    browser = Browser("198.51.100.2")
    status, _headers, _body = browser.post_form(f"{a}/admin/login/", {"username": "operator", "password": OPERATOR_PASSWORD})
    assert status == 302
    status, page = browser.page(f"{a}/admin/two-factor/verify/")
    assert status == 200
    status, _headers, _body = browser.open(f"{a}/admin/two-factor/verify/", {"code": totp_code(), "csrfmiddlewaretoken": csrf_token(page)})
    assert status == 302
    assert browser.page(f"{a}/admin/")[0] == 200
    return browser


def cached_read(url: str) -> tuple[str, str]:
    status, headers, body = Browser().open(url)
    assert status == 200
    return headers.get("X-Page-Cache", ""), body.decode()


def test_a_page_published_through_one_server_is_served_fresh_by_the_other(servers, operator):
    a, b = servers
    for server in (a, b):
        cached_read(server + GUIDE)
        state, page = cached_read(server + GUIDE)
        assert state == "hit" and NEW_TITLE_WORD not in page  # both hold the live page in the page cache
    # Publish the waiting draft through server A's admin (its bulk "publish" action, as an editor
    # ticks the page in a listing): a real publish, with every signal the hub listens to.
    status, page = operator.page(f"{a}/admin/pages/search/?q=conference")
    guide_id = re.search(r'href="/admin/pages/(\d+)/edit/"[^>]*>\s*(?:<[^>]+>\s*)*[^<]*Child protection conference', page, re.I)
    assert status == 200 and guide_id, "the guide is not in the admin's page search"
    publish = f"{a}/admin/bulk/wagtailcore/page/publish/?id={guide_id.group(1)}"
    status, confirm = operator.page(publish)
    assert status == 200
    status, headers, _body = operator.open(publish, {"csrfmiddlewaretoken": csrf_token(confirm)})
    assert status == 302, status
    state, page = cached_read(b + GUIDE)
    assert state != "hit" and NEW_TITLE_WORD in page
    assert NEW_TITLE_WORD in cached_read(a + GUIDE)[1]


def test_a_service_edited_through_one_server_is_found_by_the_others_search(servers, operator):
    a, b = servers
    word = "Quokkaharbour"
    search = f"{b}/en/services/?q={word.lower()}"
    status, page = operator.page(f"{a}/admin/snippets/directory/service/")
    edit = re.search(r'href="(/admin/snippets/directory/service/edit/[0-9a-f-]+/)"', page)
    assert status == 200 and edit
    status, form = operator.page(a + edit.group(1))
    assert status == 200
    fields = form_fields(form, edit.group(1))
    name = html.unescape(dict(fields)["name"])
    _state, before = cached_read(search)  # B's index, built as it started, and now the page cache
    assert name not in before
    fields = [(k, f"{v} Ask for {word}." if k == "description" else v) for k, v in fields]
    fields.append(("action-publish", "action-publish"))  # an edit is a draft until it is published
    status, _headers, _body = operator.open(a + edit.group(1), fields)
    assert status == 302, "the service's edit form was refused"
    state, after = cached_read(search)
    assert state != "hit" and name in after  # B's own index has learnt of A's edit


def test_the_suggestion_limit_counts_posts_to_both_servers(servers):
    from django.conf import settings

    a, b = servers
    limit = settings.SUGGESTION_RATE_LIMIT  # the servers run with the same environment as the tests
    browser = Browser("203.0.113.40")
    answers = [browser.post_form(f"{(a, b)[i % 2]}/en/services/suggest/", SUGGESTION)[0] for i in range(2 * limit)]
    # Each server saw only `limit` posts: counted alone, none would have been refused.
    assert answers.count(302) == limit and answers.count(429) == limit, answers
    assert [browser.post_form(f"{s}/en/services/suggest/", SUGGESTION)[0] for s in (a, b)] == [429, 429]
    assert Browser("203.0.113.41").post_form(f"{b}/en/services/suggest/", SUGGESTION)[0] == 302


def test_failed_logins_split_between_the_servers_lock_the_account_on_both(servers):
    from django.conf import settings

    a, b = servers
    limit = settings.AXES_FAILURE_LIMIT
    answers = [  # each from an address of its own: only the username's failures add up
        Browser(f"203.0.113.{50 + attempt}").post_form(
            f"{(a, b)[attempt % 2]}/admin/login/", {"username": "lockme", "password": "wrong"})[0]
        for attempt in range(limit)
    ]
    # The form again after each failure, until the limit-th (the fifth on either server) locks.
    assert answers == [200] * (limit - 1) + [429]
    for server in (a, b):  # now even the right password is refused, on either server
        status, _h, body = Browser("198.51.100.60").post_form(f"{server}/admin/login/", {"username": "lockme", "password": LOCKME_PASSWORD})
        assert status == 429 and b"Too many attempts" in body


def test_failed_logins_split_between_the_servers_lock_the_address_on_both(servers):
    from django.conf import settings

    a, b = servers
    address, limit = "203.0.113.70", settings.AXES_FAILURE_LIMIT
    answers = [  # one address, a new username each time
        Browser(address).post_form(f"{(a, b)[attempt % 2]}/admin/login/", {"username": f"stranger{attempt}", "password": "wrong"})[0]
        for attempt in range(limit)
    ]
    assert answers == [200] * (limit - 1) + [429]
    for server in (a, b):
        status, _h, body = Browser(address).post_form(f"{server}/admin/login/", {"username": "stranger-new", "password": "wrong"})
        assert status == 429 and b"Too many attempts" in body
    assert Browser("203.0.113.71").post_form(f"{b}/admin/login/", {"username": "stranger-new", "password": "wrong"})[0] == 200


def test_evidence_uploaded_through_one_server_downloads_through_the_other(servers):
    a, b = servers
    council = Browser("198.51.100.80")
    status, headers, _body = council.post_form(f"{a}/en/mishto/login/", {"username": COUNCIL_EMAIL, "password": COUNCIL_PASSWORD})
    assert status == 302, "the council user could not sign in"
    pledge = "/en/mishto/council/assessment/pledge-1/"
    status, page = council.page(a + pledge)
    action = re.search(r'name="file-(\d+)"', page)
    assert status == 200 and action
    key = action.group(1)
    body, content_type = multipart(
        {"csrfmiddlewaretoken": csrf_token(page), f"status-{key}": "in_progress", f"narrative-{key}": "Leaflets in Romanian."},
        {f"file-{key}": ("leaflet.pdf", PDF, "application/pdf")},
    )
    status, _headers, _body = council.open(a + pledge, body, content_type=content_type)
    assert status == 302, "the upload through server A was refused"
    # Server B: the same session (kept in the shared database), the file from the shared folder.
    status, page = council.page(b + pledge)
    link = re.search(r'href="(/en/mishto/evidence/\d+/)"', page)
    assert status == 200 and link and "leaflet.pdf" in page
    status, headers, content = council.open(b + link.group(1))
    assert status == 200 and headers["Content-Type"] == "application/pdf" and content == PDF
    assert Browser("198.51.100.81").open(b + link.group(1))[0] == 404  # and nobody else's
