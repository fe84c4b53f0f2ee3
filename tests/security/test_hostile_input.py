"""Hostile input over every public form and every query parameter (issue 13; SECURITY.md 1.3 F1).

The pages, their query parameters and their forms are found by crawling the hub (tests/security/
hostile.py), in English, Slovak and Romanian, and as a signed-in council user. Every value in
`HOSTILE` (full-text operators, SQL, 3,000 characters, NUL bytes, lone surrogates, huge and
negative numbers, markup, unicode) is sent alone in every parameter and every form field, then
hypothesis draws bounded, derandomized combinations: repeated parameters (lists for scalars),
missing and extra fields.

Passes when no response is a 5xx; an invalid POST to a public form answers 4xx or its form again
with the error summary in the reader's language, and adds no row; a valid one adds exactly one.
Failures are collected over the whole run and reported together, each with its request.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.security.hostile import (
    EXTRA_PARAMETERS,
    HOSTILE,
    LANGUAGES,
    Failure,
    Form,
    Map,
    discover,
    encode,
    error_summary_ok,
    every_pattern,
    language_of,
    match,
    pattern_name,
    query_string,
    report,
    send,
)

pytestmark = pytest.mark.django_db

# A few of each kind, for the field-by-field pass over the forms (hypothesis draws from all of HOSTILE).
HOSTILE_CORE = (
    '"', 'a "b', "*", "NEAR(", "OR", "-x", "^", ":", "(", "';--", "x" * 3000, "\x00", "\ud800", "9" * 400,
    "-1", "1e309", "nan", "<script>alert(1)</script>", "//evil.example/", "ǅ𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "%", "\\", "", " ",
)
# Input types whose value a person types: every hostile value goes into these.
TYPED = {"text", "search", "email", "url", "tel", "password", "textarea", "hidden", "date", "number"}

# Patterns the crawl does not reach, and where each is covered instead.
NOT_CRAWLED = {
    "admin/": "staff only; its sign-in page is crawled (PUBLIC), the rest is behind it",
    "documents/": "Wagtail documents, served by number; no parameters",
    "django.views.generic.base.view": "/django-admin/ redirects to /admin/",
    "mishto:logout": "takes no input; posting to it would end the council session the run needs",
    "wagtailcore_authenticate_with_password": "no page has a password restriction",
    "mishto:password_reset_confirm": "needs the secret from the reset e-mail: romahub/mishto/tests/test_join_and_reset.py",
    # A partner's workspace: its staff, with their second factor, and bodies sealed in their browser;
    # every route against every role and broken boxes in romahub/advocacy/tests/test_workspace.py.
    "advocacy:workspace": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:key": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:request": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:sealed": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:accept": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:close": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:note": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:pass_on": "partner staff only: romahub/advocacy/tests/test_workspace.py",
    "advocacy:public_key": "partner staff only: romahub/advocacy/tests/test_workspace.py",
}
NOT_CRAWLED_ROUTES = {
    "admin/": "staff and their second factor: romahub/core/tests/test_two_factor.py",
    "api/": "both APIs: tests/security/test_api_schemathesis.py",
}
# What the crawl must at least find, so that it cannot quietly shrink.
EXPECTED_PARAMETERS = {
    "search": {"q"},
    "directory:search": {"q", "help", "audience", "language", "la", "near", "lat", "lon", "free"},
    "resources:library": {"q", "audience", "kind", "language", "free"},
    "mishto:register": {"region", "status"},
    "conference:timeline": {"icpc", "la", "review1", "review2"},
    "conference:timeline-ics": {"icpc"},
    "switch-language": {"next"},
    "mishto:verify": {"sig"},
    "mishto:invitation": {"token"},
}
EXPECTED_POST_FORMS = {
    "directory:suggest", "directory:report_change", "conference:prepare", "mishto:login", "mishto:invitation",
    "wagtailadmin_login", "wagtailcore_login", "mishto:join", "mishto:password_reset", "advocacy:get_help",
}
EXPECTED_COUNCIL_FORMS = {"mishto:council", "mishto:assessment", "mishto:assessment_pledge"}

QUICK = settings(
    derandomize=True, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
    suppress_health_check=list(HealthCheck),
)


@dataclass
class Hub:
    public: Map
    council: Map
    council_client: Client
    lead: object


def _participation(slug, status, awarded_on=None):
    from romahub.mishto.charter import current_version
    from romahub.mishto.models import Participation
    from romahub.places.models import LocalAuthority

    return Participation.objects.create(
        authority=LocalAuthority.objects.get(slug=slug), version=current_version(), status=status,
        signatory_name="A. Person", signatory_role="Director of Children's Services", signed_on=datetime.date(2026, 10, 1),
        statement="We commit to the six Mishto pledges.", awarded_on=awarded_on,
    )


@pytest.fixture
def hub(client, django_user_model, settings, tmp_path):
    """The hub's public pages and forms, and a council's, found by crawling them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from romahub.mishto import assessment, workflow
    from romahub.mishto.models import Membership

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    derby = _participation("derby", "awarded", timezone.localdate() - datetime.timedelta(days=100))
    rotherham = _participation("rotherham", "committed")
    lead = django_user_model.objects.create_user("lead@rotherham.example", password="a long pass phrase 1")
    Membership.objects.create(user=lead, authority=rotherham.authority, is_lead=True)
    item = assessment.open_for(rotherham, lead)
    first = item.progress.filter(action__pledge__number=1).order_by("action__sort_order").first()
    assessment.add_evidence(item, lead, first.action_id, SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
    _invitation, token = workflow.invite(lead, rotherham.authority, "new@rotherham.example")
    assert derby.authority.slug == "derby"
    # A partner taking requests, so that the help form is there to attack, and a family's status link.
    from romahub.advocacy.tests.conftest import received_request
    from romahub.advocacy.tests.helpers import make_partner

    make_partner("Crawled partner", areas=["Derby"], languages=["ro"], capacity=1000)
    _request, status_token = received_request()

    sitemap = client.get("/sitemap.xml").content.decode()
    import re

    locations = [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    # Entry points no public page links to: the sign-in pages, an invitation's link from its e-mail,
    # an earlier charter version, the page a suggestion leads to.
    entries = [f"/{language}/" for language in LANGUAGES] + ["/sitemap.xml", "/robots.txt", "/admin/login/"]
    for language in LANGUAGES:
        with translation.override(language):
            entries += [reverse("mishto:login"), f"{reverse('mishto:invitation')}?token={token}",
                        reverse("mishto:pledges_version", args=[1]), reverse("wagtailcore_login"),
                        reverse("directory:suggestion_sent"), reverse("mishto:join_sent"),
                        reverse("mishto:password_reset_sent"), reverse("mishto:password_reset_complete"),
                        f"{reverse('advocacy:status')}?token={status_token}", reverse("advocacy:spam_sent")]
    public = discover(client, entries + locations)

    council_client = Client()
    council_client.force_login(lead)
    council_pages = []
    for language in LANGUAGES:
        with translation.override(language):
            council_pages.append(reverse("mishto:council"))
    council = discover(council_client, council_pages, stay_under=tuple(f"/{language}/mishto/" for language in LANGUAGES))
    return Hub(public, council, council_client, lead)


def test_the_crawl_reaches_every_page_form_and_parameter(hub):
    """Every URL pattern is attacked, or named here with where it is tested instead."""
    patterns = every_pattern()
    reached = hub.public.kinds_seen | hub.council.kinds_seen
    if any(kind.startswith("page:") for kind in reached):
        reached.add("wagtail_serve")
    missing = {
        name: route for name, route in patterns.items()
        if name not in reached and name not in NOT_CRAWLED and not route.startswith(tuple(NOT_CRAWLED_ROUTES))
    }
    assert missing == {}, f"not crawled and not explained in NOT_CRAWLED: {missing}"
    for kind, names in EXPECTED_PARAMETERS.items():
        for language in LANGUAGES if kind != "switch-language" else ("en",):  # /language/<code>/ has no prefix
            target = hub.public.targets.get((kind, language))
            assert target is not None and names <= target.parameters, (kind, language, target)
    public_forms = {(pattern_name(match(form.action)), language_of(form.action)) for form in hub.public.forms}
    assert {(kind, language) for kind in EXPECTED_POST_FORMS - {"wagtailadmin_login"} for language in LANGUAGES} <= public_forms
    assert ("wagtailadmin_login", "en") in public_forms  # the admin has no language prefix
    assert {pattern_name(match(form.action)) for form in hub.public.forms} <= EXPECTED_POST_FORMS, "a new form: attack it"
    council_forms = {pattern_name(match(form.action)) for form in hub.council.forms}
    assert EXPECTED_COUNCIL_FORMS <= council_forms
    pledge = hub.council.post_forms("mishto:assessment_pledge")[0]
    assert any(name.startswith("remove-") for name in pledge.fields), "the evidence's remove box is attacked too"


def _get_failures(client, url) -> list[Failure]:
    response, error = send(client, "GET", url)
    if error:
        return [Failure("GET", url, "", error)]
    if response.status_code >= 500:
        return [Failure("GET", url, "", f"status {response.status_code}")]
    return []


def _path_variants(path: str, values) -> list[str]:
    """The path with its last segment (a slug, an id, a language) replaced by each value."""
    head, _sep, last = path.rstrip("/").rpartition("/")
    if not last:
        return []
    return [f"{head}/{encode(value)}/" if path.endswith("/") else f"{head}/{encode(value)}" for value in values]


def test_every_hostile_value_in_every_query_parameter(hub, client):
    """Each value alone in each parameter each page was seen to take; the language turns with the value."""
    failures = []
    targets = list(hub.public.targets.values()) + list(hub.council.targets.values())
    by_kind: dict[str, list] = {}
    for target in targets:
        by_kind.setdefault(target.kind, []).append(target)
    for kind, same_kind in by_kind.items():
        same_kind.sort(key=lambda target: LANGUAGES.index(language_of(target.path)))
        council = kind in hub.council.kinds_seen and kind not in hub.public.kinds_seen
        browser = hub.council_client if council else client
        parameters = sorted(set().union(*(target.parameters for target in same_kind)))
        for parameter in parameters:
            values = HOSTILE if parameter in ("q", "near", "lat", "lon", "next", "sig", "token", "icpc") else HOSTILE_CORE
            for number, value in enumerate(values):
                target = same_kind[number % len(same_kind)]
                failures += _get_failures(browser, f"{target.path}?{query_string([(parameter, value)])}")
        for number, url in enumerate(_path_variants(same_kind[0].path, HOSTILE_CORE)):
            failures += _get_failures(browser, url if number % 2 else url.replace(same_kind[0].path, same_kind[-1].path, 1))
    assert not failures, report(failures)


@st.composite
def _queries(draw, targets):
    target = draw(st.sampled_from(targets))
    names = sorted(target.parameters | set(EXTRA_PARAMETERS))
    value = st.one_of(
        st.sampled_from(HOSTILE), st.text(max_size=40), st.integers(-(10**30), 10**30).map(str),
        st.sampled_from(["", "1", "2", "en", "derby", "free", "on", "2026-12-01"]),
    )
    items = draw(st.lists(st.tuples(st.sampled_from(names), value), min_size=1, max_size=6))
    return target, items


def test_generated_queries_on_every_page(hub, client):
    """Combinations hypothesis draws: several parameters, repeated ones, and ones a page never shows."""
    failures = []
    targets = sorted(hub.public.targets.values(), key=lambda target: (target.kind, target.path))

    @settings(QUICK, max_examples=250)
    @given(_queries(targets))
    def run(drawn):
        target, items = drawn
        failures.extend(_get_failures(client, f"{target.path}?{query_string(items)}"))

    run()
    assert not failures, report(failures)


# --- POST forms ------------------------------------------------------------------------------

# The hub's own tables, but for the rate limit's counters: a count of requests, not something sent.
ROMAHUB_MODELS = [
    model for model in apps.get_models()
    if model.__module__.startswith("romahub.") and not model.__name__.startswith("RateLimit")
]


def _rows() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in ROMAHUB_MODELS}


def _changed(before, after) -> dict[str, int]:
    return {label: after[label] - before[label] for label in after if after[label] != before[label]}


def _plausible(form: Form) -> dict[str, list[str]]:
    """Values that make a valid submission of each public form, where one is possible."""
    values = {
        "name": "Derby Roma advice line", "description": "Advice for Roma families in Derby.", "details": "The phone number has changed.",
        "phone": "0808 801 0366", "email": "advice@example.org", "website": "https://example.org/", "postcode": "DE1 3AA",
        "town": "Derby", "address": "1 Test Street", "source": "Its website", "username": "lead@rotherham.example",
        "password": "a long pass phrase 1", "works_well": "We talk every day.", "output": "html",
        "signatory_name": "A. Person", "signatory_role": "Director", "statement": "We commit.", "confirm": "on",
        "role": "Service manager", "message": "We would like to sign.",
    }
    data = {}
    for name, form_field in form.fields.items():
        if name == "csrfmiddlewaretoken" or name == "homepage":
            continue
        if name in values:
            data[name] = [values[name]]
        elif form_field.options and form_field.kind != "checkbox":
            data[name] = [next((option for option in form_field.options if option), "")]
    return data


def _body(data: dict[str, list[str]]) -> str:
    return query_string([(name, value) for name, values in data.items() for value in values])


class PostCheck:
    """Sends POSTs to one public form and checks each answer against the form's own judgement."""

    def __init__(self, client, form: Form):
        self.client, self.form, self.language = client, form, language_of(form.action)
        response = client.get(form.action)
        context_form = response.context.get("form") if response.context else None
        self.form_class = type(context_form) if context_form is not None else None
        self.failures: list[Failure] = []
        self.address = 0

    def expected(self, body: str) -> str | None:
        """"valid", "spam" (the honeypot is filled: dropped as if sent), "invalid", or None if it cannot be told."""
        from django.contrib.auth.forms import AuthenticationForm

        from romahub.mishto.forms import SetPasswordForm

        if self.form_class is None or issubclass(self.form_class, (AuthenticationForm, SetPasswordForm)):
            return None  # a sign-in or a password: whether it succeeds is not a property of the data alone
        with translation.override(self.language):
            bound = self.form_class(QueryDict(body))
            if not bound.is_valid():
                return "invalid"
            return "spam" if getattr(bound, "is_spam", lambda: False)() else "valid"

    def post(self, body: str) -> None:
        # One address per request: the suggestion forms' rate limit (5 an hour) stays on and is not reached.
        self.address += 1
        address = f"10.{(self.address >> 16) & 255}.{(self.address >> 8) & 255}.{self.address & 255}"
        expected = self.expected(body)
        before = _rows()
        response, error = send(self.client, "POST", self.form.action, body, REMOTE_ADDR=address)
        if error:
            self.failures.append(Failure("POST", self.form.action, body, error))
            return
        changed = _changed(before, _rows())
        status, problem = response.status_code, ""
        suggestion = self.form.action.endswith(("/suggest/", "/report/"))
        if status >= 500:
            problem = f"status {status}"
        elif expected == "valid":
            if status not in (200, 302) or sum(changed.values()) > 1 or (suggestion and changed != {"directory.Suggestion": 1}):
                problem = f"valid, yet status {status} and new rows {changed}"
        elif expected == "spam":
            if status != 302 or changed:
                problem = f"honeypot filled, yet status {status} and new rows {changed} (dropped as if sent expected)"
        elif expected == "invalid":
            if changed:
                problem = f"invalid, yet new rows: {changed}"
            elif status == 200 and not error_summary_ok(response, self.language):
                problem = "invalid, and answered 200 without the error summary in the reader's language"
            elif not (status == 200 or 400 <= status < 500):
                problem = f"invalid, yet status {status}"
        if problem:
            self.failures.append(Failure("POST", self.form.action, body, problem))


def _field_by_field(check: PostCheck) -> None:
    """Each hostile value alone in each field (and in an unknown one), the other fields plausible."""
    plausible = _plausible(check.form)
    names = [name for name in check.form.fields if name != "csrfmiddlewaretoken"] + ["unexpected"]
    for name in names:
        form_field = check.form.fields.get(name)
        values = HOSTILE if form_field is None or form_field.kind in TYPED else HOSTILE_CORE
        for value in values[:: 1 if name in ("name", "details", "works_well", "comment") else 3]:
            check.post(_body({**plausible, name: [value]}))
        check.post(_body({**plausible, name: [plausible.get(name, [""])[0], HOSTILE[0], "x" * 3000]}))  # a list
    check.post("")
    check.post(_body(plausible))


@st.composite
def _submissions(draw, form: Form):
    plausible = _plausible(form)
    data = {}
    hostile = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60), st.integers(-(10**30), 10**30).map(str))
    for name, form_field in form.fields.items():
        if name == "csrfmiddlewaretoken":
            continue
        options = [option for option in form_field.options if option] or plausible.get(name, ["x"])
        choice = draw(st.sampled_from(["missing", "plausible", "hostile", "list"]))
        if choice == "plausible":
            data[name] = plausible.get(name) or [draw(st.sampled_from(options))]
        elif choice == "hostile":
            data[name] = [draw(hostile)]
        elif choice == "list":
            data[name] = draw(st.lists(st.one_of(hostile, st.sampled_from(options)), min_size=2, max_size=4))
    if draw(st.booleans()):
        data[draw(st.sampled_from(["extra", "id", "service", "status", "kind", "language", "reviewed_by"]))] = [draw(hostile)]
    return _body(data)


