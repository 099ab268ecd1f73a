from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from editing import kept_uploads


class Command(BaseCommand):
    help = (
        "Delete images kept across a form error (editing/kept_uploads.py) whose form was never "
        "saved: those older than KEPT_UPLOADS_MAX_AGE_HOURS. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, dry_run=False, **options):
        hours = settings.KEPT_UPLOADS_MAX_AGE_HOURS
        if hours < 1:
            raise CommandError("KEPT_UPLOADS_MAX_AGE_HOURS must be 1 or more.")
        paths = list(kept_uploads.abandoned(timezone.now()))
        if not dry_run:
            for path in paths:
                kept_uploads.discard(path)
        verb = "Would delete" if dry_run else "Deleted"
        count = len(paths)
        self.stdout.write(
            f"{verb} {count} kept upload{'s' if count != 1 else ''} older than {hours} hours "
            "(from forms never saved again)."
        )
