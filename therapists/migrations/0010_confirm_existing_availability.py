"""Existing data meets the new rules.

- Therapists ticked as accepting new clients count as confirmed on the day of the upgrade, so
  nobody's profile turns to "Ask about availability" at once; staff have AVAILABILITY_CONFIRM_DAYS
  to confirm each of them.
- A membership's body typed in lower case ("bacp") becomes the register's choice ("BACP"); one
  that matches no register is left as typed (the admin asks for a register when it is next
  edited), never dropped.
"""

from django.db import migrations
from django.utils import timezone

REGISTERS = {"BACP", "UKCP", "BPS", "HCPC", "NCPS", "BABCP", "COSRT", "ACTO"}


def forwards(apps, schema_editor):
    Therapist = apps.get_model("therapists", "Therapist")
    Membership = apps.get_model("therapists", "Membership")
    Therapist.objects.filter(
        accepting_new_clients=True, availability_confirmed_at__isnull=True
    ).update(availability_confirmed_at=timezone.now())
    for membership in Membership.objects.all():
        register = membership.body.strip().upper()
        if register in REGISTERS and register != membership.body:
            membership.body = register
            membership.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("therapists", "0009_admin_checklists")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
