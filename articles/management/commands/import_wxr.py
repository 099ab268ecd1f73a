from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importers.topics import CHOICES
from articles.importers.wxr import MAX_FILE_BYTES, Options, WXRError, run_import


class Command(BaseCommand):
    help = (
        "Import a Squarespace or WordPress blog from its WordPress (WXR) export: posts become "
        "articles (drafts stay drafts), pages become pages where an app keeps them, images are "
        "brought home, and every old address answers 301 to the new one. Safe to run again. See "
        "docs/moving-from-squarespace.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export file (.xml).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; save nothing."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Refresh articles imported before from this file, except those edited since.",
        )
        parser.add_argument(
            "--allow-host",
            action="append",
            default=[],
            metavar="HOST[:PORT]",
            help="Also fetch images from this host (Squarespace's image hosts always are). "
            "A host named here may be on a private address.",
        )
        parser.add_argument(
            "--author",
            action="append",
            default=[],
            metavar="EMAIL=THERAPIST_SLUG",
            help="Credit posts by this author (their email in the export) to this therapist.",
        )

        parser.add_argument(
            "--topics",
            choices=sorted(CHOICES),
            default="none",
            help="Which of the posts' categories and tags become topics (default: none; a dry "
            "run lists them).",
        )
        parser.add_argument(
            "--site",
            default="",
            metavar="https://www.old-practice.example",
            help="The old site, still online: each imported post's page there is read once for "
            "its search description and social image.",
        )

    def handle(self, *args, path, dry_run, update, allow_host, author, topics, site, **options):
        file = Path(path)
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                raise CommandError(
                    f"{file.name} is {size / 2**20:.0f} MB; an export larger than "
                    f"{MAX_FILE_BYTES // 2**20} MB is refused."
                )
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        authors = {}
        for pair in author:
            email, _, slug = pair.partition("=")
            if not email or not slug:
                raise CommandError(f"--author {pair}: write it as EMAIL=THERAPIST_SLUG.")
            authors[email.strip().lower()] = slug.strip()
        options = Options(
            dry_run=dry_run,
            update=update,
            allow_hosts=tuple(host.strip().lower() for host in allow_host),
            authors=authors,
            file_name=file.name,
            topics=topics,
            site=site.strip(),
        )
        if site and not site.strip().lower().startswith(("http://", "https://")):
            raise CommandError(f"--site {site}: give the old site's address, e.g. https://...")
        try:
            report = run_import(data, options)
        except WXRError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.as_text())
