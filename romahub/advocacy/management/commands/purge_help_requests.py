from django.conf import settings
from django.core.management.base import BaseCommand

from romahub.advocacy import handling


class Command(BaseCommand):
    help = (f"Delete help requests closed more than {settings.HELP_REQUEST_CLOSED_DAYS} days ago and those unopened "
            f"after {settings.HELP_REQUEST_UNOPENED_DAYS} days, with their notes and log entries. Run daily.")

    def handle(self, *args, **options):
        counts = handling.purge()
        self.stdout.write(f"Deleted {counts['closed']} closed and {counts['unopened']} unopened help requests.")
