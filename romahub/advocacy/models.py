"""Advocacy partners, and the help requests families send them.

A request keeps in plain only what routing, the family's status page and the group's counts need:
the council area, the languages, what is happening, dates and status. Who is asking, how to reach
them and what they wrote are sealed on receipt to the receiving partner's public key
(`sealing.py`); the hub cannot open them. See docs/decisions.md, "Help requests".
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from romahub.core.languages import language_name
from romahub.core.tokens import new_token, token_hash

# What a family may say is happening: a few plain choices (counted by the group's statistics).
HAPPENING = [
    ("letter", _("A letter or a call from children's services")),
    ("visit", _("A visit from a social worker")),
    ("conference", _("A child protection conference")),
    ("court", _("Court papers, or a letter before proceedings")),
    ("care", _("A child has been taken into care")),
    ("other", _("Something else")),
]
WHO = [
    ("parent", _("A parent")),
    ("family", _("A relative or a friend of the family")),
    ("professional", _("A professional, with the family's agreement")),
]
OUTCOMES = [
    ("advocacy", _("Advocacy given")),
    ("advice", _("Advice or information given")),
    ("referred", _("Referred to another service")),
    ("no_contact", _("Could not reach the family")),
    ("declined", _("The family no longer wanted help")),
]


class PartnerQuerySet(models.QuerySet):
    def taking_requests(self):
        """Partners a request may be given to: accepting, and with a key to seal it to."""
        return self.filter(accepting=True).exclude(public_key="")


class Partner(models.Model):
    """A directory organisation that has agreed to take help requests through the hub."""

    organization = models.OneToOneField(
        "directory.Organization", on_delete=models.PROTECT, related_name="advocacy_partner", verbose_name=_("organisation"),
    )
    areas = models.ManyToManyField(
        "places.LocalAuthority", blank=True, related_name="advocacy_partners", verbose_name=_("council areas covered"),
    )
    national = models.BooleanField(_("takes requests from anywhere in England"), default=False)
    languages = models.JSONField(
        _("languages staff speak"), default=list, blank=True,
        help_text=_("ISO 639 codes, for example ro, sk, cs, rom. Only languages the organisation says its staff speak."),
    )
    romani_note = models.CharField(
        _("Romani dialects"), max_length=200, blank=True,
        help_text=_("Which Romani dialects staff speak, as the organisation says, for example Slovak Romani."),
    )
    accepting = models.BooleanField(_("accepting requests"), default=True)
    weekly_capacity = models.PositiveSmallIntegerField(
        _("requests a week"), default=5, help_text=_("How many new requests the partner can take in any seven days."),
    )
    public_phone = models.CharField(_("phone shown to families"), max_length=40, blank=True)
    public_email = models.EmailField(_("e-mail shown to families"), blank=True)
    public_hours = models.CharField(_("when families can call"), max_length=200, blank=True)
    # The partner's key pair is made in a partner administrator's browser. The hub keeps the public
    # key, and the private key only wrapped: by a passphrase and by a recovery key, neither of
    # which it ever sees (static/advocacy/keys.js).
    public_key = models.TextField(_("public key"), blank=True, editable=False)
    wrapped_key = models.JSONField(null=True, blank=True, editable=False)
    recovery_wrapped_key = models.JSONField(null=True, blank=True, editable=False)
    key_made_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_given_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("advocacy partner")
        verbose_name_plural = _("advocacy partners")
        ordering = ["organization__name"]

    def __str__(self):
        return self.organization.name

    @property
    def name(self) -> str:
        return self.organization.name

    @property
    def has_key(self) -> bool:
        return bool(self.public_key)

    @property
    def language_names(self) -> str:
        return ", ".join(sorted({language_name(code) for code in self.languages}, key=str.casefold))

    def given_since(self, since) -> int:
        return self.requests.filter(given_at__gte=since).count()


class PartnerMember(models.Model):
    """A named member of a partner's staff. Administrators also set up the partner's key."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="members", verbose_name=_("partner"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advocacy_membership", verbose_name=_("user"),
    )
    is_admin = models.BooleanField(_("partner administrator"), default=False)
    language = models.CharField(_("e-mails in"), max_length=8, choices=settings.LANGUAGES, default="en")

    class Meta:
        verbose_name = _("partner staff member")
        verbose_name_plural = _("partner staff")

    def __str__(self):
        return f"{self.user} ({self.partner})"


