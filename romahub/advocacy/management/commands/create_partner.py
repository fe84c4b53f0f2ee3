"""Set up an advocacy partner from a directory organisation that has agreed to take requests."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from romahub.advocacy.models import Partner, PartnerMember
from romahub.directory.models import Organization
from romahub.places.models import LocalAuthority


class Command(BaseCommand):
    help = ("Make a directory organisation an advocacy partner. Its staff accounts must exist "
            "(`manage.py create_editor --role partner`); the administrator then signs in and makes the key.")

    def add_arguments(self, parser):
        parser.add_argument("organization", help="The organisation's name in the directory, exactly")
        parser.add_argument("--area", action="append", default=[], help="A council area's short address (slug); repeat")
        parser.add_argument("--national", action="store_true", help="Takes requests from anywhere in England")
        parser.add_argument("--language", action="append", default=[], help="An ISO 639 code staff speak; repeat")
        parser.add_argument("--capacity", type=int, default=5, help="New requests it can take in seven days")
        parser.add_argument("--phone", default="", help="The phone number shown to families")
        parser.add_argument("--email", default="", help="The e-mail address shown to families")
        parser.add_argument("--admin", required=True, help="Username of the partner's administrator")
        parser.add_argument("--staff", action="append", default=[], help="Username of another member of staff; repeat")

    def handle(self, organization, area, national, language, capacity, phone, email, admin, staff, **options):
        found = Organization.objects.filter(name=organization)
        if found.count() != 1:
            raise CommandError(f"No single directory organisation is called {organization!r}.")
        if Partner.objects.filter(organization=found.get()).exists():
            raise CommandError(f"{organization} is already a partner.")
        areas = list(LocalAuthority.objects.filter(slug__in=area))
        if len(areas) != len(set(area)):
            missing = sorted(set(area) - {a.slug for a in areas})
            raise CommandError(f"Unknown council areas: {', '.join(missing)}.")
        if not areas and not national:
            raise CommandError("Give at least one --area, or --national.")
        users = {}
        for username in [admin, *staff]:
            user = get_user_model().objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No account called {username!r}: make it with `manage.py create_editor --role partner`.")
            if PartnerMember.objects.filter(user=user).exists():
                raise CommandError(f"{username!r} already works for a partner.")
            users[username] = user
        partner = Partner.objects.create(
            organization=found.get(), national=national, languages=sorted({code.lower() for code in language}),
            weekly_capacity=capacity, public_phone=phone, public_email=email,
        )
        partner.areas.set(areas)
        for username, user in users.items():
            PartnerMember.objects.create(partner=partner, user=user, is_admin=username == admin)
        self.stdout.write(self.style.SUCCESS(
            f"{organization} is a partner. {admin} now signs in, goes to /en/partner/key/ and makes the key; "
            "until then no request can be sent to it."))
