"""E-mails about the scheme, each in its recipient's language, sent by the background task queue.

Messages hold only what the recipient needs: the council's name, a date and a link. The
invitation is the exception that is sent at once (see council_views.send_invitation): its link
carries the secret, which must not wait in the task table.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import task
from wagtail.users.models import UserProfile

from romahub.core.dates import long_date
from romahub.mishto.models import Membership, Participation
from romahub.mishto.permissions import REVIEWERS as MISHTO_REVIEWERS

MESSAGES = {
    "submitted": (
        _("Mishto: %(authority)s has submitted its self-assessment"),
        _("%(authority)s has submitted its Mishto self-assessment for review.\n\nReview it here: %(link)s"),
    ),
    "changes": (
        _("Mishto: the reviewers have asked for changes"),
        _("The reviewers have looked at the self-assessment of %(authority)s and asked for some changes. "
          "Their comments are beside each pledge.\n\nOpen the self-assessment: %(link)s"),
    ),
    "awarded": (
        _("Mishto: %(authority)s has been awarded the Mishto Quality Mark"),
        _("Congratulations. %(authority)s has been awarded the Mishto Quality Mark. It is valid until %(date)s.\n\n"
          "Your page on the register, with the badge for your website: %(link)s"),
    ),
    "expiring": (
        _("Mishto: your Quality Mark expires on %(date)s"),
        _("The Mishto Quality Mark of %(authority)s expires on %(date)s. To renew it, start a new self-assessment.\n\n%(link)s"),
    ),
    "join": (
        _("Mishto: someone at %(authority)s asks to join the scheme"),
        _("Someone at %(authority)s has asked to join the Mishto scheme. Their details are in the hub's admin, "
          "under Mishto → Requests to join: %(link)s\n\nAnswer them with an invitation."),
    ),
    "expired": (
        _("Mishto: your Quality Mark has expired"),
        _("The Mishto Quality Mark of %(authority)s expired on %(date)s. The register now shows it as expired. "
          "To earn it again, start a new self-assessment.\n\n%(link)s"),
    ),
}


@task()
def send_message(kind: str, recipients: list[str], language: str, context: dict) -> int:
    from datetime import date

    subject, body = MESSAGES[kind]
    with override(language):
        if context.get("date"):
            context = {**context, "date": long_date(date.fromisoformat(context["date"]))}
        return send_mail(str(subject) % context, str(body) % context, settings.DEFAULT_FROM_EMAIL, recipients)


def _by_language(people: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for email, language in people:
        if email:
            grouped.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
    return grouped


def _enqueue(kind: str, people: list[tuple[str, str]], context: dict) -> int:
    sent = 0
    for language, recipients in _by_language(people).items():
        send_message.enqueue(kind, sorted(recipients), language, context)
        sent += 1
    return sent


def to_council(participation: Participation, kind: str, path: str, **context) -> int:
    members = Membership.objects.filter(authority=participation.authority).select_related("user")
    people = [(member.user.email, member.language) for member in members]
    return _enqueue(kind, people, {"authority": participation.authority.name, "link": settings.WAGTAILADMIN_BASE_URL + path, **context})


def _reviewers() -> list[tuple[str, str]]:
    reviewers = get_user_model().objects.filter(groups__name=MISHTO_REVIEWERS, is_active=True)
    return [(user.email, UserProfile.get_for_user(user).get_preferred_language()[:2]) for user in reviewers]


def to_reviewers(participation: Participation, kind: str, path: str) -> int:
    return _enqueue(kind, _reviewers(), {"authority": participation.authority.name, "link": settings.WAGTAILADMIN_BASE_URL + path})


def join_requested(authority, path: str) -> int:
    """Tell the reviewers a council asks to join; the person's details stay in the admin, not the e-mail."""
    return _enqueue("join", _reviewers(), {"authority": authority.name, "link": settings.WAGTAILADMIN_BASE_URL + path})
