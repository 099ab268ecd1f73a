"""schema.org data for a page's JSON-LD block: a WebPage, or an FAQPage with its questions."""

from core.site_url import absolute


def page_data(page):
    url = absolute(page.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage" if page.questions else "WebPage",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "inLanguage": "en-GB",
    }
    if page.last_reviewed:
        data["lastReviewed"] = page.last_reviewed.isoformat()
    if page.questions:
        data["mainEntity"] = [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": item["answer"]},
            }
            for item in page.questions
        ]
    return data
