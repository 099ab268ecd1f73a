# Autosaved drafts, which core's migration 0002 created: this app takes over the table as it
# is. No data moves.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_search_and_editing_models_moved_out"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AutosavedDraft",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.CharField(max_length=64)),
                        ("data", models.JSONField(default=dict)),
                        ("saved_at", models.DateTimeField(auto_now=True)),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "verbose_name": "autosaved draft",
                        "db_table": "core_autosaveddraft",
                        "ordering": ["-saved_at"],
                        "constraints": [models.UniqueConstraint(fields=("user", "content_type", "object_id"), name="one_autosave_per_person")],
                    },
                ),
            ],
        ),
    ]
