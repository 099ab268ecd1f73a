"""The search index: one row per searchable object, whatever its model.

Apps declare what is searchable with `search.register()`; the registry keeps these rows up
to date through signals. Visibility is never stored: every search filters the rows through each
app's visibility queryset (`published()`, `listed()`) at query time, so a draft or an inactive
therapist is indexed but never found, and a scheduled article is found from its publish time.

On SQLite the rows are mirrored into an FTS5 table (`core_search_fts`, kept in step by triggers
made by core's migration 0001, which first held this model); on PostgreSQL `vector` holds the
weighted tsvector, with GIN indexes on it and on `names` (trigrams). Which engine runs follows
the database: see search/engines.py.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, help_text="The group of results it is shown in.")
    title = models.CharField(max_length=300)
    # The entry's own names (a therapist's name, an approach's, an article's title): typo
    # tolerance on PostgreSQL (pg_trgm).
    names = models.TextField(blank=True)
    # The text by weight: titles and names; summaries and related names; bodies.
    text_a = models.TextField(blank=True)
    text_b = models.TextField(blank=True)
    text_c = models.TextField(blank=True)
    # What a result shows (name, address, summary...), so a page of results is one query.
    card = models.JSONField(default=dict)
    # PostgreSQL only: setweight(to_tsvector('english', text_a), 'A') || ... (NULL on SQLite).
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        # The table keeps the name it was created with when search lived in core/.
        db_table = "core_searchentry"
        ordering = ["kind", "title"]
        verbose_name_plural = "search entries"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_entry_one_per_object"
            )
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"
