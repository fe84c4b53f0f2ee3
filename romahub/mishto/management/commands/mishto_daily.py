from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from romahub.mishto import notifications, workflow
from romahub.mishto.models import JoinRequest, Participation


class Command(BaseCommand):
    help = ("Send Mishto renewal reminders (90 and 30 days before expiry) and expiry notices, and delete old "
            "requests to join. Run once a day.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminders = 0
        for participation, _days in workflow.reminders_due(today):
            reminders += notifications.to_council(participation, "expiring", "/mishto/council/",
                                                  date=workflow.expires_on(participation).isoformat())
        expired = 0
        for participation in Participation.objects.filter(status=Participation.AWARDED, awarded_on__isnull=False):
            ended = workflow.expires_on(participation)
            if ended == today - timedelta(days=1):  # the day after the last valid day
                expired += notifications.to_council(participation, "expired", "/mishto/council/", date=ended.isoformat())
        cutoff = timezone.now() - timedelta(days=settings.MISHTO_JOIN_RETENTION_DAYS)
        deleted, _ = JoinRequest.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Queued {reminders} renewal reminder(s) and {expired} expiry notice(s); "
                          f"deleted {deleted} request(s) to join older than {settings.MISHTO_JOIN_RETENTION_DAYS} days.")
