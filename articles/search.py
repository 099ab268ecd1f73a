"""What of the articles is searchable, and what a result shows (see search/registry.py).

Registered from ArticlesConfig.ready(): published articles (drafts and scheduled articles are
indexed but never found until they are due) and topics with a published article.
"""

import search
from search import link


def article_card(article):
    return {
        "title": article.title,
        "url": link("articles:detail", slug=article.slug),
        "summary": article.summary,
        "publish_at": article.publish_at.isoformat() if article.publish_at else None,
        "reading_time": article.reading_time,
    }


def topic_card(topic):
    return {
        "name": topic.name,
        "url": link("articles:topic", slug=topic.slug),
        "description": topic.description,
    }


def register():
    from articles.models import Article, Topic

    search.register(
        Topic,
        kind="topics",
        label="Topics and concerns",
        order=30,
        queryset=lambda: Topic.objects.with_published_articles(),
        fields={"name": "A", "description": "B"},
        card=topic_card,
        template="search/includes/cards/topic.html",
    )
    search.register(
        Article,
        kind="articles",
        label="Articles",
        order=40,
        queryset=lambda: Article.objects.published(),
        fields={
            "title": "A",
            "summary": "B",
            "topics__name": "B",
            "modalities__name": "B",
            "body_html": "C",
        },
        card=article_card,
        template="search/includes/cards/article.html",
        suggest=False,
    )
