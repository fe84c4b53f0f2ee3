from django.conf import settings
from django.core.management.base import BaseCommand

from romahub.directory.suggestions import purge_expired


class Command(BaseCommand):
    help = "Delete readers' suggestions decided, or sent and never decided, over SUGGESTION_RETENTION_DAYS ago (run daily)."

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(f"Deleted {deleted} suggestion(s) decided or sent over {settings.SUGGESTION_RETENTION_DAYS} days ago.")
