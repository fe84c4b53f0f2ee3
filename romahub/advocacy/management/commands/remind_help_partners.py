from django.conf import settings
from django.core.management.base import BaseCommand

from romahub.advocacy import handling


class Command(BaseCommand):
    help = (f"Remind partners of requests unopened after {settings.HELP_REQUEST_REMIND_WORKING_DAYS} working days, and "
            f"pass on those unopened after {settings.HELP_REQUEST_PASS_ON_WORKING_DAYS} where the family agreed. Run daily.")

    def handle(self, *args, **options):
        counts = handling.daily()
        self.stdout.write(f"Sent {counts['reminded']} reminders; passed on {counts['passed_on']} requests.")
