"""The resources' list items, built in Python (romahub/resources/result_html.py)."""

import pytest
from django.utils import translation

from romahub.resources.library import Filters, grouped, matching
from romahub.resources.models import Resource
from romahub.resources.result_html import resources_html


@pytest.mark.django_db
def test_each_item_names_its_resource_its_facts_and_the_language_of_words_not_in_the_readers():
    with translation.override("sk"):
        resources = [r for _key, _heading, group in grouped(matching(Filters())) for r in group]
        html = resources_html(resources, level=4, summary_words=5)
    assert html.count('<li class="result resource">') == len(resources) > 10
    first = resources[0]
    assert f'<h4 class="result__title"><a href="/sk/resources/{first.slug}/"' in html
    assert "<dt>Druh</dt>" in html and "<dt>Jazyky</dt>" in html  # the reader's interface words
    english_titled = next(r for r in resources if r.title_language == "en")
    assert f'<a href="/sk/resources/{english_titled.slug}/" lang="en">' in html


@pytest.mark.django_db
def test_what_it_is_given_is_escaped_and_a_paid_resource_says_what_it_costs():
    resource = Resource.objects.filter(locale__language_code="en").first()
    resource.title, resource.cost, resource.price, resource.publisher = "<b>Law</b>", "paid", "£5 & up", "A & B"
    resource.title_language = resource.summary_language = "en"
    resource.display_summary = "One two three four five six"
    with translation.override("en"):
        html = resources_html([resource], summary_words=3)
    assert "&lt;b&gt;Law&lt;/b&gt;" in html and "<b>" not in html
    assert "A &amp; B" in html and "£5 &amp; up" in html and 'class="cost-label cost-label--paid"' in html
    assert "<p>One two three …</p>" in html
