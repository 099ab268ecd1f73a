"""For the apps' data migrations that moved their old-slug models into `Redirect` rows."""

from django.db import migrations
from django.urls import reverse


def move_old_slugs(app_label, moves):
    """A RunPython operation: each (old slug model, target model name, URL name) in `moves`
    becomes one 301 redirect per old slug, from its path to the target object; reversible."""

    def forwards(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        redirects = apps.get_model("redirects", "Redirect")
        for old_slug_model, target_model, url_name in moves:
            content_type, _ = content_types.objects.get_or_create(
                app_label=app_label, model=target_model
            )
            for old in apps.get_model(app_label, old_slug_model).objects.all():
                redirects.objects.update_or_create(
                    old_path=reverse(url_name, kwargs={"slug": old.slug}).lower(),
                    defaults={
                        "content_type": content_type,
                        "object_id": old.target_id,
                        "status": 301,
                        "source": "renamed",
                        "created_at": old.replaced_at,
                    },
                )

    def backwards(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType")
        redirects = apps.get_model("redirects", "Redirect")
        for old_slug_model, target_model, _url_name in moves:
            model = apps.get_model(app_label, old_slug_model)
            content_type = content_types.objects.filter(app_label=app_label, model=target_model)
            for redirect in redirects.objects.filter(
                content_type__in=content_type, source="renamed"
            ):
                slug = redirect.old_path.rstrip("/").rsplit("/", 1)[-1]
                model.objects.update_or_create(
                    slug=slug, defaults={"target_id": redirect.object_id}
                )

    return migrations.RunPython(forwards, backwards)
