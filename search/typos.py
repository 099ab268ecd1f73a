"""Typo tolerance on PostgreSQL: how alike a typed word and a name must be.

pg_trgm's word similarity, 0 to 1: "anxeity" and "Anxiety" score 0.375, "Amelia Hrt" and
"Amelia Hart" 0.73. The threshold is set on each new PostgreSQL connection, so that searches
can use the `<%` operator, which the GIN trigram index on the entries' names answers
(connected in SearchConfig.ready(), see signals.py).
"""

TYPO_THRESHOLD = 0.35


def set_typo_threshold(sender, connection, **kwargs):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET pg_trgm.word_similarity_threshold = {float(TYPO_THRESHOLD)}")
