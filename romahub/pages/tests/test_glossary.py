import re

from hypothesis import given, settings
from hypothesis import strategies as st

from romahub.pages.glossary import TermForms, build_pattern, link_terms

TERMS = [
    TermForms("core-group", ("core group", "core groups")),
    TermForms("child-protection-plan", ("child protection plan",)),
    TermForms("plan", ("plan",)),
    TermForms("konferencia", ("konferencia o ochrane dieťaťa", "konferencii o ochrane dieťaťa")),
]


def test_links_first_use_only():
    html = "<p>The core group meets. The core group meets again.</p>"
    out = link_terms(html, TERMS, "/en/glossary/")
    assert out.count('href="/en/glossary/#core-group"') == 1
    assert out.startswith('<p>The <a class="glossary-link" href="/en/glossary/#core-group">core group</a>')


def test_longest_form_wins():
    out = link_terms("<p>Your child protection plan.</p>", TERMS, "/g/")
    assert 'href="/g/#child-protection-plan"' in out
    assert 'href="/g/#plan"' not in out


def test_keeps_case_and_matches_whole_words_only():
    out = link_terms("<p>Core Group. Coregroup. Planning.</p>", TERMS, "/g/")
    assert '<a class="glossary-link" href="/g/#core-group">Core Group</a>' in out
    assert "#plan" not in out  # "Planning" is not "plan"


def test_never_inside_links_or_headings():
    html = '<h2>The core group</h2><p><a href="https://x.org">core group</a></p><h3>plan</h3>'
    assert link_terms(html, TERMS, "/g/") == html


def test_inflected_slovak_forms():
    out = link_terms("<p>Na konferencii o ochrane dieťaťa budete…</p>", TERMS, "/sk/slovnik/")
    assert 'href="/sk/slovnik/#konferencia"' in out


def test_attributes_are_never_touched():
    html = '<p title="core group">text</p>'
    assert link_terms(html, TERMS, "/g/") == html


def test_no_terms_or_no_glossary_changes_nothing():
    html = "<p>core group</p>"
    assert link_terms(html, [], "/g/") == html
    assert link_terms(html, TERMS, "") == html


# The prefix tree must find exactly what a plain longest-first alternation finds.
_words = st.sampled_from(["care", "order", "plan", "core", "group", "groups", "ordin", "plán", "ți", "ș", "a"])
_forms = st.lists(_words, min_size=1, max_size=3).map(" ".join)


def _alternation(forms):
    alternatives = sorted({f.casefold() for f in forms}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)({'|'.join(re.escape(f) for f in alternatives)})(?!\w)", re.IGNORECASE)


@settings(max_examples=300, deadline=None)
@given(forms=st.lists(_forms, min_size=1, max_size=8), text=st.lists(st.sampled_from(
    ["care", "Care", "order", "ORDER", "orders", "plan", "planning", "core", "group", "groups", "ordin", "plán",
     "ți", "ș", "a", " ", " ", ".", ","]), max_size=30).map("".join))
def test_the_prefix_tree_matches_as_longest_first_alternation_would(forms, text):
    terms = [TermForms(f"t{i}", (form,)) for i, form in enumerate(forms)]
    pattern, _ = build_pattern(terms)
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in _alternation(forms).finditer(text)]
