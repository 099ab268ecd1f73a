"""Old therapist and modality addresses move to the one redirect model (redirects)."""

from django.db import migrations

from redirects.migrating import move_old_slugs


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0006_old_slugs"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("redirects", "0001_redirect"),
    ]

    operations = [
        move_old_slugs(
            "therapists",
            [
                ("TherapistOldSlug", "therapist", "therapists:profile"),
                ("ModalityOldSlug", "modality", "therapists:modality"),
            ],
        ),
        migrations.DeleteModel(name="TherapistOldSlug"),
        migrations.DeleteModel(name="ModalityOldSlug"),
    ]
