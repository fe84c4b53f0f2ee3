"""S1: after a password-only sign-in, no admin page, Mishto review page or evidence is reachable
until the second step (TOTP) is set up and passed."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.django_db, pytest.mark.password_only]
PASSWORD = "a long pass phrase 1"
PRIVATE = ["/admin/", "/admin/pages/", "/admin/snippets/directory/service/", "/admin/mishto/reviews/", "/admin/mishto/invite/"]


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def staff(django_user_model):
    editor = django_user_model.objects.create_user("editor", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    reviewer = django_user_model.objects.create_user("reviewer", password=PASSWORD)
    reviewer.groups.add(Group.objects.get(name="Mishto reviewers"))
    admin = django_user_model.objects.create_superuser("admin", password=PASSWORD)
    return {"editor": editor, "reviewer": reviewer, "admin": admin}


@pytest.mark.parametrize("who", ["editor", "reviewer", "admin"])
def test_password_alone_reaches_no_admin_page(client, staff, who):
    client.force_login(staff[who])
    for url in PRIVATE:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/setup/"), url
    assert client.get("/en/mishto/evidence/1/")["Location"].startswith("/admin/two-factor/setup/")


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves on by hand, so a code never changes under it between two requests."""
    import time
    from types import SimpleNamespace

    now = {"t": time.time()}
    monkeypatch.setattr("django_otp.oath.time", lambda: now["t"])
    monkeypatch.setattr("django_otp.plugins.otp_totp.models.time", SimpleNamespace(time=lambda: now["t"]))
    return now


def test_enrolment_then_each_new_session_asks_for_a_code(client, staff, clock):
    client.force_login(staff["editor"])
    page = client.get("/admin/two-factor/setup/?next=/admin/pages/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=staff["editor"], confirmed=False)
    wrong = client.post("/admin/two-factor/setup/", {"code": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0  # the wrong code above throttles the next try
    device.throttling_failure_timestamp = None
    device.save()
    done = client.post("/admin/two-factor/setup/", {"code": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    client.logout()
    client.force_login(staff["editor"])
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    device.refresh_from_db()
    assert device.confirmed
    assert client.post("/admin/two-factor/verify/", {"code": current_code(device)}).status_code == 200  # a used code is refused
    clock["t"] += 30  # the app shows the next code
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # refused codes throttle the next try
    device.save()
    assert client.post("/admin/two-factor/verify/", {"code": current_code(device), "next": "//evil.example/"})["Location"] == "/admin/"


def test_council_users_and_readers_are_not_asked(client, django_user_model):
    from romahub.mishto.models import Membership
    from romahub.places.models import LocalAuthority

    council = django_user_model.objects.create_user("lead@derby.example", password=PASSWORD)
    Membership.objects.create(user=council, authority=LocalAuthority.objects.get(slug="derby"), is_lead=True)
    client.force_login(council)
    assert client.get("/en/mishto/council/").status_code == 200
    client.logout()
    assert client.get("/en/").status_code == 200
