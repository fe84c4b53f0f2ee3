"""Security events in the log: sign-ins, failed sign-ins and lockouts, with the client's address.

The address comes from romahub.core.client, as the lockout's does. Never the typed username (it
may be an e-mail address, or a password typed in the wrong box) and never a form's content.
"""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from romahub.core.client import client_address

logger = logging.getLogger("romahub.security")


def _address(request) -> str:
    return client_address(request) if request is not None else "-"


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    logger.info("sign-in user=%s client=%s", user.pk, _address(request))


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    logger.warning("sign-in failed client=%s", _address(request))


def connect_lockouts():
    from axes.signals import user_locked_out

    @receiver(user_locked_out, weak=False)
    def locked_out(sender, request, **kwargs):
        logger.warning("sign-in locked out client=%s", _address(request))
