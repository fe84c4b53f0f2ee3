from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile locale/<lang>/LC_MESSAGES/*.po into .mo files with polib, so no system gettext is "
        "needed to run the hub. Refuses fuzzy or untranslated entries."
    )

    def handle(self, *args, **options):
        count = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                problems = len(po.untranslated_entries()) + len(po.fuzzy_entries())
                if problems:
                    raise CommandError(f"{po_path}: {problems} untranslated or fuzzy entries")
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"Compiled {count} translation catalogue(s).")
