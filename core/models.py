from core.search.models import SearchEntry  # noqa: F401 - the search index's table
