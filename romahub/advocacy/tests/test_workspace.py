"""The workspace: only the receiving partner's staff see a request, and every opening is logged."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from romahub.advocacy import sealing
from romahub.advocacy.models import HelpRequest, RequestEvent, RequestNote, Tally
from romahub.advocacy.tests.conftest import received_request
from romahub.advocacy.tests.helpers import open_sealed
from romahub.mishto.models import Membership
from romahub.places.models import LocalAuthority

pytestmark = pytest.mark.django_db


def private_urls(help_request, other_partner):
    pk = help_request.pk
    return {
        "workspace": ("get", reverse("advocacy:workspace")),
        "key": ("get", reverse("advocacy:key")),
        "request": ("get", reverse("advocacy:request", args=[pk])),
        "sealed": ("post", reverse("advocacy:sealed", args=[pk])),
        "accept": ("post", reverse("advocacy:accept", args=[pk])),
        "close": ("post", reverse("advocacy:close", args=[pk])),
        "note": ("post", reverse("advocacy:note", args=[pk])),
        "pass_on": ("post", reverse("advocacy:pass_on", args=[pk])),
        "public_key": ("get", reverse("advocacy:public_key", args=[pk, other_partner.pk])),
    }


def _others():
    """Everyone who is not partner staff: anonymous, editor, moderator, translator, council user, superuser."""
    User = get_user_model()
    clients = {"anonymous": Client()}
    for role, group in (("editor", "Editors"), ("moderator", "Moderators"), ("translator", "Translators")):
        user = User.objects.create_user(f"{role}-x", f"{role}-x@example.org", "a long test password 42", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        clients[role] = Client()
        clients[role].force_login(user)
    council = User.objects.create_user("council-x", "council-x@example.org", "a long test password 42")
    Membership.objects.create(user=council, authority=LocalAuthority.objects.get(slug="derby"))
    clients["council user"] = Client()
    clients["council user"].force_login(council)
    clients["superuser"] = Client()
    clients["superuser"].force_login(User.objects.create_superuser("root-x", "root-x@example.org", "a long test password 42"))
    return clients


def test_the_access_matrix(two_partners):
    help_request, _token = received_request()
    assert help_request.partner == two_partners["a"]
    urls = private_urls(help_request, two_partners["b"])
    per_request = {"request", "sealed", "accept", "close", "note", "pass_on", "public_key"}
    for who, client in {**_others(), "partner B": two_partners["clients"]["b"]}.items():
        for name, (method, url) in urls.items():
            answer = getattr(client, method)(url, data="{}" if method == "post" else None, content_type="application/json")
            if who == "anonymous":
                assert answer.status_code == 302 and "login" in answer["Location"], (who, name)
            elif who == "partner B":
                # B's own workspace and key page open; A's request does not exist for B.
                assert answer.status_code == (404 if name in per_request else 200), (who, name)
                if name == "workspace":
                    assert str(help_request.pk) not in answer.content.decode() and "Derby" not in answer.content.decode()
            else:
                assert answer.status_code == 403, (who, name)
    # Nobody above changed it or could read it.
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.RECEIVED and not RequestEvent.objects.exists()
    # The receiving partner's staff see it, and its metadata only in the list.
    a = two_partners["clients"]["a"]
    listing = a.get(reverse("advocacy:workspace")).content.decode()
    assert "Derby" in listing and "07700" not in listing and "Sentinel-Ion" not in listing
    page = a.get(reverse("advocacy:request", args=[help_request.pk])).content.decode()
    assert "07700" not in page and "Sentinel-Ion" not in page


def test_opening_hands_the_sealed_box_to_the_browser_and_logs_who_and_when(two_partners):
    help_request, _token = received_request()
    a = two_partners["clients"]["a"]
    answer = a.post(reverse("advocacy:sealed", args=[help_request.pk]))
    body = answer.json()
    assert "no-store" in answer["Cache-Control"]
    assert open_sealed(two_partners["a_key"], body["sealed"], body["context"].encode())["details"] == "Sentinel-Ion-5K8"
    event = RequestEvent.objects.get()
    assert (event.user, event.action) == (two_partners["a_staff"], RequestEvent.OPENED)
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.OPENED


def test_accept_note_and_close_with_an_outcome(two_partners):
    help_request, token = received_request()
    a = two_partners["clients"]["a"]
    a.post(reverse("advocacy:accept", args=[help_request.pk]))
    note = sealing.seal(two_partners["a"].public_key, {"text": "Called on Monday"}, help_request.note_context())
    assert a.post(reverse("advocacy:note", args=[help_request.pk]), json.dumps({"sealed": note}),
                  content_type="application/json").json() == {"saved": True}
    assert a.post(reverse("advocacy:note", args=[help_request.pk]), json.dumps({"sealed": {"text": "plain"}}),
                  content_type="application/json").status_code == 400
    assert RequestNote.objects.count() == 1
    a.post(reverse("advocacy:close", args=[help_request.pk]), {"outcome": "advocacy"})
    help_request.refresh_from_db()
    assert (help_request.status, help_request.outcome) == (HelpRequest.CLOSED, "advocacy")
    assert Tally.objects.get().number == 1
    assert [e.action for e in help_request.events.all()] == ["accepted", "note", "closed"]
    status = Client().get(reverse("advocacy:status"), {"token": token}).content.decode()
    assert "Partner A" in status


def test_passing_on_takes_a_box_sealed_again_to_the_other_partner_and_drops_the_first_partners_notes(two_partners):
    help_request, _token = received_request()
    a, b = two_partners["clients"]["a"], two_partners["clients"]["b"]
    a.post(reverse("advocacy:note", args=[help_request.pk]),
           json.dumps({"sealed": sealing.seal(two_partners["a"].public_key, {"text": "ours"}, help_request.note_context())}),
           content_type="application/json")
    key = a.get(reverse("advocacy:public_key", args=[help_request.pk, two_partners["b"].pk])).json()["public_key"]
    resealed = sealing.seal(key, {"details": "Sentinel-Ion-5K8"}, help_request.context)
    answer = a.post(reverse("advocacy:pass_on", args=[help_request.pk]), json.dumps({"partner": two_partners["b"].pk, "sealed": resealed}),
                    content_type="application/json")
    assert answer.json() == {"saved": True}
    help_request.refresh_from_db()
    assert help_request.partner == two_partners["b"] and help_request.status == HelpRequest.RECEIVED
    assert not help_request.notes.exists()
    assert a.get(reverse("advocacy:request", args=[help_request.pk])).status_code == 404
    body = b.post(reverse("advocacy:sealed", args=[help_request.pk])).json()
    assert open_sealed(two_partners["b_key"], body["sealed"], body["context"].encode())["details"] == "Sentinel-Ion-5K8"


def test_a_request_the_family_did_not_let_move_cannot_be_passed_on(two_partners):
    help_request, _token = received_request(may_pass_on="")
    a = two_partners["clients"]["a"]
    assert help_request.sealed_for_next is None
    assert a.get(reverse("advocacy:public_key", args=[help_request.pk, two_partners["b"].pk])).status_code == 404
    resealed = sealing.seal(two_partners["b"].public_key, {"details": "x"}, help_request.context)
    assert a.post(reverse("advocacy:pass_on", args=[help_request.pk]), json.dumps({"partner": two_partners["b"].pk, "sealed": resealed}),
                  content_type="application/json").status_code == 400


def test_only_the_partners_administrator_saves_its_key_once(two_partners, db):
    from romahub.advocacy.tests.helpers import make_member, make_partner

    fresh, _ = make_partner("Partner C", areas=["Derby"], with_key=False)
    admin, staff = make_member(fresh, "c-admin", is_admin=True), make_member(fresh, "c-staff")
    from romahub.advocacy.tests.helpers import new_key_pair

    _, public = new_key_pair()
    body = {"public_key": public, "wrapped": {"salt": sealing.b64(b"s" * 16), "iterations": 600_000, "iv": sealing.b64(b"i" * 12),
                                             "ct": sealing.b64(b"c" * 154)},
            "recovery_wrapped": {"iv": sealing.b64(b"j" * 12), "ct": sealing.b64(b"d" * 154)}}
    for user, expected in ((staff, 403), (admin, 200)):
        client = Client()
        client.force_login(user)
        assert client.post(reverse("advocacy:key"), json.dumps(body), content_type="application/json").status_code == expected
    fresh.refresh_from_db()
    assert fresh.public_key == public and fresh.wrapped_key["iterations"] == 600_000
    client = Client()
    client.force_login(admin)
    assert client.post(reverse("advocacy:key"), json.dumps(body), content_type="application/json").status_code == 409


@pytest.mark.password_only
def test_partner_staff_need_the_second_factor(two_partners):
    client = Client()
    client.force_login(two_partners["a_staff"])
    answer = client.get(reverse("advocacy:workspace"))
    assert answer.status_code == 302 and "/two-factor/" in answer["Location"]
