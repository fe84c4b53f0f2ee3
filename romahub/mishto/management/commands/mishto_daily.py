from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from romahub.mishto import notifications, workflow
from romahub.mishto.models import Participation


class Command(BaseCommand):
    help = "Send Mishto renewal reminders (90 and 30 days before expiry) and expiry notices. Run once a day."

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
        self.stdout.write(f"Queued {reminders} renewal reminder(s) and {expired} expiry notice(s).")
