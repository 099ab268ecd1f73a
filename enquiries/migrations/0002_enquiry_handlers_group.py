"""Who may see enquiries: an "Enquiry handlers" group may; the "Editors" group may not.

Enquiries are personal (often health) data, so they are visible only to staff given the
enquiry permissions: superusers, or members of "Enquiry handlers" (view and change: read an
enquiry, set its status, add notes). The "Editors" group, which writes articles, must never
hold them, whichever order the two apps' migrations run in.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

HANDLERS = "Enquiry handlers"
EDITORS = "Editors"
HANDLER_CODENAMES = ["view_enquiry", "change_enquiry"]


def _enquiry_permissions(apps):
    # Permissions are normally created after all migrations; create them now so they can be
    # assigned on a fresh database.
    app_config = apps.get_app_config("enquiries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label="enquiries")


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = _enquiry_permissions(apps)
    handlers, _ = Group.objects.get_or_create(name=HANDLERS)
    handlers.permissions.add(*permissions.filter(codename__in=HANDLER_CODENAMES))
    for editors in Group.objects.filter(name=EDITORS):
        editors.permissions.remove(*permissions)


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=HANDLERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0001_initial"),
        # The Editors group exists by now, so the guarantee below holds on a fresh database.
        ("articles", "0002_editors_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
