# Run by the browser tests' `manage.py shell` step, in their throwaway database only: three real
# councils "sign" so that the register's map has located entries (none of them has signed in fact).
from datetime import date

from romahub.mishto.charter import current_version
from romahub.mishto.models import Participation
from romahub.places.models import LocalAuthority

for slug in ("derby", "nottingham", "rotherham"):
    Participation.objects.get_or_create(
        authority=LocalAuthority.objects.get(slug=slug),
        defaults={
            "version": current_version(), "signatory_name": "Browser test", "signatory_role": "Browser test",
            "signed_on": date(2026, 11, 1), "statement": "Invented for the browser tests.",
        },
    )
