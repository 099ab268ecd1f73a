"""Importing a blog is a permission of its own; the Editors group has it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def editors_may_import(apps, schema_editor):
    """The Editors group imports blogs (the owner's staff, not only the superuser)."""
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="articles", codename="import_blog"
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name="Editors"):
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_review_help_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-publish_at", "-id"],
                "permissions": [("import_blog", "Can import a blog (Squarespace or WordPress)")],
            },
        ),
        migrations.RunPython(editors_may_import, migrations.RunPython.noop),
    ]
