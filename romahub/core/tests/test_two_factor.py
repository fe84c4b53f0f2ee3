"""S1: after a password-only sign-in, no admin page, Mishto review page or evidence is reachable
until the second step (TOTP) is set up and passed; and a password alone cannot set it up: the
secret is shown only after opening a one-time link e-mailed to the account or printed by an
operator (issue 13, finding 8)."""

import base64
import io
import logging
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from romahub.core import enrolment

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]
PASSWORD = "a long pass phrase 1"
PRIVATE = ["/admin/", "/admin/pages/", "/admin/snippets/directory/service/", "/admin/mishto/reviews/", "/admin/mishto/invite/"]
SETUP, LINK = "/admin/two-factor/setup/", "/admin/two-factor/link/"
# A secret as the set-up page shows it ("ABCD EFGH ..."), or run together.
SECRET_TEXT = re.compile(r"\b[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,}\b|\b[A-Z2-7]{16,}\b")


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def shows_secret(response, user) -> bool:
    text = response.content.decode() if response.status_code == 200 or response.status_code >= 400 else ""
    keys = [base64.b32encode(device.bin_key).decode() for device in TOTPDevice.objects.filter(user=user)]
    flat = text.replace(" ", "")
    return ("otpauth" in text or 'class="segno"' in text or bool(SECRET_TEXT.search(text))
            or any(key in flat for key in keys))


def link_in(message) -> str:
    """The path and query of the one link in an e-mail."""
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, message.body
    parts = urlsplit(links[0])
    assert parts.path == LINK and parts.query.startswith("token=")
    return f"{parts.path}?{parts.query}"


