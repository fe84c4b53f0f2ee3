"""Each parent guide ends with where to go next; the home page's first screen has a way in for a letter."""

import pytest
from wagtail.models import Locale

from romahub.pages.models import CONFERENCE_GUIDE_SLUG, PARENTS_SECTION_SLUG, GuidePage, HomePage


def parent_guides(language):
    return [
        guide for guide in GuidePage.objects.live().filter(locale__language_code=language).specific()
        if guide.get_parent().slug == PARENTS_SECTION_SLUG
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_every_parent_guide_ends_with_its_next_steps(client, language):
    guides = parent_guides(language)
    assert len(guides) >= 4
    for guide in guides:
        body = client.get(guide.url).content.decode()
        assert 'id="next-steps-heading"' in body, guide.slug
        steps = body.split('class="next-steps"', 1)[1].split("</nav>", 1)[0]
        assert f'href="/{language}/conference/timeline/"' in steps
        assert f'href="/{language}/conference/prepare/"' in steps
        if language == "en":
            assert 'href="/en/services/"' in steps
        else:
            assert f'href="/{language}/services/?language={language}"' in steps
        assert (f'/{CONFERENCE_GUIDE_SLUG}/"' in steps) == (guide.slug != CONFERENCE_GUIDE_SLUG), guide.slug
        # The next steps come after the guide's words, before its sources.
        if 'id="sources-heading"' in body:
            assert body.index('id="next-steps-heading"') < body.index('id="sources-heading"')


@pytest.mark.django_db
def test_guides_for_professionals_have_no_parent_next_steps(client):
    guide = GuidePage.objects.live().filter(locale__language_code="en").exclude(
        path__startswith=GuidePage.objects.get(locale__language_code="en", slug=CONFERENCE_GUIDE_SLUG).get_parent().path
    ).first()
    assert guide is not None
    assert 'id="next-steps-heading"' not in client.get(guide.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_the_home_page_offers_a_way_in_for_a_conference_letter(client, language):
    home = HomePage.objects.get(locale=Locale.objects.get(language_code=language))
    body = client.get(home.url).content.decode()
    hero = body.split('class="hero"', 1)[1].split("</section>", 1)[0]
    assert f'href="/{language}/parents/{CONFERENCE_GUIDE_SLUG}/"' in hero
