"""A demonstration council with a partly completed self-assessment, for trying the scheme out.

Only when run explicitly, and never in production. The council is fictional and says so in its
name; nothing about a real authority is invented.
"""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError

from romahub.mishto import assessment, workflow
from romahub.mishto.models import Membership, Participation
from romahub.places.models import LocalAuthority

NAME = "Demonstration Borough Council (example, not a real council)"
SLUG = "demonstration-borough"
LEAD_EMAIL = "demo-lead@example.org"
DEMO_PDF = b"%PDF-1.4\n% Demonstration evidence: not a real council's document.\n%%EOF\n"


class Command(BaseCommand):
    help = "Create a fictional demonstration council with a partly completed Mishto self-assessment (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("The demonstration council is never created in production.")
        authority, _created = LocalAuthority.objects.get_or_create(slug=SLUG, defaults={"name": NAME, "region": "London"})
        if Participation.objects.filter(authority=authority).exists():
            self.stdout.write("The demonstration council already exists; nothing changed.")
            return
        password = os.environ.get("MISHTO_DEMO_PASSWORD") or secrets.token_urlsafe(12)
        user = get_user_model().objects.create_user(LEAD_EMAIL, email=LEAD_EMAIL, password=password)
        Membership.objects.create(user=user, authority=authority, is_lead=True)
        participation = workflow.sign(
            authority, user, signatory_name="Demonstration signatory", signatory_role="Example role (demonstration)",
            statement="This is a demonstration. A real council writes its own commitment here.",
        )
        item = assessment.open_for(participation, user)
        rows = list(item.progress.select_related("action__pledge").order_by("action__pledge__number", "action__sort_order"))
        for index, row in enumerate(rows[:4]):
            status = "in_place" if index % 2 == 0 else "in_progress"
            assessment.save_progress(item, user, row.action_id, status, "Demonstration text: a council describes here what it has done.")
        assessment.add_evidence(item, user, rows[0].action_id, SimpleUploadedFile("demonstration-evidence.pdf", DEMO_PDF))
        self.stdout.write(f"Created {NAME}. Sign in at /en/mishto/login/ as {LEAD_EMAIL} with the password {password}")
