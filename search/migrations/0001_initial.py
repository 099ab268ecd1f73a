# The search index, which core's migration 0001 created (with its FTS5 table on SQLite and its
# GIN indexes on PostgreSQL): this app takes over the table as it is. No data moves.

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_search_and_editing_models_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("kind", models.CharField(help_text="The group of results it is shown in.", max_length=40)),
                        ("title", models.CharField(max_length=300)),
                        ("names", models.TextField(blank=True)),
                        ("text_a", models.TextField(blank=True)),
                        ("text_b", models.TextField(blank=True)),
                        ("text_c", models.TextField(blank=True)),
                        ("card", models.JSONField(default=dict)),
                        ("vector", django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype")),
                    ],
                    options={
                        "verbose_name_plural": "search entries",
                        "db_table": "core_searchentry",
                        "ordering": ["kind", "title"],
                        "constraints": [models.UniqueConstraint(fields=("content_type", "object_id"), name="search_entry_one_per_object")],
                    },
                ),
            ],
        ),
    ]
