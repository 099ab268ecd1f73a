"""Enquiry handlers may read and edit the ready replies (e.g. "Referred elsewhere")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_replytemplate", "change_replytemplate"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("enquiries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    handlers, _ = Group.objects.get_or_create(name="Enquiry handlers")
    handlers.permissions.add(
        *Permission.objects.filter(content_type__app_label="enquiries", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [("enquiries", "0006_request_queue")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
