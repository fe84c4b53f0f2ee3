import re

import pytest

from romahub.core.print_links import with_print_addresses


def test_a_local_link_gets_its_full_address_for_print():
    html = '<p>See <a href="/ro/services/?help=advocacy&amp;language=ro">ajutor</a>.</p>'
    out = with_print_addresses(html, "https://hub.example")
    assert out == ('<p>See <a href="/ro/services/?help=advocacy&amp;language=ro">ajutor</a>'
                   '<span class="print-url"> (https://hub.example/ro/services/?help=advocacy&amp;language=ro)</span>.</p>')


def test_other_links_are_left_alone():
    html = ('<a href="https://www.gov.uk/">GOV.UK</a><a href="#top">top</a><a href="tel:0800">call</a>'
            '<a class="glossary-link" href="/en/glossary/#x">term</a>')
    assert with_print_addresses(html, "https://hub.example") == html


def test_links_with_markup_inside_and_several_on_a_line():
    html = '<a href="/a/"><strong>A</strong></a> and <a class="x" href="/b/">B</a>'
    out = with_print_addresses(html, "http://h")
    assert out.count('class="print-url"') == 2 and "(http://h/a/)" in out and "(http://h/b/)" in out


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "sk", "ro"])
def test_a_printed_guide_shows_the_full_address_of_each_local_link(client, lang):
    body = client.get(f"/{lang}/parents/children-services-contacted-you/", follow=True).content.decode()
    main = body.split('<main', 1)[1].split("</main>", 1)[0]
    openings = re.findall(r'<a\b[^>]*href="/[^"]*"[^>]*>', main)
    expected = [tag for tag in openings if "glossary-link" not in tag]
    printed = re.findall(r'<span class="print-url"> \((http://testserver/[^)]*)\)</span>', main)
    assert expected and len(printed) == len(expected)
