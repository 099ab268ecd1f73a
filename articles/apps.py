from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import demo
        from articles.image_library import LIBRARY_WIDTHS, ArticleImage, resolve_library_image
        from articles.models import (
            HERO_WIDTH,
            KEPT_HERO_IMAGES,
            PENDING_IMPORTS,
            Article,
            EditorialPolicy,
            Source,
            Topic,
        )
        from articles.sitemaps import ArticleListSitemap, ArticleSitemap
        from core import content, markdown

        content.register(
            Article,
            markdown={"body": "body_html"},
            derived=(
                content.Derived("reading_time", ("body",), Article.note_reading_time),
                content.Derived(
                    "first_published_at", ("status", "publish_at"), Article.note_first_published
                ),
            ),
            renditions={
                "hero_image": (
                    content.Rendition(
                        "hero_image_display",
                        HERO_WIDTH,
                        quality=80,
                        size_fields=("hero_image_width", "hero_image_height"),
                    ),
                )
            },
            public=Article.objects.published,
            # Only an address visitors have seen is kept, not a draft's: asked before the save,
            # so a draft published under a new slug in the same save keeps none.
            old_addresses=True,
            was_public=lambda article: article.has_been_public(),
            # A scheduled article appears, or a review date passes (the page then says the
            # article is due for review).
            next_change=Article.objects.next_change,
        )
        content.register(Source)
        content.register(EditorialPolicy, markdown={"body": "body_html"})
        # Every topic has a page, so its old address always keeps working.
        content.register(Topic, old_addresses=True)
        # Pictures placed in an article's text: `![alt](image:42)`, resized copies in three widths.
        content.register(
            ArticleImage,
            renditions={
                "image": tuple(
                    content.Rendition(
                        f"image_{width}",
                        width,
                        quality=80,
                        size_fields=(f"width_{width}", f"height_{width}"),
                    )
                    for width in LIBRARY_WIDTHS
                )
            },
        )
        markdown.register_image_resolver("image", resolve_library_image)
        # Hero images kept across a form error, and import files between the two steps, wait
        # there; abandoned ones are pruned daily.
        from editing import kept_uploads

        kept_uploads.register_folder(KEPT_HERO_IMAGES)
        kept_uploads.register_folder(PENDING_IMPORTS)
        content.register_sitemaps({"articles": ArticleSitemap, "article-lists": ArticleListSitemap})
        content.register_demo(demo.load)

        from articles import search

        search.register()
        # Every save in the admin keeps a full revision (editing/revisions.py).
        from editing import revisions

        revisions.register(Article)
        revisions.register(Topic)
