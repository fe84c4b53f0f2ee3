import pytest
from django.test import Client

from romahub.advocacy import handling
from romahub.advocacy.forms import HelpRequestForm
from romahub.advocacy.tests.helpers import make_member, make_partner


def received_request(**changes):
    """A request as the form would send it, received now."""
    data = {"who": "parent", "authority": "Derby", "languages": ["ro"], "happening": "visit", "contact_by": "phone",
            "phone": "07700 900 431", "leave_message": "yes", "details": "Sentinel-Ion-5K8", "consent": "on", "may_pass_on": "on"}
    data.update(changes)
    form = HelpRequestForm(data)
    assert form.is_valid(), form.errors
    return handling.receive(form, "ro", now=changes.pop("now", None) if "now" in changes else None)


@pytest.fixture
def two_partners(db):
    """Partners A (Derby, Romanian) and B (Derby, Slovak), each with staff and a key the test holds."""
    a, a_key = make_partner("Partner A", areas=["Derby"], languages=["ro"])
    b, b_key = make_partner("Partner B", areas=["Derby"], languages=["sk"])
    a_staff, b_staff = make_member(a, "a-staff", is_admin=True), make_member(b, "b-staff", is_admin=True)
    clients = {}
    for name, user in (("a", a_staff), ("b", b_staff)):
        clients[name] = Client()
        clients[name].force_login(user)
    return {"a": a, "b": b, "a_key": a_key, "b_key": b_key, "clients": clients, "a_staff": a_staff}
