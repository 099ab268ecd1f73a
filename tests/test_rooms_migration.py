"""Upgrading a database made before search and staff editing left core/: the search index and
autosaved drafts change owner (search, editing) and keep every row; search still finds."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from editing.models import AutosavedDraft
from search.models import SearchEntry
from tests.factories import make_staff_user, make_therapist
from tests.migrating import migrate

# The schema of main before the move: core owned both tables.
BEFORE = [("core", "0002_autosaved_draft")]


@pytest.mark.django_db(transaction=True)
def test_an_existing_index_and_autosaved_drafts_survive_the_move_out_of_core(client):
    therapist = make_therapist(name="Wilhelmina Quarrington", slug="wilhelmina-quarrington")
    staff = make_staff_user()
    old_apps = migrate(BEFORE)
    # Rows written as the old code wrote them, through core's models.
    therapist_type = ContentType.objects.get_for_model(therapist)
    old_apps.get_model("core", "AutosavedDraft").objects.create(
        user_id=staff.pk,
        content_type_id=therapist_type.pk,
        object_id=str(therapist.pk),
        data={"introduction": "Typed before the upgrade."},
    )
    indexed = old_apps.get_model("core", "SearchEntry").objects.count()
    assert indexed >= 1

    try:
        call_command("migrate", verbosity=0)
        assert SearchEntry.objects.count() == indexed
        draft = AutosavedDraft.objects.get(user=staff)
        assert draft.data == {"introduction": "Typed before the upgrade."}
        page = client.get("/search/", {"q": "Quarrington"})
        assert "Wilhelmina Quarrington" in page.content.decode()
    finally:
        call_command("migrate", verbosity=0)
