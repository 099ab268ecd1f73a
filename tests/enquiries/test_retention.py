import pytest
from django.core.management import CommandError, call_command

from enquiries.models import Enquiry
from tests.factories import make_enquiry

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("delete_old_enquiries", *args, stdout=out)
    return out.getvalue()


def test_deletes_enquiries_older_than_the_retention_setting_only(settings):
    settings.ENQUIRY_RETENTION_DAYS = 180
    make_enquiry("Ancient", days_ago=400)
    make_enquiry("Just Expired", days_ago=181)
    make_enquiry("Nearly Due", days_ago=179)
    make_enquiry("Today")

    output = run()

    assert "Deleted 2 enquiries" in output
    assert set(Enquiry.objects.values_list("name", flat=True)) == {"Nearly Due", "Today"}


def test_days_option_overrides_the_setting():
    make_enquiry("Last Month", days_ago=31)
    make_enquiry("Last Week", days_ago=7)

    output = run("--days", "30")

    assert "Deleted 1 enquiry " in output
    assert list(Enquiry.objects.values_list("name", flat=True)) == ["Last Week"]


def test_dry_run_counts_but_keeps_everything():
    make_enquiry("Ancient", days_ago=400)

    output = run("--dry-run")

    assert "Would delete 1 enquiry" in output
    assert Enquiry.objects.count() == 1


def test_refuses_a_retention_of_zero_days():
    make_enquiry("Today")

    with pytest.raises(CommandError):
        run("--days", "0")
    assert Enquiry.objects.count() == 1