def _generated_posts(checks: list[PostCheck], examples: int) -> None:
    """`examples` submissions hypothesis draws, shared among the forms (one per language) of `checks`."""

    @settings(QUICK, max_examples=examples)
    @given(st.sampled_from(range(len(checks))).flatmap(lambda i: st.tuples(st.just(i), _submissions(checks[i].form))))
    def run(drawn):
        index, body = drawn
        checks[index].post(body)

    run()


PUBLIC_POST_FORMS = sorted(EXPECTED_POST_FORMS)


@pytest.mark.parametrize("kind", PUBLIC_POST_FORMS)
def test_hostile_posts_to_every_public_form(hub, client, kind):
    forms = hub.public.post_forms(kind)
    assert forms, kind
    failures = []
    for form in forms:
        if language_of(form.action) == "en":
            check = PostCheck(client, form)
            _field_by_field(check)
            failures += check.failures

    checks = [PostCheck(client, form) for form in forms]
    _generated_posts(checks, 120)
    for check in checks:
        failures += check.failures
    assert not failures, report(failures)


def test_hostile_posts_to_a_councils_forms(hub):
    """Signed in as a council's lead: the council page, each pledge's self-assessment, the submission."""
    failures = []
    order = ["mishto:assessment_pledge", "mishto:council", "mishto:assessment"]  # submitting last: it ends editing
    for kind in order:
        forms = hub.council.post_forms(kind)
        assert forms, kind
        for form in forms:
            check = PostCheck(hub.council_client, form)
            check.form_class = None  # these forms save as they go: only "never a 5xx" is judged
            if language_of(form.action) == "en" or kind != "mishto:assessment_pledge":
                _field_by_field(check)
            failures += check.failures
        checks = [PostCheck(hub.council_client, form) for form in forms]
        for check in checks:
            check.form_class = None

        _generated_posts(checks, 60)
        for check in checks:
            failures += check.failures
    assert not failures, report(failures)
