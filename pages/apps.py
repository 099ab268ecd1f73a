from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages and menus"

    def ready(self):
        from core import content, page_import
        from editing import revisions
        from pages import demo, importing, search
        from pages.models import MenuLink, Page
        from pages.sitemaps import PageSitemap

        content.register(
            Page,
            markdown={"body": "body_html"},
            # After the Markdown: a questions-and-answers page puts its questions in <details>.
            derived=(
                content.Derived("body_html", ("body", "kind"), Page.render_body),
                content.Derived("questions", ("body", "kind"), Page.note_questions),
            ),
            public=Page.objects.published,
            # Only an address visitors have seen is kept, not a draft's.
            old_addresses=True,
            was_public=lambda page: Page.objects.published().filter(pk=page.pk).exists(),
        )
        # A menu change shows on every page: registered, so it starts a new content generation.
        content.register(MenuLink)
        content.register_sitemaps({"pages": PageSitemap})
        content.register_demo(demo.load)
        search.register()
        revisions.register(Page)
        revisions.register(MenuLink)
        # Pages in a blog export (articles' import_wxr) become pages here.
        page_import.register(importing.import_page)
