"""`manage.py rebuild_search_index`: fill the site search's index from scratch.

Saving content keeps the index up to date by itself; run this after loading data without
signals (bulk loads, `QuerySet.update()`, raw SQL, `loaddata`) or after changing what an app
registers as searchable.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from search import engines
from search.models import SearchEntry
from search.registry import registrations

BATCH = 500


class Command(BaseCommand):
    help = "Rebuild the site search's index from every registered model."

    def handle(self, *args, **options):
        engine = engines.current()
        counts = {}
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            for reg in registrations():
                content_type = engines.ContentType.objects.get_for_model(reg.model)
                objects = reg.model._default_manager.order_by("pk").prefetch_related(
                    *reg.prefetch()
                )
                batch, count = [], 0
                for instance in objects.iterator(chunk_size=BATCH):
                    document = reg.document(instance)
                    batch.append(
                        SearchEntry(content_type=content_type, object_id=instance.pk, **document)
                    )
                    if len(batch) >= BATCH:
                        SearchEntry.objects.bulk_create(batch)
                        count += len(batch)
                        batch = []
                SearchEntry.objects.bulk_create(batch)
                count += len(batch)
                counts[reg.model._meta.verbose_name_plural] = count
            engine.after_rebuild()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Indexed {summary}.")
