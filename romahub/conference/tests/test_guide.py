"""The conference guide covers what issue 3 asks, in every language, with glossary links."""

import re

import pytest

GUIDE = "/{language}/parents/child-protection-conference/"

# Phrases each section of the guide must contain, per language: who is there, the chair,
# recording, the four categories, core group, reviews, expectations, rights, complaints.
MUST_SAY = {
    "en": [
        "independent chair", "health visitor", "police officer", "interpreter", "advocate",
        "meets you alone", "declaration", "Never record in secret",
        "physical abuse", "emotional abuse", "sexual abuse", "neglect", "child in need plan",
        "core group", "within 10 working days", "every 6 weeks", "at least every 10 days",
        "review conference", "within 3 months", "at least every 6 months",
        "What can you expect?", "They cannot take part in the decision", "Family Rights Group",
        "How to complain", "complaints team",
    ],
    "sk": [
        "Nezávislý predsedajúci", "health visitor", "Policajt", "Tlmočník", "zástanca",
        "vyhlásenie", "základná skupina", "do 10 pracovných dní", "každých 6 týždňov",
        "aspoň raz za 10 dní", "kontrolná konferencia", "do 3 mesiacov", "aspoň raz za 6 mesiacov",
        "Čo môžete očakávať?", "podieľať nemôže", "Family Rights Group", "Ako sa sťažovať",
        "zanedbávanie",
    ],
    "ro": [
        "Președintele independent", "health visitor", "polițist", "interpret", "susținător",
        "declarație", "grup de bază", "10 zile lucrătoare", "6 săptămâni", "o dată la 10 zile",
        "conferință de revizuire", "3 luni", "o dată la 6 luni", "La ce vă puteți aștepta?",
        "Nu poate însă participa la luarea deciziei", "Family Rights Group", "Cum faceți o plângere",
        "neglijare",
    ],
}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_guide_covers_every_point(client, language):
    response = client.get(GUIDE.format(language=language))
    assert response.status_code == 200
    text = text_of(response.content.decode())
    missing = [phrase for phrase in MUST_SAY[language] if phrase.lower() not in text.lower()]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_guide_links_conference_terms_to_the_glossary(client, language):
    body = client.get(GUIDE.format(language=language)).content.decode()
    for slug in ("core-group", "independent-chair", "child-protection-plan", "review-child-protection-conference"):
        assert f'href="/{language}/glossary/#{slug}"' in body, slug


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_guide_links_to_the_preparation_form(client, language):
    assert f'href="/{language}/conference/prepare/"' in client.get(GUIDE.format(language=language)).content.decode()
