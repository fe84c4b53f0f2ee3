"""E-mails to a partner's staff, sent by the task queue: no personal data, only a link to sign in.

The task's arguments are kept in the task table until it runs, so they hold the partner's id and
the kind of message, never anything about the family.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import task

MESSAGES = {
    "new": (
        _("A new request for help is waiting for you"),
        _("A family has asked %(partner)s for help through the Roma Child Protection Hub.\n\n"
          "Sign in to read it: %(link)s\n\nFor the family's privacy, this e-mail says nothing about them."),
    ),
    "reminder": (
        _("A request for help has not been opened yet"),
        _("A family's request to %(partner)s has waited two working days without being opened.\n\n"
          "Sign in to read it: %(link)s"),
    ),
}


@task()
def send_to_partner(partner_id: int, kind: str) -> int:
    from romahub.advocacy.models import Partner  # the task module is imported before the models are ready

    partner = Partner.objects.select_related("organization").get(pk=partner_id)
    subject, body = MESSAGES[kind]
    sent = 0
    members = partner.members.select_related("user").filter(user__is_active=True).exclude(user__email="")
    by_language: dict[str, list[str]] = {}
    for member in members:
        by_language.setdefault(member.language, []).append(member.user.email)
    for language, recipients in sorted(by_language.items()):
        with override(language):
            link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("advocacy:workspace")
            context = {"partner": partner.organization.name, "link": link}
            sent += send_mail(str(subject), str(body) % context, settings.DEFAULT_FROM_EMAIL, sorted(recipients))
    return sent


def tell_partner(partner, kind: str) -> None:
    send_to_partner.enqueue(partner.pk, kind)
