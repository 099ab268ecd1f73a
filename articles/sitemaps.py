from django.urls import reverse

from articles.models import Article, Topic
from core.site_url import PublicSitemap


class ArticleSitemap(PublicSitemap):
    """Every published article, with the time it last changed."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Article.objects.published().only("slug", "publish_at", "updated_at")

    def lastmod(self, item):
        return item.modified_at


class ArticleListSitemap(PublicSitemap):
    """The article list, the editorial policy and the pages of topics that have a published
    article."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["articles:list", "editorial:policy", *Topic.objects.with_published_articles()]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()
