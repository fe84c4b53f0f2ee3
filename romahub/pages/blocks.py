"""StreamField blocks for guides and information pages.

Each block renders with its own template in `pages/blocks/`. The rich-text features are kept
to what plain-language guides need, so editors cannot paste in layouts that break on phones.
"""

import re

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "ol", "ul", "link", "document-link"]


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(label=_("Explanation"), features=SHORT_RICH_TEXT_FEATURES)


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "pages/blocks/steps.html"
        description = _("What will happen, or what you can do, step by step.")
        preview_value = {
            "heading": "What you can do now",
            "steps": [
                {"title": "Keep every letter", "text": "<p>Put them in one safe place.</p>"},
                {"title": "Ask for an interpreter", "text": "<p>You have a right to one.</p>"},
            ],
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("important", _("Important")), ("info", _("Good to know"))],
        default="important",
        label=_("Kind"),
    )
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "pages/blocks/callout.html"
        description = _("The one thing a reader must not miss.")
        preview_value = {
            "kind": "important",
            "heading": "You can bring someone with you",
            "text": "<p>A friend, a family member or an advocate.</p>",
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=SHORT_RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    items = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "pages/blocks/faq.html"
        description = _("Questions people ask. Shown as FAQPage structured data too.")
        preview_value = {
            "heading": "Questions people ask",
            "items": [{"question": "Will my children be taken away?", "answer": "<p>…</p>"}],
        }


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=200)
    description = blocks.TextBlock(label=_("What they do"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    website = blocks.URLBlock(label=_("Website"), required=False)
    hours = blocks.CharBlock(label=_("Opening hours"), max_length=200, required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "pages/blocks/contact.html"
        description = _("A service a reader can call, write to or visit. Public sources only.")
        preview_value = {
            "name": "Family Rights Group",
            "description": "Free, independent advice for parents and families.",
            "phone": "0808 801 0366",
            "website": "https://frg.org.uk/",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "pages/blocks/document.html"
        description = _("A leaflet or form to download, with its size and type shown.")


class AudioBlock(blocks.StructBlock):
    audio = DocumentChooserBlock(label=_("Audio file"))
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"), features=SHORT_RICH_TEXT_FEATURES, required=False
    )

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "pages/blocks/audio.html"
        description = _("A recording of the page or a message, with its transcript.")


# The hub's interactive tools an editor can point readers to. The title and description are
# interface text (translated in locale/), so every language gets them without translation work.
TOOLS = {
    "timeline": {
        "url_name": "conference:timeline",
        "title": _("Conference timeline planner"),
        "description": _("Enter the date of the initial conference and see every date that follows."),
    },
    "prepare": {
        "url_name": "conference:prepare",
        "title": _("Prepare for the conference"),
        "description": _(
            "Six questions to think about, to print or save as a PDF. We never keep your answers."
        ),
    },
    "services": {
        "url_name": "directory:search",
        "title": _("Find help near you"),
        "description": _("Advocates, interpreters, advice services and Roma organisations in England."),
    },
    "resources": {
        "url_name": "resources:library",
        "title": _("Resources library"),
        "description": _(
            "Guides, law, training and research, with what each one costs and the languages it is in."
        ),
    },
    "someone-with-you": {
        "url_name": "directory:search",
        "query": "help=advocacy&help=interpreting",
        "title": _("Find an advocate or interpreter"),
        "description": _("Someone to come with you, or to help you understand and be understood."),
    },
    "mishto-register": {
        "url_name": "mishto:register",
        "title": _("Mishto Quality Mark register"),
        "description": _("The councils that have signed the Mishto pledges, and how far each one has come."),
        "keywords": _("Mishto quality mark register councils signed award badge"),
    },
    "mishto-pledges": {
        "url_name": "mishto:pledges",
        "title": _("The Mishto pledges"),
        "description": _("Six pledges for children's services that work with Roma families, with their actions."),
        "keywords": _("Mishto pledges charter councils children's services Roma Rights Forum"),
    },
    "mishto-join": {
        "url_name": "mishto:join",
        "title": _("Ask to join the Mishto scheme"),
        "description": _("For council officers: the Roma Rights Forum's team answers with an invitation to sign the pledges."),
        "keywords": _("Mishto join sign up council invitation"),
    },
}


def tool_words(tool: dict) -> set[str]:
    """The words a search finds a tool by, in the reader's language."""
    text = " ".join(str(tool.get(part, "")) for part in ("title", "description", "keywords"))
    return {word.lower() for word in re.findall(r"\w+", text) if len(word) >= 3}


class ToolLinkBlock(blocks.StructBlock):
    tool = blocks.ChoiceBlock(choices=[(key, tool["title"]) for key, tool in TOOLS.items()], label=_("Tool"))

    class Meta:
        icon = "calendar"
        label = _("Link to a tool")
        template = "pages/blocks/tool.html"
        description = _("A card leading to one of the hub's tools, in the reader's language.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["tool"] = TOOLS.get(value["tool"])
        return context


class GuideStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Text"), template="pages/blocks/text.html"
    )
    steps = StepsBlock()
    callout = CalloutBlock()
    faq = FAQBlock()
    contact = ContactBlock()
    document = DocumentBlock()
    audio = AudioBlock()
    tool = ToolLinkBlock()


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=300)
    publisher = blocks.CharBlock(label=_("Publisher"), max_length=200)
    url = blocks.URLBlock(label=_("Address"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")
