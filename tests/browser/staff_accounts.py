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
