"""The table of milestone texts: every milestone the timeline makes has a text, and every text is used."""

from dataclasses import fields
from datetime import date

import pytest
from django.utils import translation

from romahub.conference.text import TEXTS, case_of, describe
from romahub.conference.timeline import DEADLINE, ENGLAND, HELD, Milestone, Rules, plan

RULES = Rules(2, 7, 1, 5, 4, 14, 1, 12)


def every_milestone():
    for rules in (ENGLAND, RULES):
        yield from ((m, rules) for m in plan(date(2026, 3, 2), rules, review_count=3))
        yield from ((m, rules) for m in plan(date(2026, 3, 2), rules, reviews_held=(date(2026, 5, 20),)))


def test_every_milestone_has_a_text_and_every_text_is_used():
    cases = {case_of(m) for m, _ in every_milestone()}
    assert cases == set(TEXTS)


def test_each_count_is_a_rule_and_each_numbered_title_takes_its_number():
    rule_names = {f.name for f in fields(Rules)}
    with translation.override("en"):
        for case, text in TEXTS.items():
            if text.count:
                placeholder, rule = text.count
                assert rule in rule_names, case
                # The plural text counts by this placeholder: naming another raises KeyError.
                assert " 7 " in text.explanation % {placeholder: 7}, case
            assert ("%(number)d" in str(text.title)) == ("#" in case), case


@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_texts_are_plain_strings_with_the_rules_numbers(language):
    with translation.override(language):
        for milestone, rules in every_milestone():
            described = describe(milestone, rules)
            assert type(described.title) is str and type(described.explanation) is str
            assert "%(" not in described.title + described.explanation
            text = TEXTS[case_of(milestone)]
            if text.count:
                assert str(getattr(rules, text.count[1])) in described.explanation


def test_a_review_takes_its_number_and_the_singular_for_one():
    one = Rules(1, 1, 1, 1, 1, 1, 1, 1)
    with translation.override("en"):
        review = describe(Milestone("review-1", DEADLINE, date(2026, 6, 1), 1), one)
        later = describe(Milestone("review-2", DEADLINE, date(2026, 12, 1), 2), RULES)
        held = describe(Milestone("review-2", HELD, date(2026, 12, 1), 2), RULES)
    assert review.title == "Review conference 1, at the latest"
    assert review.explanation == "The first review is held within 1 month of the initial conference."
    assert later.explanation == "If the plan continues, the next review is held within 12 months of the last one."
    assert held.title == "Review conference 2 (held)"


@pytest.mark.parametrize("key, number", [("review-2", 1), ("reports-review-#", 0), ("visits-1", 1), ("nonsense", 0)])
def test_a_key_the_timeline_never_makes_is_refused(key, number):
    with pytest.raises(ValueError, match="unknown milestone"):
        describe(Milestone(key, DEADLINE, date(2026, 1, 1), number), ENGLAND)
