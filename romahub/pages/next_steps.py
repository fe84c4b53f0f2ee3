"""Where a parent goes after reading a guide: each parent guide ends with its next steps."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from romahub.pages.models import CONFERENCE_GUIDE_SLUG, PARENTS_SECTION_SLUG, GuidePage


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str


def next_steps(guide: GuidePage, request=None) -> list[NextStep]:
    """The conference guide, the planner, the preparation form, the help request form and the
    directory in the reader's language, for a guide in the Parents section; nothing for other readers' guides."""
    parent = guide.get_parent()
    if parent is None or parent.slug != PARENTS_SECTION_SLUG:
        return []
    steps = []
    if guide.slug != CONFERENCE_GUIDE_SLUG:
        conference = GuidePage.conference_guide_in(guide.locale_id)
        if conference:
            steps.append(NextStep(conference.title, _("Who comes, what is decided and how to take part."),
                                  conference.get_url(request)))
    steps.append(NextStep(_("Plan your conference dates"),
                          _("See every date after the conference, and add them to your phone."),
                          reverse("conference:timeline")))
    steps.append(NextStep(_("Prepare for the conference"),
                          _("Six questions to think about, to print or save."), reverse("conference:prepare")))
    steps.append(NextStep(_("Ask a Roma organisation for help"),
                          _("Tell them what is happening. They contact you, in your language if they can."),
                          reverse("advocacy:get_help")))
    language = guide.locale.language_code
    if language == "en":
        steps.append(NextStep(_("Find help near you"), _("Advice, advocacy and interpreters."),
                              reverse("directory:search")))
    else:
        steps.append(NextStep(_("Find help in your language"),
                              _("Services whose staff speak your language, near you or by phone."),
                              f"{reverse('directory:search')}?language={language}"))
    return steps
