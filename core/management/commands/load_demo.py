from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from core import content
from core.site_url import absolute

DEMO_USERNAME = "demo"
# Printed by `make run`; the account is only ever made with DEBUG on.
DEMO_PASSWORD = "demo-password-change-me"  # noqa: S105 - the development demo account


class Command(BaseCommand):
    help = (
        "Load the demo content and, with DEBUG on, a demo staff account. Safe to run again: "
        "what exists already (and any edit made to it) is kept, nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the content even with DEBUG off (never in production). "
            "No demo account is made with DEBUG off.",
        )
        parser.add_argument(
            "--no-user", action="store_true", help="Do not create the demo account."
        )

    def handle(self, *args, force=False, no_user=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo content with DEBUG off (use --force).")
        # A staff account whose password is in the source code must never exist on a real site.
        make_user = settings.DEBUG and not no_user
        with transaction.atomic():
            # Each app registers its own loader; INSTALLED_APPS order puts therapists before
            # the articles that refer to them.
            for loader in content.demo_loaders():
                loader()
            user = self._ensure_demo_user() if make_user else None
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        admin_url = absolute(reverse("admin:index"))
        if user is None:
            self.stdout.write(
                f"The admin is at {admin_url} (create an account with `manage.py createsuperuser`)."
            )
        elif user.check_password(DEMO_PASSWORD):
            self.stdout.write(
                f"Sign in to the admin at {admin_url} "
                f"as {DEMO_USERNAME!r} with the password {DEMO_PASSWORD!r}."
            )
        else:
            self.stdout.write(
                f"Sign in to the admin at {admin_url} as {DEMO_USERNAME!r} "
                "with the password you gave that account."
            )

    def _ensure_demo_user(self):
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": "demo@example.com"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        return user
