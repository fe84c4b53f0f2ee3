from django.core.management.base import BaseCommand, CommandError

from romahub.site.starter import StarterContentError, load_starter_content


class Command(BaseCommand):
    help = (
        "Load the hub's starter pages, glossary and their Slovak and Romanian translations. "
        "Safe to run again: existing content is never changed, only what is missing is added."
    )

    def handle(self, *args, **options):
        try:
            report = load_starter_content()
        except StarterContentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(report.summary()))
