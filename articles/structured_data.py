"""schema.org data for an article page's JSON-LD block (`{% load site %}{{ data|json_ld }}`)."""

from core.markdown import word_count
from core.site_url import absolute
from therapists.structured_data import practice_data, share_image


def person(therapist):
    return {
        "@type": "Person",
        "name": therapist.name,
        "jobTitle": therapist.title,
        "url": absolute(therapist.get_absolute_url()),
    }


def citation(source):
    data = {"@type": "CreativeWork", "name": source.title}
    if source.publisher:
        data["publisher"] = {"@type": "Organization", "name": source.publisher}
    if source.url:
        data["url"] = source.url
    if source.year:
        data["datePublished"] = str(source.year)
    return data


def article_data(article, author=None, topics=(), reviewer=None, sources=()):
    """A BlogPosting: the article, its author (the practice when the author is not listed), the
    practice as publisher with its logo, and a picture (the hero image, or the practice's).

    A reviewed article's page (a schema.org WebPage, its `mainEntityOfPage`) carries
    `reviewedBy` and `lastReviewed`; its sources are the posting's `citation`."""
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
        data["author"] = person(author)
    else:
        practice = data["publisher"]
        data["author"] = {"@type": "Organization", "name": practice["name"], "url": practice["url"]}
    data["image"] = article_image(article)["url"]
    if reviewer is not None and article.last_reviewed:
        data["mainEntityOfPage"] = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "reviewedBy": person(reviewer),
            "lastReviewed": article.last_reviewed.isoformat(),
        }
    if sources:
        data["citation"] = [citation(source) for source in sources]
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
