from django.conf import settings
from django.core.management.base import BaseCommand

from romahub.directory.suggestions import purge_decided


class Command(BaseCommand):
    help = "Delete readers' suggestions decided more than SUGGESTION_RETENTION_DAYS ago (run daily)."

    def handle(self, *args, **options):
        deleted = purge_decided()
        self.stdout.write(f"Deleted {deleted} suggestion(s) decided over {settings.SUGGESTION_RETENTION_DAYS} days ago.")
