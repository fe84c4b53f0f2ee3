"""Small helpers to make pages in tests (wagtail-factories lags Wagtail 8)."""

import json
import uuid

from wagtail.models import Locale

from romahub.pages.models import GuidePage, HomePage, SectionPage


def stream(*blocks) -> str:
    return json.dumps([{"type": t, "value": v, "id": str(uuid.uuid4())} for t, v in blocks])


def english_home() -> HomePage:
    return HomePage.objects.get(locale=Locale.get_default(), depth=2)


def section(slug="parents") -> SectionPage:
    return SectionPage.objects.get(locale=Locale.get_default(), slug=slug)


def make_guide(parent=None, slug="test-guide", title="A test guide", body=None, publish=True) -> GuidePage:
    parent = parent or section()
    guide = GuidePage(
        title=title,
        slug=slug,
        summary="A guide made by a test.",
        body=body or stream(("text", "<p>What happens at a child protection conference.</p>")),
    )
    parent.add_child(instance=guide)
    if publish:
        guide.save_revision().publish()
    return guide
