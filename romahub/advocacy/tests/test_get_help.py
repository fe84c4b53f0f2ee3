"""The family's form: routed, sealed to one partner, honest when nobody can take it."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from romahub.advocacy.models import HelpRequest
from romahub.advocacy.tests.helpers import make_member, make_partner, open_sealed

pytestmark = pytest.mark.django_db

SENTINEL_PHONE = "07700 900 431"  # with SENTINEL_TEXT: the root conftest fails the run if "Sentinel-" is logged
SENTINEL_TEXT = "Sentinel-Zuzana-7Q3 says the social worker came on Tuesday"


def form_data(**changes):
    data = {
        "who": "parent", "authority": "Derby", "languages": ["ro"], "happening": "conference",
        "conference_date": "27/03/2027", "name": "Zuzana", "contact_by": "phone", "phone": SENTINEL_PHONE,
        "safe_times": "after 3pm", "leave_message": "no", "details": SENTINEL_TEXT, "consent": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def url(language="en"):
    with translation.override(language):
        return reverse("advocacy:get_help")


def test_without_partners_the_page_says_so_and_offers_the_advice_line_and_the_directory(client):
    answer = client.get(url("ro"))
    assert answer.status_code == 200
    text = answer.content.decode()
    assert "0808 801 0366" in text and "/ro/services/" in text
    assert "<form" not in text.split("<main", 1)[1].split("</main>", 1)[0] or 'name="consent"' not in text
    assert "no-store" in answer["Cache-Control"]


def test_a_request_reaches_the_partner_that_covers_the_area_and_speaks_the_language_sealed_to_it(client):
    make_partner("Speaks Slovak", areas=["Derby"], languages=["sk"])
    partner, private = make_partner("Speaks Romanian", areas=["Derby"], languages=["ro"])
    staff = make_member(partner, "ana", email="ana@partner.example")
    answer = client.post(url("ro"), form_data())
    assert answer.status_code == 302 and "/ro/get-help/status/?token=" in answer["Location"]
    request = HelpRequest.objects.get()
    assert request.partner == partner and request.language == "ro" and str(request.conference_date) == "2027-03-27"
    # Nothing personal in plain: only the sealed box holds it, and only the partner's key opens it.
    assert SENTINEL_PHONE not in str(request.sealed) and "Zuzana" not in str(request.sealed)
    opened = open_sealed(private, request.sealed, request.context)
    assert opened["phone"] == SENTINEL_PHONE and opened["details"] == SENTINEL_TEXT and opened["who"] == "parent"
    # Staff are told, with a link to sign in and nothing about the family.
    assert [message.to for message in mail.outbox] == [[staff.email]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "/partner/" in body and SENTINEL_PHONE not in body and "Zuzana" not in body and "Derby" not in body


def test_the_status_link_shows_the_partner_and_the_status_and_nothing_the_family_wrote(client):
    make_partner("Roma Link", areas=["Derby"], languages=["ro"], public_phone="0115 000 0000")
    status_url = client.post(url("ro"), form_data())["Location"]
    page = client.get(status_url)
    text = page.content.decode()
    assert page.status_code == 200 and "Roma Link" in text and "0115 000 0000" in text
    assert SENTINEL_PHONE not in text and "Zuzana" not in text and SENTINEL_TEXT not in text
    assert "no-store" in page["Cache-Control"]
    assert client.get(status_url[:-3] + "xyz").status_code == 404
    assert client.get(status_url.split("?")[0]).status_code == 404


def test_when_no_partner_covers_the_area_nothing_is_kept_and_the_form_says_where_else_to_turn(client):
    make_partner("Only Sheffield", areas=["Sheffield"], languages=["sk"])
    answer = client.post(url("sk"), form_data(languages=["sk"]))
    assert answer.status_code == 200
    assert HelpRequest.objects.count() == 0
    text = answer.content.decode()
    assert "0808 801 0366" in text and "la=derby" in text and "language=sk" in text


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_errors_are_in_the_readers_language(client, language):
    make_partner("Roma Link", areas=["Derby"], languages=["ro"])
    answer = client.post(url(language), form_data(contact_by="phone", phone="", consent=None, authority="Derbyy"))
    assert answer.status_code == 200 and HelpRequest.objects.count() == 0
    text = answer.content.decode()
    expected = {
        "en": ["Enter the phone number they should use.", "Did you mean Derby?"],
        "sk": ["Zadajte telefónne číslo, na ktoré vám majú volať.", "Mysleli ste Derby?"],
        "ro": ["Scrieți numărul de telefon la care să vă sune.", "Ați vrut să scrieți Derby?"],
    }[language]
    for message in expected:
        assert message in text


def test_the_honeypot_is_thanked_and_dropped(client):
    make_partner("Roma Link", areas=["Derby"], languages=["ro"])
    answer = client.post(url(), form_data(homepage="http://spam.example"))
    assert answer.status_code == 302 and HelpRequest.objects.count() == 0


def test_past_the_limit_the_form_says_so_and_keeps_nothing(client, settings):
    settings.HELP_REQUEST_RATE_LIMIT = 1
    make_partner("Roma Link", areas=["Derby"], languages=["ro"], capacity=10)
    assert client.post(url(), form_data()).status_code == 302
    answer = client.post(url(), form_data())
    assert answer.status_code == 429 and HelpRequest.objects.count() == 1


def test_the_form_has_no_personal_data_in_its_address_and_the_exit_button(client):
    make_partner("Roma Link", areas=["Derby"], languages=["ro"])
    page = client.get(url("sk"))
    text = page.content.decode()
    assert 'method="post"' in text and "data-exit-link" in text
    assert "no-store" in page["Cache-Control"]
    assert 'name="child' not in text and "birth" not in text.split("<form", 1)[1].split("Do not", 1)[0]


@pytest.mark.parametrize("typed, council", [("derby", "Derby"), ("Gravesend", "Kent"), ("Dewsbury", "Kirklees"),
                                             ("southend on sea", "Southend-on-Sea")])
def test_a_council_or_a_town_in_it_may_be_typed(typed, council):
    from romahub.advocacy.forms import HelpRequestForm

    form = HelpRequestForm(form_data(authority=typed))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["authority"].name == council


def test_a_town_in_no_single_council_asks_for_the_council():
    from romahub.advocacy.forms import HelpRequestForm

    with translation.override("en"):
        form = HelpRequestForm(form_data(authority="Walthamstow"))
        assert not form.is_valid()
        assert form.errors["authority"] == ["We know Walthamstow, but not which council it is in. Choose your council from the list."]
