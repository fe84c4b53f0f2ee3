"""What a Slovak or Romanian reader or editor sees is in their language, apart from documents' own names."""

import pytest


@pytest.mark.parametrize("language,menu", [("sk", "Prehľady → Stav prekladov"), ("ro", "Rapoarte → Starea traducerilor")])
def test_the_editors_review_notice_names_the_menu_in_the_editors_language(language, menu):
    from django.utils import translation

    from romahub.pages.models import REVIEW_NOTICE

    with translation.override(language):
        notice = str(REVIEW_NOTICE)
    assert menu in notice and "Reports" not in notice


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sk", "ro"])
def test_a_councils_contact_card_has_no_english_commentary(client, language):
    body = client.get(f"/{language}/conference/timeline/", {"icpc": "2027-01-14", "la": "hackney"}).content.decode()
    card = body.split('class="contact-card"', 1)[1].split("</section>", 1)[0]
    assert "London Borough of Hackney" in card  # the document's own name, as published
    assert "cut off" not in card and "left empty" not in card
