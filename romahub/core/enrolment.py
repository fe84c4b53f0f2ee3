"""One-time links that let a staff account set up its authenticator app.

A password alone never shows the secret of a new authenticator: the set-up page asks for a link,
sent to the account's e-mail address (or printed for an operator by `manage.py
second_factor_link` and `create_editor`). The link is signed, not stored (see docs/decisions.md):
its signature covers the account's id, password hash, e-mail address, whether it is active, the
time it was made and the account's authenticator devices. Opening the link replaces the account's
unconfirmed device with a new one, and confirming a device marks it confirmed; either change
makes every earlier link invalid, so a link works once, and never after set-up is done.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int, int_to_base36, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks import task

from romahub.core import ratelimit

VALID, EXPIRED, INVALID, OTHER_USER = "valid", "expired", "invalid", "other user"
# One e-mail per account in this many seconds, so the button cannot flood an inbox.
RESEND_SECONDS = 5 * 60


class LinkTokenGenerator(PasswordResetTokenGenerator):
    """Django's password-reset tokens, with a state that changes when a link is used."""

    key_salt = "romahub.core.enrolment.LinkTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # Not last_login (Django's choice for password resets): the link is opened signed in, and a
        # sign-in on the way to it must not spoil it.
        devices = TOTPDevice.objects.filter(user=user).order_by("pk").values_list("pk", "key", "confirmed")
        state = ";".join(f"{pk}:{key}:{int(confirmed)}" for pk, key, confirmed in devices)
        return f"{user.pk}|{user.password}|{user.email or ''}|{int(user.is_active)}|{timestamp}|{state}"

    def status(self, user, token: str) -> str:
        try:
            ts_b36, _signature = token.split("-")
            made = base36_to_int(ts_b36)
        except ValueError:
            return INVALID
        if not any(constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
                   for secret in [self.secret, *self.secret_fallbacks]):
            return INVALID
        if self._num_seconds(self._now()) - made > settings.TWO_FACTOR_LINK_SECONDS:
            return EXPIRED
        return VALID

    def check_token(self, user, token) -> bool:
        return bool(user and token) and self.status(user, token) == VALID


tokens = LinkTokenGenerator()


def make_token(user) -> str:
    """The link's token: the account's id, then a signature bound to its present state."""
    return f"{int_to_base36(user.pk)}-{tokens.make_token(user)}"


def check(user, token: str) -> str:
    """VALID, EXPIRED, INVALID (tampered, used, or set-up already done) or OTHER_USER."""
    user_part, _dash, rest = token.partition("-")
    try:
        owner = base36_to_int(user_part)
    except ValueError:
        return INVALID
    if owner != user.pk:
        return OTHER_USER if rest.count("-") == 1 and get_user_model().objects.filter(pk=owner).exists() else INVALID
    if not user.is_active or user_has_device(user):
        return INVALID
    return tokens.status(user, rest)


def link(user) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("two_factor_link") + "?" + urlencode({"token": make_token(user)})


def minutes() -> str:
    count = max(1, settings.TWO_FACTOR_LINK_SECONDS // 60)
    return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": count}


def may_send(user) -> bool:
    """True at most once in RESEND_SECONDS for each account, counted in the shared rate-limit store."""
    return ratelimit.allow_identity("two-factor-link", f"user:{user.pk}", 1, RESEND_SECONDS)


@task()
def send_link(user_id: int, language: str) -> int:
    """E-mail a set-up link to the account's own address.

    The queue holds only the account's id and a language: the worker makes the token as it sends,
    so no table ever holds it, and the link's time starts when the e-mail leaves.
    """
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or user_has_device(user):
        return 0
    with override(language):
        subject = _("Set up your sign-in codes for the Roma Child Protection Hub")
        body = _(
            "To set up the authenticator app that gives you sign-in codes, sign in to the hub as usual, "
            "then open this link. It works once, for %(duration)s:\n%(link)s\n\n"
            "If you did not ask for this, someone may know your password. Do not open the link, and tell "
            "an administrator."
        ) % {"duration": minutes(), "link": link(user)}
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
