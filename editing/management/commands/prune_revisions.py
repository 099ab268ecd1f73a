from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from reversion.models import Revision, Version


class Command(BaseCommand):
    help = (
        "Delete saved versions (revisions) older than REVISIONS_KEEP_DAYS days, or --days. "
        "The newest version of each object is always kept. Without either, nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Override REVISIONS_KEEP_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = days if days is not None else settings.REVISIONS_KEEP_DAYS
        if days is None:
            self.stdout.write("REVISIONS_KEEP_DAYS is not set: every version is kept.")
            return
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        cutoff = timezone.now() - timedelta(days=days)
        newest = (
            Version.objects.order_by()
            .values("content_type_id", "object_id")
            .annotate(newest=Max("pk"))
            .values("newest")
        )
        old = Version.objects.filter(revision__date_created__lt=cutoff).exclude(pk__in=newest)
        with transaction.atomic():
            revision_ids = set(old.values_list("revision_id", flat=True))
            count = len(old.values_list("pk", flat=True))
            if not dry_run:
                old.delete()
                Revision.objects.filter(pk__in=revision_ids, version__isnull=True).delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {count} version{'s' if count != 1 else ''} saved before "
            f"{timezone.localtime(cutoff):%Y-%m-%d %H:%M} (the newest of each object is kept)."
        )
