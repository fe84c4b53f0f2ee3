"""The six questions a parent can think about before a child protection conference.

From the preparation form at the end of the council guide in the hub's sources. Each question is
shown in the reader's language with the English beside it, so the professionals can read it too.
The answers are never stored: see views.prepare and docs/decisions.md.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

MAX_ANSWER = 5000

QUESTIONS = [
    ("works_well", _("What things work well for my children and keep them safe?"),
     _("For example: daily routines, family and friends who help, school, health.")),
    ("my_worries", _("What are the things I am worried about for my children?"),
     _("Your own worries, in your own words.")),
    ("needs_to_change", _("What things need to change for my children, and who can help us make these changes?"),
     _("Think of family, friends, your advocate and local services.")),
    ("professionals_worries", _("Why are professionals worried about my children?"),
     _("What you have been told, and what you are not sure about.")),
    ("professionals_need_to_know", _("What things do professionals need to know more about?"),
     _("For example: your family, your culture, your language, what has helped before.")),
    ("i_need_to_know", _("What things do I need to know more about?"),
     _("Questions you want to ask at the conference.")),
]


class PreparationForm(forms.Form):
    """Never bound to a model: the answers live only in the request that prints them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question, hint in QUESTIONS:
            self.fields[name] = forms.CharField(
                label=question,
                help_text=hint,
                required=False,
                max_length=MAX_ANSWER,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 5}),
                error_messages={"max_length": _("Please keep each answer under 5,000 characters.")},
            )


@dataclass
class SheetItem:
    name: str
    question: str
    question_en: str
    answer: str


def sheet(answers: dict | None = None) -> list[SheetItem]:
    """The questions in the active language and in English, with the parent's answers."""
    answers = answers or {}
    items = []
    for name, question, _hint in QUESTIONS:
        with override("en"):
            english = str(question)
        items.append(SheetItem(name, str(question), english, answers.get(name, "")))
    return items
