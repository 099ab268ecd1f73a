from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article
from core.site_url import absolute

FEED_LENGTH = 20


class LatestArticlesFeed(Feed):
    """An Atom feed of the newest published articles."""

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.PRACTICE['name']}: articles"

    def subtitle(self):
        return settings.PRACTICE["tagline"]

    def author_name(self):
        # RFC 4287 needs an author on every entry or on the feed: an article without a listed
        # author is the practice's.
        return settings.PRACTICE["name"]

    def author_link(self):
        return absolute(reverse("home"))

    def link(self):
        return absolute(reverse("articles:list"))

    def feed_url(self):
        return absolute(reverse("articles:feed"))

    def items(self):
        return (
            Article.objects.published()
            .with_listed_author()
            .defer("body")
            .prefetch_related("topics")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_author_name(self, item):
        return item.author.name if item.author_is_listed else None

    def item_author_link(self, item):
        if not item.author_is_listed:
            return None
        return absolute(item.author.get_absolute_url())

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
