from django.core.management.base import BaseCommand
from django.db import transaction

from core import content


class Command(BaseCommand):
    help = (
        "Render the stored HTML of every Markdown field of every content model again (articles, "
        "biographies, modality explainers...). Run after upgrading the Markdown renderer or its "
        "sanitiser."
    )

    def handle(self, *args, **options):
        for registration in content.registrations():
            if not registration.markdown:
                continue
            model = registration.model
            # Saving the source fields saves the stored HTML (and anything derived) with them.
            sources = list(registration.markdown)
            count = 0
            with transaction.atomic():
                for instance in model._default_manager.order_by("pk"):
                    instance.save(update_fields=sources)
                    count += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} re-rendered")
        self.stdout.write(self.style.SUCCESS("Stored HTML is up to date."))
