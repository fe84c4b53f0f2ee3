"""What the hostile-input run sends, and how it finds where to send it.

The targets are found from the hub itself: the sitemap, the links and the forms of every kind of
public page in each language (and of the council's pages, signed in), then every pattern in the
URL configuration is checked to be either reached that way or named in `NOT_CRAWLED` with the
reason. A new page, form or query parameter is therefore attacked without anyone listing it.
"""

import html
import re
import traceback
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

LANGUAGES = ("en", "sk", "ro")

# Each is sent alone in one parameter (tests.security.test_hostile_input) and drawn by hypothesis.
HOSTILE: tuple[str, ...] = (
    # Full-text operators of SQLite FTS5, PostgreSQL tsquery and common search syntaxes.
    '"', 'a "b', '"a" "b', '""', "*", "a*", "*a", "NEAR(", "NEAR(a b)", "a NEAR/2 b", "OR", "a OR", "OR b",
    "AND", "NOT", "a AND NOT b", "-x", "-", "--", "^", "^a", ":", "a:b", "name:x", "(", ")", "()", "a (b",
    "{a}", "[", "]", "+", "a & b", "a | b", "!a", "<->", "a:*", "'", "\\",
    # SQL fragments.
    "';--", "' OR '1'='1", "1; DROP TABLE directory_service;--", "1) UNION SELECT NULL--", "%", "_", "%%",
    # Sizes and bytes no form expects.
    "x" * 3000, "word " * 600, "\x00", "a\x00b", "\ud800", "a\udfffb", "\x1b[31m", "\r\nSet-Cookie: a=b", "\t",
    # Numbers.
    "9" * 400, "-1", "0", "-99999999999999999999", "99999999999999999999", "1e309", "-1e309", "nan", "inf",
    "1.5", "0x10", "１２", "1_000",
    # Markup and addresses.
    "<script>alert(1)</script>", '"><svg onload=alert(1)>', "{{ 7*7 }}", "{% debug %}", "javascript:alert(1)",
    "//evil.example/", "https://evil.example/", "/\\evil.example", "../../etc/passwd",
    # Unicode.
    "ǅ𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u202eabc", "ﷺ", "Ψ" * 100, "z\u0301\u0301\u0301", "\ufeff", " ", "",
)

# Parameters every page may be sent whether or not it shows them: paging, search, the next-page
# address, badge signatures and invitation tokens.
EXTRA_PARAMETERS = ("page", "q", "next", "sig", "token")


# Where the public crawl may go: the pages in each language, the language switch, the sitemap
# and robots.txt, and the staff sign-in page (the one form of the admin anyone can reach).
PUBLIC = ("/en/", "/sk/", "/ro/", "/language/", "/sitemap.xml", "/robots.txt", "/admin/login/")


