"""What the export leaves out: each post's search description and social image, read once from
its live page on the old site (`--site https://www.old-practice.example`).

Only the site named (and the hosts allowed, as for images) is asked; a private or local address
only when allowed by name. A page that cannot be read is a line in the report, never a stop.
"""

from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from core.remote_images import FetchError, fetch_page


class LivePages:
    def __init__(self, site, allow_hosts, report):
        self.site = site.rstrip("/")
        parts = urlsplit(self.site)
        self.hosts = {parts.netloc.lower(), (parts.hostname or "").lower()}
        self.allow_hosts = allow_hosts
        self.report = report

    def read(self, item):
        """(description, image address) of the item's live page; ("", "") if unknown."""
        path = urlsplit(item.link).path if item.link else ""
        if not path or path.rstrip("/") == "/null":
            return "", ""
        url = self.site + path
        try:
            html = fetch_page(url, extra_hosts=self.allow_hosts, default_hosts=self.hosts)
        except FetchError as error:
            self.report.problem(item, f"its live page {url} could not be read: {error}")
            return "", ""
        self.report.live_pages_read += 1
        return _search_text(html, url)


def _search_text(html, url):
    soup = BeautifulSoup(html, "html.parser")

    def meta(*names):
        for name in names:
            tag = soup.find("meta", attrs={"name": name}) or soup.find(
                "meta", attrs={"property": name}
            )
            if tag is not None and (tag.get("content") or "").strip():
                return " ".join(tag["content"].split())
        return ""

    description = meta("description", "og:description", "twitter:description")
    image = meta("og:image", "og:image:url", "twitter:image")
    return description, urljoin(url, image) if image else ""
