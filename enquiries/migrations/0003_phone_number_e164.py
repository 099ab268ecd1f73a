"""Phone numbers are checked and stored in E.164 from now on.

Numbers already stored as the visitor typed them are rewritten in E.164 when libphonenumber
reads them as valid (in PHONENUMBER_DEFAULT_REGION unless they start with +). Anything it
cannot read ("call me maybe") is left exactly as it was: staff still see it, marked as not a
valid number, and the migration never fails on it.
"""

import phonenumbers
import phonenumber_field.modelfields
from django.conf import settings
from django.db import migrations, models


def to_e164(apps, schema_editor):
    Enquiry = apps.get_model("enquiries", "Enquiry")
    region = getattr(settings, "PHONENUMBER_DEFAULT_REGION", None) or "GB"
    for pk, typed in Enquiry.objects.exclude(phone="").values_list("pk", "phone").iterator():
        try:
            number = phonenumbers.parse(typed, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            Enquiry.objects.filter(pk=pk).update(phone=e164)


class Migration(migrations.Migration):

    dependencies = [
        ("enquiries", "0002_enquiry_handlers_group"),
    ]

    operations = [
        # Room for whatever was typed before, then the rewrite while the column is still text.
        migrations.AlterField(
            model_name="enquiry",
            name="phone",
            field=models.CharField(blank=True, max_length=128),
        ),
        migrations.RunPython(to_e164, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="enquiry",
            name="phone",
            field=phonenumber_field.modelfields.PhoneNumberField(blank=True, help_text="Stored in international format (+44…). A number sent before numbers were checked is kept as the visitor typed it.", max_length=128, region=None),
        ),
    ]
