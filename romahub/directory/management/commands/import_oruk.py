import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from romahub.core.middleware import invalidate_page_cache
from romahub.directory.importing import Rejected, import_services, services_in
from romahub.directory.oruk_csv import services_from_csv


class Command(BaseCommand):
    help = (
        "Import services from an Open Referral UK feed: a JSON file (a list of services, an API page "
        "or {'services': [...]}) or a folder of ORUK CSV tables. Records are matched by id, so importing "
        "the same feed again changes nothing. Prints what was created, updated and rejected, and why."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a .json file, or a folder holding services.csv and the other tables")

    def handle(self, source, **options):
        path = Path(source)
        if path.is_dir():
            if not (path / "services.csv").exists():
                raise CommandError(f"{path} has no services.csv")
            records = services_from_csv(path)
        elif path.is_file():
            try:
                records = services_in(json.loads(path.read_text(encoding="utf-8")))
            except (ValueError, Rejected) as error:
                raise CommandError(f"{path}: {error}") from error
        else:
            raise CommandError(f"{path} does not exist")
        report = import_services(records)
        if report.created or report.updated:
            invalidate_page_cache()
        for line in report.lines():
            self.stdout.write(line)
