"""Old article and topic addresses move to the one redirect model (redirects)."""

from django.db import migrations

from redirects.migrating import move_old_slugs


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0009_old_slugs"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("redirects", "0001_redirect"),
    ]

    operations = [
        move_old_slugs(
            "articles",
            [
                ("ArticleOldSlug", "article", "articles:detail"),
                ("TopicOldSlug", "topic", "articles:topic"),
            ],
        ),
        migrations.DeleteModel(name="ArticleOldSlug"),
        migrations.DeleteModel(name="TopicOldSlug"),
    ]
