"""Existing articles: who started each one is the user of its oldest stored revision (as the
admin decided before `created_by` existed). Articles without revisions stay unknown, so only
those who may delete any article may delete them."""

from django.db import migrations


def fill(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    db = schema_editor.connection.alias
    content_type = ContentType.objects.using(db).filter(app_label="articles", model="article")
    if not content_type.exists():
        return
    first_by = {}
    versions = (
        Version.objects.using(db)
        .filter(content_type=content_type.get(), revision__user__isnull=False)
        .order_by("-pk")
        .values_list("object_id", "revision__user_id")
    )
    for object_id, user_id in versions:
        first_by[object_id] = user_id  # oldest last: it wins
    for article in Article.objects.using(db).filter(created_by__isnull=True).only("pk"):
        user_id = first_by.get(str(article.pk))
        if user_id is not None:
            Article.objects.using(db).filter(pk=article.pk).update(created_by_id=user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_article_created_by"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
