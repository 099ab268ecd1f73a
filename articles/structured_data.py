"""schema.org data for an article page's JSON-LD block (`{% load site %}{{ data|json_ld }}`)."""

from core.markdown import word_count
from core.site_url import absolute
from therapists.structured_data import practice_data, share_image


def article_data(article, author=None, topics=()):
    """A BlogPosting: the article, its author (the practice when the author is not listed), the
    practice as publisher with its logo, and a picture (the hero image, or the practice's)."""
    url = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "description": article.seo_description or article.summary,
        "datePublished": article.publish_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "mainEntityOfPage": url,
        "url": url,
        "wordCount": word_count(article.body),
        "timeRequired": f"PT{article.reading_time}M",
        "inLanguage": "en-GB",
        "publisher": practice_data(),
    }
    if topics:
        data["keywords"] = ", ".join(topic.name for topic in topics)
    if author:
        data["author"] = {
            "@type": "Person",
            "name": author.name,
            "jobTitle": author.title,
            "url": absolute(author.get_absolute_url()),
        }
    else:
        practice = data["publisher"]
        data["author"] = {"@type": "Organization", "name": practice["name"], "url": practice["url"]}
    data["image"] = article_image(article)["url"]
    return data


def article_image(article):
    """The picture for shares and search results: (url, width, height, alt)."""
    if article.hero_image_display:
        return {
            "url": absolute(article.hero_image_display.url),
            "width": article.hero_image_width,
            "height": article.hero_image_height,
            "alt": article.hero_image_alt,
        }
    return share_image()
