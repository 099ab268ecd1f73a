from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from enquiries.models import Enquiry, ProblemReport


class Command(BaseCommand):
    help = (
        "Delete enquiries and problem reports older than ENQUIRY_RETENTION_DAYS (or --days). "
        "Run it daily, e.g. from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Delete enquiries received more than this many days ago "
            "(default: ENQUIRY_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only say how many would be deleted.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.ENQUIRY_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        old = Enquiry.objects.older_than(days)
        old_reports = ProblemReport.objects.older_than(days)
        cutoff = timezone.localtime(timezone.now() - timedelta(days=days))
        if dry_run:
            count, reports = old.count(), old_reports.count()
            self.stdout.write(
                f"Would delete {count} {_enquiries(count)} and {reports} {_reports(reports)} "
                f"received before {cutoff:%Y-%m-%d %H:%M} (older than {days} days). "
                "Nothing was deleted (--dry-run)."
            )
            return
        _, per_model = old.delete()
        count = per_model.get(Enquiry._meta.label, 0)
        _, per_model = old_reports.delete()
        reports = per_model.get(ProblemReport._meta.label, 0)
        self.stdout.write(
            f"Deleted {count} {_enquiries(count)} and {reports} {_reports(reports)} received "
            f"before {cutoff:%Y-%m-%d %H:%M} (older than {days} days)."
        )


def _enquiries(count):
    return "enquiry" if count == 1 else "enquiries"


def _reports(count):
    return "problem report" if count == 1 else "problem reports"
