from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

# (model, the Markdown field whose stored HTML is re-rendered). Looked up by label, so
# `core` imports no app. Each model's own save() renders the HTML: saving the
# source field with update_fields saves the derived *_html field (and reading time) with it.
RENDERED_FIELDS = [
    ("articles.Article", "body"),
    ("therapists.Therapist", "biography"),
    ("therapists.Modality", "explainer"),
]


class Command(BaseCommand):
    help = (
        "Render the stored HTML of every article, biography and modality explainer again from "
        "its Markdown. Run after upgrading the Markdown renderer or its sanitiser."
    )

    def handle(self, *args, **options):
        for label, field in RENDERED_FIELDS:
            model = apps.get_model(label)
            count = 0
            with transaction.atomic():
                for instance in model._default_manager.order_by("pk"):
                    instance.save(update_fields=[field])
                    count += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} re-rendered")
        self.stdout.write(self.style.SUCCESS("Stored HTML is up to date."))
