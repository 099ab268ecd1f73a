import pytest
from django.contrib.auth.models import Group

from pages.models import Page
from tests.factories import make_staff_user


def make_page(title="Fees and cancellations", slug="fees", published=True, **fields):
    """A page saved through the normal path (Markdown rendered, address checked)."""
    fields.setdefault("summary", f"About {title.lower()}.")
    fields.setdefault("body", f"Some words about {title.lower()}.")
    page = Page(
        title=title,
        slug=slug,
        status=Page.Status.PUBLISHED if published else Page.Status.DRAFT,
        **fields,
    )
    page.full_clean()
    page.save()
    return page


@pytest.fixture
def editor(client, db):
    """Signed in as a member of the Editors group (not a superuser)."""
    user = make_staff_user("sam", first_name="Sam")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user
