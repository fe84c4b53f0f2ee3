import json

from django.core.management.base import BaseCommand

from romahub.directory import oruk
from romahub.directory.api import full_services
from romahub.directory.models import Service


class Command(BaseCommand):
    help = "Write every published service as a fully nested Open Referral UK feed ({'services': [...]}) to standard output or a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, output=None, **options):
        services = [oruk.service(s) for s in full_services(Service.objects.public().order_by("name", "id"))]
        text = json.dumps({"services": services}, ensure_ascii=False, indent=2)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Wrote {len(services)} services to {output}.")
        else:
            self.stdout.write(text)
