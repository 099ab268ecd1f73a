from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.module_loading import import_string

from smarttherapy.site_url import absolute

# Each app owns its demo content; therapists first, since articles refer to them.
DEMO_LOADERS = ["therapists.demo.load", "articles.demo.load"]
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-password-change-me"  # noqa: S105 - the demo account, refused in production


class Command(BaseCommand):
    help = (
        "Load the demo content and a demo staff account. Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even with DEBUG off (never in production)."
        )
        parser.add_argument(
            "--no-user", action="store_true", help="Do not create the demo account."
        )

    def handle(self, *args, force=False, no_user=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo content with DEBUG off (use --force).")
        with transaction.atomic():
            for loader in DEMO_LOADERS:
                import_string(loader)()
            if not no_user:
                self._ensure_demo_user()
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if not no_user:
            self.stdout.write(
                f"Sign in to the admin at {absolute(reverse('admin:index'))} "
                f"as {DEMO_USERNAME!r} with the password {DEMO_PASSWORD!r}."
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
