"""Who reads problem reports: the Enquiry handlers, as for enquiries.

A report may carry the visitor's email address, so it is kept like an enquiry (retention, no
content in emails) and, like enquiries, never given to the "Editors" group: handlers pass on
what needs correcting.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Enquiry handlers"]
CODENAMES = ["view_problemreport", "change_problemreport"]


def forwards(apps, schema_editor):
    app_config = apps.get_app_config("enquiries")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="enquiries", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("enquiries", "0004_problem_report"),
        ("enquiries", "0002_enquiry_handlers_group"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
