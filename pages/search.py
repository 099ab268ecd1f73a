"""What of the pages is searchable (see search/registry.py): published pages only."""

import search
from search import link


def page_card(page):
    return {
        "title": page.title,
        "url": link("pages:page", path=page.slug),
        "summary": page.summary,
    }


def register():
    from pages.models import Page

    search.register(
        Page,
        kind="pages",
        label="Pages",
        order=50,
        queryset=lambda: Page.objects.published(),
        fields={"title": "A", "summary": "B", "body_html": "C"},
        card=page_card,
        template="search/includes/cards/page.html",
        suggest=False,
    )
