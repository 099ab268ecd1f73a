# The search index moved to the search app and autosaved drafts to the editing app: their
# tables stay as they are (core_searchentry, core_autosaveddraft); only Django's record of
# which app owns them changes. No data moves.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_autosaved_draft"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AutosavedDraft"),
                migrations.DeleteModel(name="SearchEntry"),
            ],
        ),
    ]
