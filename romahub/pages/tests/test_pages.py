import json
import re

import pytest
from django.core.files.base import ContentFile
from django.utils.html import escape
from wagtail.documents.models import Document
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from romahub.pages.models import (
    GlossaryPage,
    GuidePage,
    HomePage,
    InformationPage,
    SectionPage,
)
from romahub.pages.tests.factories import make_guide, section, stream


def jsonld_blocks(html: str) -> list[dict]:
    return [
        json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_tree_is_constrained(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage})
        self.assertAllowedParentPageTypes(GuidePage, {SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, {GuidePage})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, GlossaryPage, InformationPage})
        self.assertAllowedSubpageTypes(GuidePage, set())

    def test_editor_can_create_a_guide_with_every_block(self):
        user = self.create_superuser("editor", password="a-long-enough-password-1")
        self.client.force_login(user)
        parent = section()
        self.assertCanCreate(
            parent,
            GuidePage,
            nested_form_data(
                {
                    "title": "Made in the editor",
                    "slug": "made-in-the-editor",
                    "summary": "Short.",
                    "body": streamfield(
                        [
                            ("text", rich_text("<p>Hello</p>")),
                            ("callout", {"kind": "important", "heading": "Note", "text": rich_text("<p>Hi</p>")}),
                        ]
                    ),
                    "sources": streamfield([]),
                }
            ),
        )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "sk", "ro"])
def test_every_page_type_renders_in_every_language(client, language):
    locale = Locale.objects.get(language_code=language)
    for model in (HomePage, SectionPage, GuidePage, GlossaryPage, InformationPage):
        page = model.objects.live().filter(locale=locale).first()
        assert page is not None, f"no {model.__name__} in {language}"
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        body = response.content.decode()
        assert f'<html lang="{language}"' in body
        heading = page.hero_heading if isinstance(page, HomePage) else page.title
        assert "<main" in body and escape(heading) in body


@pytest.mark.django_db
def test_home_page_first_screen_leads_a_parent_in_and_lists_six_sections(client):
    body = client.get("/en/").content.decode()
    hero = body.split('class="hero"', 1)[1].split("</section>", 1)[0]
    assert 'class="button button--start"' in hero
    start = HomePage.objects.get(locale__language_code="en").hero_page
    assert start.url in hero
    for title in (
        "Parents and families",
        "Advocates",
        "Social workers",
        "Foster and kinship carers",
        "Lawyers",
        "Councils and services",
    ):
        assert title in body


@pytest.mark.django_db
def test_translated_home_button_leads_to_translated_guide(client):
    body = client.get("/ro/").content.decode()
    start = HomePage.objects.get(locale__language_code="en").hero_page
    assert start.get_translation(Locale.objects.get(language_code="ro")).url in body


@pytest.mark.django_db
def test_guide_blocks_render(client):
    document = Document.objects.create(title="Leaflet", file=ContentFile(b"%PDF-1.4 test", name="leaflet.pdf"))
    audio = Document.objects.create(title="Recording", file=ContentFile(b"ID3", name="guide.mp3"))
    guide = make_guide(
        slug="all-blocks",
        body=stream(
            ("text", "<h2>Why?</h2><p>Because.</p>"),
            ("steps", {"heading": "What you can do", "steps": [
                {"title": "First step", "text": "<p>One.</p>"},
                {"title": "Second step", "text": "<p>Two.</p>"},
            ]}),
            ("callout", {"kind": "important", "heading": "Your right", "text": "<p>Ask.</p>"}),
            ("faq", {"heading": "Questions", "items": [{"question": "Is it free?", "answer": "<p>Yes.</p>"}]}),
            ("contact", {"name": "Family Rights Group", "description": "Advice.", "phone": "0808 801 0366",
                         "email": "", "website": "https://frg.org.uk/", "hours": ""}),
            ("document", {"document": document.pk, "title": "Download the leaflet", "description": ""}),
            ("audio", {"audio": audio.pk, "title": "Listen", "transcript": "<p>Words.</p>"}),
        ),
    )
    body = client.get(guide.url).content.decode()
    assert re.search(r'<ol class="steps">.*First step.*Second step', body, re.S)
    assert 'class="callout callout--important"' in body
    assert 'href="tel:08088010366"' in body
    assert document.url in body and "PDF" in body
    assert f'<audio controls preload="none" src="{audio.url}"' in body
    assert "Words." in body


@pytest.mark.django_db
def test_faq_emits_faqpage_jsonld(client):
    guide = GuidePage.objects.live().filter(locale__language_code="sk").first()
    body = client.get(guide.url).content.decode()
    data = [d for d in jsonld_blocks(body) if d.get("@type") == "FAQPage"]
    assert data, "guide without FAQPage JSON-LD"
    questions = data[0]["mainEntity"]
    assert questions and all(q["@type"] == "Question" and q["acceptedAnswer"]["text"] for q in questions)
    assert data[0]["inLanguage"] == "sk"


def test_jsonld_cannot_break_out_of_its_script():
    from romahub.core.templatetags.core_tags import jsonld

    out = jsonld(json.dumps({"name": "</script><script>alert(1)</script>"}))
    assert "</script><script>" not in out
    assert out.count("</script>") == 1


@pytest.mark.django_db
def test_guide_links_glossary_terms(client):
    guide = make_guide(slug="glossary-use", body=stream(("text", "<p>Your core group will meet soon.</p>")))
    body = client.get(guide.url).content.decode()
    glossary = GlossaryPage.objects.get(locale__language_code="en")
    assert f'<a class="glossary-link" href="{glossary.url}#core-group">core group</a>' in body
    glossary_body = client.get(glossary.url).content.decode()
    assert 'id="core-group"' in glossary_body


@pytest.mark.django_db
def test_guides_list_their_sources(client):
    for guide in GuidePage.objects.live().filter(locale__language_code="en"):
        assert len(guide.sources) >= 1, guide.title
    guide = GuidePage.objects.live().filter(locale__language_code="ro").first()
    assert 'id="sources-heading"' in client.get(guide.url).content.decode()


@pytest.mark.django_db
def test_exit_button_only_on_parents_pages(client):
    parents_guide = section("parents").get_children().live().first()
    lawyers_guide = section("lawyers").get_children().live().first()
    assert "data-exit-link" in client.get(parents_guide.url).content.decode()
    assert "data-exit-link" in client.get(section("parents").url).content.decode()
    assert "data-exit-link" not in client.get(lawyers_guide.url).content.decode()
    sk_guide = parents_guide.get_translation(Locale.objects.get(language_code="sk"))
    assert "data-exit-link" in client.get(sk_guide.url).content.decode()


@pytest.mark.django_db
def test_sitemap_lists_every_public_page_in_every_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for page in GuidePage.objects.live().public():
        assert f"http://testserver{page.url}" in xml
    for language in ("en", "sk", "ro"):
        assert f"/{language}/glossary/" in xml
    assert 'hreflang="ro"' in xml
