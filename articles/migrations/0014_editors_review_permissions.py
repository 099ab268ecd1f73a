"""Editors review articles: they also edit an article's sources and the editorial policy."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
CODENAMES = [
    "add_source",
    "change_source",
    "delete_source",
    "view_source",
    "add_editorialpolicy",
    "change_editorialpolicy",
    "view_editorialpolicy",
]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="articles", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name=GROUP_NAME):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0013_sources_policy_reviews_due"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
