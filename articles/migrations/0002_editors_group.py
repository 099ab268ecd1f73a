"""The "Editors" group: staff who write and publish articles and topics, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"
PERMISSIONS = [
    ("article", "add_article"),
    ("article", "change_article"),
    ("article", "view_article"),
    ("topic", "add_topic"),
    ("topic", "change_topic"),
    ("topic", "view_topic"),
]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after migrate; make sure this app's exist already.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label="articles", codename=codename)
        for _model, codename in PERMISSIONS
    ]
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
