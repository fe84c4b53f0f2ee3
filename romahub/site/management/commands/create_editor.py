import getpass

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from romahub.core import enrolment
from romahub.core.roles import EDITORS, MODERATORS, TRANSLATORS
from romahub.mishto.permissions import REVIEWERS
from romahub.site.groups import ensure_editorial_groups

ROLES = {
    "admin": None,  # a Wagtail administrator: manages users, groups, locales and all content
    "editor": EDITORS,
    "moderator": MODERATORS,
    "translator": TRANSLATORS,
    "reviewer": REVIEWERS,  # the Mishto scheme's reviewers: decide councils' assessments, answer requests to join
    "partner": None,  # staff of an advocacy partner: the workspace only, no admin (then `create_partner`)
}


class Command(BaseCommand):
    help = (
        f"Create an account for the Wagtail admin at {settings.ADMIN_PATH_PREFIX}. Asks for the password twice; "
        "the hub never has a default password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--role", choices=sorted(ROLES), default="admin")

    def _ask(self, label, value):
        while not value:
            value = input(f"{label}: ").strip()
        return value

    def handle(self, *args, username=None, email=None, role="admin", **options):
        User = get_user_model()
        username = self._ask("Username", username)
        if User.objects.filter(username=username).exists():
            raise CommandError(f"An account called {username!r} already exists.")
        email = self._ask("E-mail", email)
        user = User(username=username, email=email, is_staff=role != "partner", is_superuser=role == "admin")
        while True:
            password = getpass.getpass("Password (at least 12 characters): ")
            if password != getpass.getpass("Password again: "):
                self.stderr.write("The two passwords are different. Try again.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            break
        user.set_password(password)
        user.save()
        ensure_editorial_groups()
        if ROLES[role]:
            user.groups.add(Group.objects.get(name=ROLES[role]))
        self.stdout.write(self.style.SUCCESS(f"Created {role} {username!r}."))
        # An administrator's approval: the new account sets up its authenticator from this link.
        self.stdout.write(
            f"Give {username!r} this link. Signed in at {settings.ADMIN_PATH_PREFIX} with the password, it sets up the authenticator "
            f"app; it works once, within {settings.TWO_FACTOR_LINK_SECONDS // 60} minutes "
            f"(`manage.py second_factor_link {username}` prints a new one; the set-up page can also e-mail one):"
        )
        self.stdout.write(enrolment.link(user))
