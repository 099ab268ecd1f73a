import pytest
from django.contrib.auth.models import Group

from tests.factories import make_staff_user


@pytest.fixture
def editor(client):
    """A signed-in member of the Editors group, Eve."""
    user = make_staff_user("editor", first_name="Eve")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user