@pytest.fixture
def staff(django_user_model):
    editor = django_user_model.objects.create_user("editor", email="editor@hub.example", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = django_user_model.objects.create_user("reviewer", email="reviewer@rrf.example", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name="Mishto reviewers"))
    admin = django_user_model.objects.create_superuser("admin", email="admin@hub.example", password=PASSWORD)
    return {"editor": editor, "reviewer": reviewer, "admin": admin}


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves on by hand, so a code never changes under it between two requests."""
    import time
    from types import SimpleNamespace

    now = {"t": time.time()}
    monkeypatch.setattr("django_otp.oath.time", lambda: now["t"])
    monkeypatch.setattr("django_otp.plugins.otp_totp.models.time", SimpleNamespace(time=lambda: now["t"]))
    return now


def ask_for_link(client) -> str:
    before = len(mail.outbox)
    response = client.post(SETUP, {"action": "send"})
    assert response.status_code == 200 and len(mail.outbox) == before + 1
    return link_in(mail.outbox[-1])


def confirm(client, user, next_path="/admin/"):
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    return client.post(SETUP, {"code": current_code(device), "next": next_path})


@pytest.mark.parametrize("who", ["editor", "reviewer", "admin"])
def test_password_alone_reaches_no_admin_page(client, staff, who):
    client.force_login(staff[who])
    for url in PRIVATE:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(SETUP), url
    assert client.get("/en/mishto/evidence/1/")["Location"].startswith(SETUP)


@pytest.mark.parametrize("who", ["editor", "reviewer", "admin"])
def test_password_alone_never_gets_a_secret(client, staff, who):
    """The thief of a password: every way into the set-up pages, none shows a secret or a QR code."""
    user = staff[who]
    client.force_login(user)
    answers = [
        client.get("/admin/", follow=True),
        client.get(f"{SETUP}?next=/admin/pages/"),
        client.post(SETUP, {"code": "123456"}),
        client.post(SETUP, {"action": "send"}),
        client.get(LINK),
        client.get(f"{LINK}?token=1-abc-def"),
        client.post(SETUP, {"code": "123456"}),
    ]
    for response in answers:
        assert response.status_code in (200, 403, 410) and not shows_secret(response, user), response.content.decode()
    assert "Send me the link" in answers[1].content.decode() and 'method="post"' in answers[1].content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()  # nothing to read a secret from
    assert [m.to for m in mail.outbox] == [[user.email]]  # the link went to the account, not to the thief
    assert not shows_secret(client.get(SETUP), user)


def test_the_email_goes_to_the_account_alone_holds_only_a_link_and_cannot_flood(client, staff, monkeypatch):
    from types import SimpleNamespace

    queued, task = [], enrolment.send_link
    monkeypatch.setattr(enrolment, "send_link", SimpleNamespace(enqueue=lambda *args: queued.append(args) or task.enqueue(*args)))
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    message = mail.outbox[0]
    assert message.to == ["editor@hub.example"] and not message.cc and not message.bcc
    token = path.split("token=")[1]
    assert "otpauth" not in message.body and not SECRET_TEXT.search(message.body)
    assert queued == [(staff["editor"].pk, "en")]  # the task table would hold the account's id, never the token
    again = client.post(SETUP, {"action": "send"})
    assert again.status_code == 200 and "a few minutes ago" in again.content.decode() and len(mail.outbox) == 1
    other = Client()
    other.force_login(staff["editor"])  # a second browser does not get round the limit
    other.post(SETUP, {"action": "send"})
    assert len(mail.outbox) == 1
    reviewer = Client()
    reviewer.force_login(staff["reviewer"])
    ask_for_link(reviewer)  # the limit is each account's own
    assert mail.outbox[1].to == ["reviewer@rrf.example"] and token not in mail.outbox[1].body


def test_an_account_without_an_email_address_is_told_to_ask_an_administrator(client, staff):
    staff["editor"].email = ""
    staff["editor"].save()
    client.force_login(staff["editor"])
    page = client.get(SETUP).content.decode()
    assert "ask an administrator" in page and "Send me the link" not in page
    assert "ask an administrator" in client.post(SETUP, {"action": "send"}).content.decode()
    assert not mail.outbox


def test_enrolment_through_the_link_then_each_new_session_asks_for_a_code(client, staff, clock):
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    opened = client.get(path)
    assert opened.status_code == 302 and opened["Location"] == SETUP  # the token leaves the address bar
    page = client.get(f"{SETUP}?next=/admin/pages/")
    assert page.status_code == 200 and shows_secret(page, staff["editor"]) and 'class="segno"' in page.content.decode()
    device = TOTPDevice.objects.get(user=staff["editor"], confirmed=False)
    assert base64.b32encode(device.bin_key).decode() in page.content.decode().replace(" ", "")
    wrong = client.post(SETUP, {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above throttles the next try
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post(SETUP, {"code": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    client.logout()
    client.force_login(staff["editor"])
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    assert not shows_secret(client.get(path, follow=True), staff["editor"])  # the link is spent once set up
    device.refresh_from_db()
    assert device.confirmed
    assert client.post("/admin/two-factor/verify/", {"code": current_code(device)}).status_code == 200  # a used code is refused
    clock["t"] += 30  # the app shows the next code
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # refused codes throttle the next try
    device.save()
    assert client.post("/admin/two-factor/verify/", {"code": current_code(device), "next": "//evil.example/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_link_works_once(client, staff):
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    assert client.get(path)["Location"] == SETUP
    assert shows_secret(client.get(SETUP), staff["editor"])
    thief = Client()
    thief.force_login(staff["editor"])  # the same password in another browser, with the same link
    reused = thief.get(path)
    assert reused.status_code == 410 and "used already" in reused.content.decode()
    assert not shows_secret(reused, staff["editor"]) and not shows_secret(thief.get(SETUP), staff["editor"])
    assert client.get(path).status_code == 410  # the first browser too: the link is spent
    assert shows_secret(client.get(SETUP), staff["editor"])  # but the set-up it opened carries on


def test_an_expired_link_fails(client, staff, monkeypatch):
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    made = datetime.now()
    monkeypatch.setattr(enrolment.tokens, "_now", lambda: made + timedelta(seconds=settings.TWO_FACTOR_LINK_SECONDS + 2))
    expired = client.get(path)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert not shows_secret(expired, staff["editor"]) and not shows_secret(client.get(SETUP), staff["editor"])
    assert not TOTPDevice.objects.filter(user=staff["editor"]).exists()
    monkeypatch.setattr(enrolment.tokens, "_now", lambda: made + timedelta(seconds=settings.TWO_FACTOR_LINK_SECONDS - 5))
    assert client.get(path)["Location"] == SETUP  # just inside its time it works


def test_another_accounts_link_fails(client, staff):
    editor = Client()
    editor.force_login(staff["editor"])
    path = ask_for_link(editor)
    client.force_login(staff["reviewer"])
    answer = client.get(path)
    assert answer.status_code == 403 and "different account" in answer.content.decode()
    assert not shows_secret(answer, staff["reviewer"]) and not shows_secret(answer, staff["editor"])
    assert not shows_secret(client.get(SETUP), staff["reviewer"])
    assert not TOTPDevice.objects.exists()
    assert editor.get(path)["Location"] == SETUP  # the owner's link still works


def test_tampered_links_fail(client, staff, django_user_model):
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    uid, made, signature = path.split("token=")[1].split("-")
    flipped = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    later = enrolment.int_to_base36(enrolment.base36_to_int(made) + 3600)
    for token in [f"{uid}-{made}-{flipped}", f"{uid}-{later}-{signature}", f"{uid}-{made}", "", "x", f"{uid}-{made}-{signature}-x",
                  f"{uid}-zzzzzzzzzzzzzzzzzz-{signature}"]:
        answer = client.get(f"{LINK}?token={token}")
        assert answer.status_code == 410 and "does not work" in answer.content.decode(), token
        assert not shows_secret(answer, staff["editor"])
    # The signature of one account's link under another account's id.
    assert client.get(f"{LINK}?token={enrolment.int_to_base36(staff['reviewer'].pk)}-{made}-{signature}").status_code == 403
    staff["editor"].set_password("another long pass phrase")
    staff["editor"].save()
    client.force_login(staff["editor"])
    assert client.get(path).status_code == 410  # a new password spoils the links sent before
    assert not TOTPDevice.objects.filter(user=staff["editor"]).exists()


def test_a_signed_out_link_asks_to_sign_in_then_carries_on(staff, clock):
    email = Client()
    email.force_login(staff["editor"])
    path = ask_for_link(email)
    browser = Client()
    first = browser.get(path)
    assert first.status_code == 302
    assert first["Location"].startswith("/admin/login/") and "token" not in first["Location"]
    signed_in = browser.post(first["Location"], {"username": "editor", "password": PASSWORD, "next": LINK})
    assert signed_in.status_code == 302 and signed_in["Location"] == LINK
    assert browser.get(LINK)["Location"] == SETUP
    assert shows_secret(browser.get(SETUP), staff["editor"])
    assert confirm(browser, staff["editor"])["Location"] == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_an_operators_link_from_the_command_line(client, staff, clock):
    staff["editor"].email = ""  # no e-mail address: an administrator's approval is the way
    staff["editor"].save()
    out = io.StringIO()
    call_command("second_factor_link", "editor", stdout=out)
    path = urlsplit(out.getvalue().split()[-1])
    client.force_login(staff["editor"])
    assert client.get(f"{path.path}?{path.query}")["Location"] == SETUP
    assert shows_secret(client.get(SETUP), staff["editor"])
    assert confirm(client, staff["editor"])["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    with pytest.raises(CommandError, match="already"):
        call_command("second_factor_link", "editor", stdout=io.StringIO())
    with pytest.raises(CommandError, match="no account"):
        call_command("second_factor_link", "nobody", stdout=io.StringIO())
    replaced = io.StringIO()
    call_command("second_factor_link", "editor", "--replace", stdout=replaced)  # a lost phone
    assert not TOTPDevice.objects.filter(user=staff["editor"]).exists() and LINK in replaced.getvalue()


def test_create_editor_prints_a_link_for_the_new_account(client, monkeypatch, django_user_model, clock):
    from romahub.site.management.commands import create_editor

    monkeypatch.setattr(create_editor.getpass, "getpass", lambda prompt: PASSWORD)
    out = io.StringIO()
    call_command("create_editor", username="mihai", email="m@hub.example", role="editor", stdout=out)
    path = urlsplit(out.getvalue().split()[-1])
    user = django_user_model.objects.get(username="mihai")
    client.force_login(user)
    assert not shows_secret(client.get(SETUP), user)
    assert client.get(f"{path.path}?{path.query}")["Location"] == SETUP
    assert shows_secret(client.get(SETUP), user)
    assert confirm(client, user, "/admin/pages/")["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_the_token_is_never_logged(client, staff, caplog):
    for name in (None, "django.request", "django_tasks", "axes", "django_otp"):
        caplog.set_level(logging.DEBUG, logger=name)  # even at the most talkative level
    client.force_login(staff["editor"])
    path = ask_for_link(client)
    token = path.split("token=")[1]
    thief = Client()
    thief.force_login(staff["reviewer"])
    thief.get(path)  # 403, which Django logs
    client.get(path)
    client.get(path)  # 410, likewise
    assert caplog.records and not any(token in record.getMessage() or token in str(record.args) for record in caplog.records)


def test_council_users_and_readers_are_not_asked(client, django_user_model):
    from romahub.mishto.models import Membership
    from romahub.places.models import LocalAuthority

    council = django_user_model.objects.create_user("lead@derby.example", password=PASSWORD)
    Membership.objects.create(user=council, authority=LocalAuthority.objects.get(slug="derby"), is_lead=True)
    client.force_login(council)
    assert client.get("/en/mishto/council/").status_code == 200
    client.logout()
    assert client.get("/en/").status_code == 200
