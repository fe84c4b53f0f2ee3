from django.core.validators import MinValueValidator
from django.db import migrations, models


class Migration(migrations.Migration):
    """Hackney's guide gives the written record "within 1 day", not one working day."""

    dependencies = [("conference", "0002_rules_are_at_least_one")]

    operations = [
        migrations.RenameField("localrules", "record_after_working_days", "record_after_days"),
        migrations.AlterField(
            model_name="localrules",
            name="record_after_days",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, validators=[MinValueValidator(1)],
                verbose_name="written record after a conference (days)",
            ),
        ),
    ]
