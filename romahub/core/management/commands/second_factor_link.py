from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from romahub.core import enrolment


class Command(BaseCommand):
    help = (
        "Print a one-time link with which an account sets up its authenticator app (an administrator's "
        "approval, for an account with no e-mail address or whose e-mail does not arrive). Give the link to "
        "the account's owner yourself; it is never logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--replace", action="store_true",
            help="Remove the account's authenticator first (a lost or new phone). Its next sign-in needs the link.",
        )

    def handle(self, *args, username, replace=False, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account called {username!r}.")
        if not user.is_active:
            raise CommandError(f"The account {username!r} is deactivated.")
        devices = TOTPDevice.objects.filter(user=user)
        if devices.filter(confirmed=True).exists():
            if not replace:
                raise CommandError(f"{username!r} has set up an authenticator already. "
                                   "Add --replace to remove it and print a link for a new one.")
            devices.delete()
            self.stdout.write(f"Removed the authenticator of {username!r}.")
        self.stdout.write(f"{username!r} sets up the authenticator with this link, signed in as {username!r}. "
                          f"It works once, within {settings.TWO_FACTOR_LINK_SECONDS // 60} minutes:")
        self.stdout.write(enrolment.link(user))
