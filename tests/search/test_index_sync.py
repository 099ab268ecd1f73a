"""What the index's signal receivers cost models search does not index."""

import pytest

from redirects.models import NotFoundPath

pytestmark = pytest.mark.django_db


def test_deleting_rows_search_does_not_index_stays_one_query(django_assert_num_queries):
    """Search watches deletes of its own models only: other models keep Django's fast delete
    (one DELETE, no rows loaded), as the Not-found report's purge relies on."""
    for number in range(3):
        NotFoundPath.objects.create(path=f"/gone-{number}/", hits=1)
    with django_assert_num_queries(1):
        NotFoundPath.objects.all().delete()
