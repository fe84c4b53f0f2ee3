"""The law as the guides and the glossary state it, read against the Children Act 1989 and Working
Together 2023: each test names the rule, so a later edit that reintroduces the error fails here."""

import json
import re

import pytest

from romahub.pages.starter_content.validate import DATA_DIR

FILES = sorted((DATA_DIR / "guides").glob("*.json")) + [DATA_DIR / "glossary.json"]


def texts(language):
    """Every string of the starter pages and glossary in one language, without markup."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.append(re.sub(r"<[^>]+>", " ", value))

    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for record in data if isinstance(data, list) else [data]:
            walk(record.get(language, {}))
    return " ".join(found)


def test_the_threshold_is_is_suffering_or_is_likely_to_suffer():
    english = texts("en")
    assert not re.search(r"has suffered,? or (could|may) suffer", english)
    assert english.count("is likely to suffer") >= 3
    assert "utrpelo alebo môže utrpieť" not in texts("sk")
    assert "a suferit sau ar putea suferi" not in texts("ro")


def test_the_26_weeks_are_a_must_unless_the_court_extends_them():
    for language, forbidden in (("en", r"aim to finish|should finish most cases"),
                                ("sk", r"musí snažiť|by mal väčšinu"), ("ro", r"să încerce să încheie|ar trebui să încheie majoritatea")):
        assert not re.search(forbidden, texts(language)), language
    assert texts("en").count("unless it extends the time") >= 3


def test_a_section_47_enquiry_is_a_duty():
    assert not re.search(r"may (then )?make a section 47 enquiry", texts("en"))
    assert "môže začať prešetrovanie podľa paragrafu 47" not in texts("sk")


def test_a_plan_has_one_main_category():
    assert not re.search(r"one of four categories", texts("en"))
    assert "jednu zo štyroch kategórií" not in texts("sk")
    assert "una dintre cele patru categorii" not in texts("ro")


def test_magistrates_also_decide_care_proceedings():
    assert "A judge decides, not the social worker" not in texts("en")
    assert "magistrates" in texts("sk") and "magistrates" in texts("ro")


def test_an_interpreter_is_what_guidance_expects_not_a_right_in_law():
    assert not re.search(r"right to an interpreter|<strong>To an interpreter", texts("en"))
    assert "Právo na tlmočníka" not in texts("sk") and "Dreptul la un interpret" not in texts("ro")


def glossary(slug):
    return next(term for term in json.loads((DATA_DIR / "glossary.json").read_text(encoding="utf-8")) if term["slug"] == slug)


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_a_fathers_parental_responsibility_depends_on_where_and_when_the_birth_was_registered(language):
    definition = glossary("parental-responsibility")[language]["definition"]
    assert "2003" in definition and "1" in definition
    assert {"en": "England or Wales", "sk": "Anglicku alebo vo Walese", "ro": "Anglia sau în Țara Galilor"}[language] in definition


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_a_capacity_assessment_is_not_a_parenting_assessment(language):
    term = glossary("capacity-assessment")[language]
    assert "parenting" not in term["aliases"] and "rodičovsk" not in term["aliases"] and "parental" not in term["aliases"]
    assert "Mental Capacity Act 2005" in term["definition"]

