"""Exit this page is on every page a family uses, in every language, and on no council or staff page."""

import pytest

from romahub.directory.models import Service

FAMILY_PATHS = [
    "/{lang}/",
    "/{lang}/parents/",
    "/{lang}/parents/children-services-contacted-you/",
    "/{lang}/glossary/",
    "/{lang}/search/?q=conference",
    "/{lang}/conference/timeline/",
    "/{lang}/conference/timeline/?icpc=2027-01-14",
    "/{lang}/conference/prepare/",
    "/{lang}/services/",
    "/{lang}/services/?language=ro",
    "/{lang}/resources/",
]
STAFF_PATHS = ["/{lang}/mishto/", "/{lang}/mishto/pledges/", "/{lang}/mishto/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "sk", "ro"])
def test_every_family_page_has_the_exit_button(client, lang):
    service = Service.objects.listed().first()
    paths = [path.format(lang=lang) for path in FAMILY_PATHS] + [f"/{lang}/services/{service.pk}/", f"/{lang}/services/suggest/"]
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert body.count("data-exit-link") == 1, path
        # First in the page after the skip link, so it is the first thing a keyboard reaches.
        assert body.index("data-exit-link") < body.index('class="site-header"'), path


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "ro"])
def test_council_and_staff_pages_have_no_exit_button(client, lang):
    for path in STAFF_PATHS:
        response = client.get(path.format(lang=lang), follow=True)
        assert response.status_code == 200, path
        assert "data-exit-link" not in response.content.decode(), path


def test_the_button_stays_on_screen_without_javascript():
    from pathlib import Path

    css = (Path(__file__).resolve().parents[2] / "core/static/core/css/hub.css").read_text()
    rule = css.split(".exit-this-page {", 1)[1].split("}", 1)[0]
    assert "position: sticky" in rule and "top: 0" in rule
