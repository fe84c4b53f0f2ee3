from django.db import migrations, models
from django.utils.text import slugify


def give_slugs(apps, schema_editor):
    """Resources made before slugs existed get one from their title, the same for every translation."""
    Resource = apps.get_model("resources", "Resource")
    taken = set()
    for resource in Resource.objects.order_by("pk"):
        siblings = Resource.objects.filter(translation_key=resource.translation_key).exclude(slug="")
        slug = siblings.values_list("slug", flat=True).first()
        if not slug:
            base = slugify(resource.title)[:70] or "resource"
            slug, n = base, 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug)
        Resource.objects.filter(pk=resource.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="slug",
            field=models.SlugField(default="", max_length=80, verbose_name="address",
                                   help_text="Part of the link to this resource. The same in every language."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="resource",
            name="community_reviewed",
            field=models.BooleanField(default=False, verbose_name="checked by a community reviewer",
                                      help_text="Tick when a community reviewer has read this language's summary."),
        ),
        migrations.RunPython(give_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="resource",
            constraint=models.UniqueConstraint(fields=("slug", "locale"), name="unique_resource_slug"),
        ),
    ]