def encode(value: str) -> str:
    """Percent-encode as UTF-8, lone surrogates included (as a browser or a script may send them)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def query_string(items: list[tuple[str, str]]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in items)


def language_of(address: str) -> str:
    path = urlsplit(address).path
    first = path.split("/")[1] if path.count("/") > 1 else ""
    return first if first in LANGUAGES else "en"


def match(address: str):
    path = urlsplit(address).path
    with translation.override(language_of(path)):
        try:
            return resolve(path)
        except Resolver404:
            return None


def pattern_name(found) -> str:
    if found is None:
        return ""
    return found.view_name if found.url_name else f"{found.func.__module__}.{found.func.__name__}"


@dataclass
class FormField:
    name: str
    kind: str  # input type, "select" or "textarea"
    options: list[str] = field(default_factory=list)
    value: str = ""
    required: bool = False


@dataclass
class Form:
    method: str
    action: str  # a path
    page: str  # the page the form is on
    fields: dict[str, FormField] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self, page_address: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_address
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._select: FormField | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            # A form without an action posts to its page's address, query (an invitation's token) and all.
            action = urlsplit(attributes["action"]).path if attributes.get("action") else self.page_path
            self.forms.append(Form(method=(attributes.get("method") or "get").lower(), action=action, page=self.page_path))
            self._in_form = True
        elif self._in_form and tag in ("input", "select", "textarea", "button") and attributes.get("name"):
            name = attributes["name"]
            kind = attributes.get("type", "text") if tag == "input" else tag
            found = self.forms[-1].fields.setdefault(name, FormField(name, kind))
            found.required = found.required or "required" in attributes
            if kind in ("checkbox", "radio", "hidden", "submit") or tag == "button":
                if attributes.get("value", "") not in found.options:
                    found.options.append(attributes.get("value", ""))
            else:
                found.value = attributes.get("value", "")
            if tag == "select":
                self._select = found
        elif tag == "option" and self._select is not None:
            self._select.options.append(attributes.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False


@dataclass
class Target:
    """One kind of page in one language, and every query parameter it was seen to take."""

    kind: str
    path: str
    parameters: set[str] = field(default_factory=set)


@dataclass
class Map:
    targets: dict[tuple[str, str], Target] = field(default_factory=dict)  # (kind, language) -> target
    forms: list[Form] = field(default_factory=list)  # POST forms, one per (action kind, language)
    kinds_seen: set[str] = field(default_factory=set)

    def post_forms(self, kind: str) -> list[Form]:
        return [form for form in self.forms if pattern_name(match(form.action)) == kind]


def _page_kinds() -> dict[str, str]:
    """The page type of every live Wagtail page, by its path."""
    from wagtail.models import Page

    kinds = {}
    for page in Page.objects.live().public().specific().filter(depth__gt=1):
        url = page.get_url()
        if url:
            kinds[urlsplit(url).path] = f"page:{type(page).__name__}"
    return kinds


def _plausible(form_field: FormField, first_date: bool) -> str:
    import datetime

    if form_field.kind == "date" and first_date:
        return datetime.date.today().isoformat()
    options = [option for option in form_field.options if option]
    if form_field.kind in ("hidden", "submit") or form_field.name == "csrfmiddlewaretoken":
        return form_field.value or (options[0] if options else "")
    if not form_field.required:
        return ""
    if options:
        return options[0]
    if form_field.kind == "date":
        return datetime.date.today().isoformat()
    return form_field.value or "Derby"


def discover(client, start: list[str], *, stay_under: tuple[str, ...] = PUBLIC) -> Map:
    """Visit one page of each kind in each language, from `start` and the links and forms found there.

    Each GET form is also sent once with plausible values, so that pages reached only through a form
    (a planned timeline and its calendar file, a page of results) are found too.
    """
    page_kinds = _page_kinds()
    found = Map()
    queue = deque(start)
    visited: set[str] = set()

    def kind_of(address):
        return page_kinds.get(urlsplit(address).path) or pattern_name(match(address))

    while queue:
        address = queue.popleft()
        parts = urlsplit(address)
        if parts.netloc not in ("", "testserver") or not parts.path.startswith(stay_under):
            continue
        kind = kind_of(parts.path)
        if not kind:
            continue
        language = language_of(parts.path)
        target = found.targets.get((kind, language))
        if target is None:
            target = found.targets[(kind, language)] = Target(kind, parts.path)
        target.parameters |= {name for name, _value in parse_qsl(parts.query, keep_blank_values=True)}
        key = (kind, language, parts.query != "")
        if key in visited:
            continue
        visited.add(key)
        response = client.get(address)
        found.kinds_seen.add(kind)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _PageParser(f"{parts.path}?{parts.query}" if parts.query else parts.path)
        parser.feed(response.content.decode())
        queue.extend(parser.links)
        # Addresses shown as text to copy (the badge's embed code) are links too.
        queue.extend(html.unescape(url) for url in re.findall(r"http://testserver(/[^\s\"'<>]*)", response.content.decode()))
        for form in parser.forms:
            action_kind = kind_of(form.action)
            if form.method == "get":
                action_language = language_of(form.action)
                action_target = found.targets.setdefault(
                    (action_kind, action_language), Target(action_kind, form.action)
                )
                action_target.parameters |= set(form.fields)
                dates = [name for name, f in form.fields.items() if f.kind == "date"]
                sample = [(name, _plausible(f, dates[:1] == [name])) for name, f in form.fields.items() if f.kind != "submit"]
                queue.append(f"{form.action}?{query_string(sample)}")
            elif not any(
                pattern_name(match(known.action)) == action_kind and language_of(known.action) == language_of(form.action)
                and known.fields.keys() == form.fields.keys()
                for known in found.forms
            ):
                found.forms.append(form)
    return found


def every_pattern() -> dict[str, str]:
    """Every URL pattern of the hub by name, with its route (Wagtail's admin and documents as one each)."""
    names: dict[str, str] = {}

    def walk(patterns, namespace, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith(("admin/", "documents/")):
                    names[route] = route
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, route)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else f"{pattern.callback.__module__}.{pattern.callback.__name__}"
                names[name] = route

    walk(get_resolver().url_patterns, "", "")
    return names


@dataclass
class Failure:
    method: str
    url: str
    body: str
    problem: str

    def __str__(self):
        body = f"\n      body: {self.body[:400]}" if self.body else ""
        return f"{self.method} {self.url[:400]}{body}\n      {self.problem}"


def send(client, method: str, url: str, body: str = "", **extra):
    """The response, or the exception the view raised (the test client re-raises it) as a 500."""
    try:
        if method == "GET":
            return client.get(url, **extra), ""
        return client.post(url, body, content_type="application/x-www-form-urlencoded", **extra), ""
    except Exception as error:  # noqa: BLE001 - any exception is what the run looks for
        lines = traceback.format_exception(error)
        return None, f"{type(error).__name__}: {error}\n" + "".join(lines[-6:])


def error_summary_ok(response, language: str) -> bool:
    """The form came back with the summary of its errors, headed in the reader's language."""
    from django.utils.translation import gettext

    with translation.override(language):
        heading = gettext("There is a problem")
    content = response.content.decode(errors="replace")
    return re.search(r'id="error-summary-title">\s*' + re.escape(heading) + r"\s*<", content) is not None


def report(failures: list[Failure], limit: int = 15) -> str:
    shown = "\n  ".join(str(failure) for failure in failures[:limit])
    more = f"\n  … and {len(failures) - limit} more" if len(failures) > limit else ""
    return f"{len(failures)} hostile request(s) failed:\n  {shown}{more}"
