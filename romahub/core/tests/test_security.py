import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from romahub.pages.models import GlossaryPage, GuidePage, HomePage, InformationPage, SectionPage

BASE_DIR = str(settings.BASE_DIR)


def public_urls():
    urls = ["/sitemap.xml"]
    for language in ("en", "sk", "ro"):
        locale = Locale.objects.get(language_code=language)
        for model in (HomePage, SectionPage, GuidePage, GlossaryPage, InformationPage):
            urls.append(model.objects.live().filter(locale=locale).first().url)
        urls += [f"/{language}/search/?q=plan", f"/{language}/search/?q=zzqxv", f"/{language}/no-such-page/"]
    return urls


def csp_directives(header: str) -> dict[str, list[str]]:
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


@pytest.mark.django_db
def test_security_headers_on_every_public_page_type(client):
    for url in public_urls():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        csp = csp_directives(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'none'"], url
        for directive in ("object-src", "base-uri", "frame-ancestors"):
            assert csp[directive] == ["'none'"], (url, directive)
        assert csp["form-action"] == ["'self'"]
        everything = " ".join(" ".join(v) for v in csp.values())
        assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
        assert not re.search(r"https?:|\*|data:", everything), url
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] in ("strict-origin-when-cross-origin", "same-origin", "no-referrer")
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        # Only the hub's own pages may ask for a location (the directory's "use my location").
        assert "geolocation=(self)" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"
        assert "charset=utf-8" in response["Content-Type"]
        assert not any(re.search(r"\d", response.get(h, "")) for h in ("Server", "X-Powered-By"))


@pytest.mark.django_db
def test_admin_gets_a_looser_policy_only_under_admin(client):
    admin = client.get("/admin/login/")
    assert admin.status_code == 200
    admin_csp = csp_directives(admin["Content-Security-Policy"])
    assert "'unsafe-inline'" in admin_csp["script-src"]
    assert admin_csp["frame-ancestors"] == ["'self'"]
    public = csp_directives(client.get("/en/")["Content-Security-Policy"])
    assert "'unsafe-inline'" not in public["script-src"]


class _Resources(HTMLParser):
    """Every address an element would load (not links a reader follows)."""

    def __init__(self):
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "audio", "video", "source", "iframe", "embed", "track") and attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload", "manifest", "modulepreload"):
            self.loaded.append(attrs.get("href", ""))
        if tag == "object" and attrs.get("data"):
            self.loaded.append(attrs["data"])
        if attrs.get("style") and "url(" in attrs["style"]:
            self.loaded.append(attrs["style"])


@pytest.mark.django_db
def test_no_page_loads_anything_from_another_host(client):
    for url in public_urls():
        parser = _Resources()
        parser.feed(client.get(url).content.decode())
        assert parser.loaded or url.endswith(".xml")
        for address in parser.loaded:
            assert address.startswith("/") and not address.startswith("//"), (url, address)


def test_stylesheet_loads_nothing_from_elsewhere():
    css = open(os.path.join(BASE_DIR, "romahub/core/static/core/css/hub.css"), encoding="utf-8").read()
    assert "@import" not in css
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", css)


@pytest.mark.django_db
def test_no_inline_scripts_or_styles_on_public_pages(client):
    for url in public_urls():
        html = client.get(url).content.decode()
        for match in re.finditer(r"<script([^>]*)>(.*?)</script>", html, re.S):
            attributes, body = match.groups()
            assert 'type="application/ld+json"' in attributes or not body.strip(), url
        assert "<style" not in html and " style=" not in html, url


def _run_manage(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_its_secrets():
    result = _run_manage("check", env_extra={"DJANGO_ENV": "production"})
    assert result.returncode != 0
    assert "will not start in production without SECRET_KEY and ALLOWED_HOSTS" in result.stderr


def test_production_deploy_check_is_clean():
    result = _run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        # As docs/deploy.md configures a server: one Redis for every process (never reached by a check).
        env_extra={"DJANGO_ENV": "production", "SECRET_KEY": "x" * 20 + "k3y-f0r-the-deploy-check-0123456789-abcdefghij",
                   "ALLOWED_HOSTS": "hub.example.org", "REDIS_URL": "redis://127.0.0.1:6379/0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_cookies_are_secure():
    code = (
        "import django;django.setup();from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.LANGUAGE_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    env = dict(os.environ, DJANGO_ENV="production", SECRET_KEY="p" * 30 + "roduction-secret-key-0123456789abcdefXYZ",
               ALLOWED_HOSTS="hub.example.org", DJANGO_SETTINGS_MODULE="romahub.settings")
    env.pop("DEBUG", None)
    out = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["True", "True", "True", "True", "__Host-sessionid", "__Host-csrftoken", "Lax", "True", "True"], out.stderr


@pytest.mark.django_db
def test_admin_login_locks_out_with_the_same_answer_for_unknown_users(client):
    get_user_model().objects.create_user("real-editor", password="a-long-enough-password-1")
    answers = {}
    for username in ("real-editor", "nobody-by-this-name"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post("/admin/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=f"10.0.0.{len(answers)}")
        locked = client.post("/admin/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR=f"10.0.0.{len(answers)}")
        answers[username] = (locked.status_code, locked.content)
    assert answers["real-editor"][0] == 429
    assert answers["real-editor"] == answers["nobody-by-this-name"]
    # Even the right password is refused while locked.
    right = client.post("/admin/login/", {"username": "real-editor", "password": "a-long-enough-password-1"}, REMOTE_ADDR="10.0.0.9")
    assert right.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/.git/HEAD", "/.env", "/static/../romahub/settings.py"])
def test_no_private_files_are_served(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.django_db
def test_server_error_page_is_generic_and_translated(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail SELECT * FROM")

    monkeypatch.setattr("romahub.pages.views.search_hub", broken)
    client.raise_request_exception = False
    response = client.get("/ro/search/?q=x")
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ro">' in body
    assert "secret detail" not in body and "Traceback" not in body and "SELECT" not in body
