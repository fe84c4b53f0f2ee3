import pytest
from django.utils.text import slugify
from wagtail.models import Locale

from romahub.resources.models import Resource, delimited


def resource(title, *, slug=None, audiences=("lawyers",), kind="guide", cost="free", languages=("en",), url="https://example.org/x", **extra):
    return Resource.objects.create(
        title=title, slug=slug or slugify(title), summary=f"{title}: a summary in the hub's words.", publisher="Example publisher", url=url,
        audiences=delimited(audiences), kind=kind, cost=cost, languages=delimited(languages), source="Test",
        locale=Locale.get_default(), **extra,
    )


@pytest.fixture
def shelf():
    Resource.objects.all().delete()  # the starter resources; each test sees only its own shelf
    return {
        "act": resource("Children Act 1989", kind="legislation", audiences=("lawyers", "social-workers")),
        "guide": resource("Child protection: a guide for parents", audiences=("parents",), languages=("en", "ro", "sk")),
        "book": resource("A practitioner text", kind="guide", cost="paid", price="£95", audiences=("lawyers",)),
        "course": resource("Cultural awareness course", kind="training", cost="free-registration", audiences=("councils", "social-workers")),
        "reports": resource("Law reports", kind="case-law", cost="subscription", audiences=("lawyers",), needs_login=True),
    }


def translate(source, language, summary, **stale):
    """A translation of `source` with its own summary; `stale` fields imitate an unsynchronised copy."""
    copy = source.copy_for_translation(Locale.objects.get(language_code=language))
    copy.summary = summary
    for name, value in stale.items():
        setattr(copy, name, value)
    copy.save()
    return copy
