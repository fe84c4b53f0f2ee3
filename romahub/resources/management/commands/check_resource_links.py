from django.core.management.base import BaseCommand

from romahub.resources.links import check_all


class Command(BaseCommand):
    help = "Visit every resource's link (4 at a time, 10-second timeout) and record whether it works or has moved."

    def handle(self, *args, **options):
        counts = check_all()
        self.stdout.write(f"Links: {counts['ok']} working, {counts['moved']} moved, {counts['broken']} broken.")