class HelpRequestQuerySet(models.QuerySet):
    def for_partner(self, partner):
        return self.filter(partner=partner)

    def with_status_token(self, token: str):
        return self.filter(status_token_hash=token_hash(token)) if token else self.none()

    def unopened(self):
        return self.filter(status__in=[HelpRequest.RECEIVED])


class HelpRequest(models.Model):
    RECEIVED, OPENED, ACCEPTED, CLOSED = "received", "opened", "accepted", "closed"
    # A request is feminine in Slovak and Romanian, and "received" must not read like "accepted".
    STATUSES = [(RECEIVED, pgettext_lazy("help request status", "Received")),
                (OPENED, pgettext_lazy("help request status", "Opened")),
                (ACCEPTED, pgettext_lazy("help request status", "Accepted")),
                (CLOSED, pgettext_lazy("help request status", "Closed"))]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="requests")
    status = models.CharField(max_length=10, choices=STATUSES, default=RECEIVED)
    # In plain: what routing, the status page and the group's counts need, nothing that names anyone.
    authority = models.ForeignKey("places.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    languages = models.JSONField(default=list)
    happening = models.CharField(max_length=12, choices=HAPPENING)
    conference_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)  # the form's language
    may_pass_on = models.BooleanField(default=False)
    # Sealed to the partner: who is asking, how to reach them, safe times, what they wrote.
    sealed = models.JSONField()
    # Sealed to the next partner by the rule, when the family agreed it may be passed on: the only
    # way a request nobody opens can move on, since the hub cannot open the first copy.
    sealed_for_next = models.JSONField(null=True, blank=True)
    next_partner = models.ForeignKey(Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status_token_hash = models.CharField(max_length=64, unique=True)
    outcome = models.CharField(max_length=12, choices=OUTCOMES, blank=True)
    passed_on = models.PositiveSmallIntegerField(default=0)

    received_at = models.DateTimeField(default=timezone.now)
    given_at = models.DateTimeField(default=timezone.now)  # to this partner: first, or when passed on
    opened_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")

    def __str__(self):
        return f"{self.get_happening_display()} ({self.authority}, {self.given_at:%Y-%m-%d})"

    @property
    def language_names(self) -> str:
        return ", ".join(language_name(code) for code in self.languages)

    @staticmethod
    def new_status_token() -> tuple[str, str]:
        """A token for the family's status link, and the hash the hub keeps of it."""
        return new_token(24)

    @property
    def context(self) -> bytes:
        """What the sealed text is bound to: it opens only as this request's (sealing.py)."""
        return f"help-request:{self.id}".encode()

    def note_context(self) -> bytes:
        return f"help-request-note:{self.id}".encode()


class RequestEvent(models.Model):
    """Who did what to a request, and when; nothing personal. Deleted with the request."""

    OPENED, ACCEPTED, NOTE, PASSED_ON, CLOSED, REMINDED = "opened", "accepted", "note", "passed_on", "closed", "reminded"
    ACTIONS = [(OPENED, _("opened")), (ACCEPTED, _("accepted")), (NOTE, _("added a note")),
               (PASSED_ON, _("passed on")), (CLOSED, _("closed")), (REMINDED, _("reminder sent"))]

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=10, choices=ACTIONS)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class RequestNote(models.Model):
    """A partner's internal note, sealed in the writer's browser to the partner's public key."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="notes")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sealed = models.JSONField()
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"note {self.at:%Y-%m-%d %H:%M}"


class Tally(models.Model):
    """How many requests ended, and how: kept after the requests themselves are deleted, so the
    group's counts outlive them. Nothing here can point back to a family."""

    NEVER_OPENED = "never_opened"
    month = models.DateField()  # the first day of the month the request arrived in
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="+")
    authority = models.ForeignKey("places.LocalAuthority", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=8)  # the form's language
    happening = models.CharField(max_length=12, choices=HAPPENING)
    outcome = models.CharField(max_length=12, choices=OUTCOMES + [(NEVER_OPENED, _("Never opened"))])
    number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "partner", "authority", "language", "happening", "outcome"],
                                               name="one_tally_per_kind")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.outcome}: {self.number}"

    @classmethod
    def count(cls, request: "HelpRequest", outcome: str) -> None:
        received = timezone.localtime(request.received_at).date()
        tally, _created = cls.objects.get_or_create(
            month=received.replace(day=1), partner=request.partner, authority=request.authority,
            language=request.language, happening=request.happening, outcome=outcome,
        )
        cls.objects.filter(pk=tally.pk).update(number=models.F("number") + 1)


def week_ago(now=None):
    return (now or timezone.now()) - timedelta(days=7)
