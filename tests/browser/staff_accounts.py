# Run by the browser tests' `manage.py shell` step, in their throwaway database only: a Mishto
# reviewer, a moderator and a translator, each with a confirmed authenticator whose secret the
# tests know (browser_second_factor.py).
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from romahub.core.roles import MODERATORS, TRANSLATORS
from romahub.mishto.permissions import REVIEWERS
from tests.browser.browser_second_factor import KEY_HEX, STAFF_PASSWORD

for username, group in (("reviewer", REVIEWERS), ("publisher", MODERATORS), ("translator", TRANSLATORS)):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", STAFF_PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    TOTPDevice.objects.create(user=user, name="browser tests", key=KEY_HEX, confirmed=True)

# Two advocacy partners without keys (their administrators make them in the browser): A covers
# Derby and speaks Romanian; B takes requests from anywhere and speaks Slovak.
from romahub.advocacy.models import Partner, PartnerMember  # noqa: E402
from romahub.directory.models import Organization  # noqa: E402
from romahub.places.models import LocalAuthority  # noqa: E402

for letter, languages, national in (("a", ["ro"], False), ("b", ["sk"], True)):
    organization = Organization.objects.create(name=f"Browser test partner {letter.upper()}", description="A test organisation.")
    partner = Partner.objects.create(organization=organization, languages=languages, national=national,
                                     public_phone="0300 000 000" + letter.replace("a", "1").replace("b", "2"))
    if not national:
        partner.areas.set([LocalAuthority.objects.get(slug="derby")])
    user = get_user_model().objects.create_user(f"partner-{letter}", f"partner-{letter}@example.org", STAFF_PASSWORD)
    TOTPDevice.objects.create(user=user, name="browser tests", key=KEY_HEX, confirmed=True)
    PartnerMember.objects.create(partner=partner, user=user, is_admin=True)
