"""HTML to Markdown with the site's rules (markdownify, a well-kept converter, rather than our
own): ATX headings ("## "), "-" bullets, no escaping of ordinary punctuation, line breaks as
two spaces, non-breaking spaces as spaces, at most one blank line. Used by the article importer
and by the admin's paste (editing/paste.py), so that both bring text in the same shape."""

import re

from markdownify import MarkdownConverter


class Converter(MarkdownConverter):
    """markdownify with the site's options; images are never converted (each caller deals with
    them first: the importer brings them into the library, a paste names them)."""

    def __init__(self, **options):
        super().__init__(heading_style="ATX", bullets="-", escape_misc=False, **options)

    def convert_img(self, el, text, parent_tags=None):
        return ""


def to_markdown(soup):
    """A BeautifulSoup tree (already cleaned) as tidy Markdown, ending in one newline."""
    markdown = Converter().convert_soup(soup)
    markdown = markdown.replace("\xa0", " ")
    markdown = re.sub(r"\n[ \t]+\n", "\n\n", markdown)  # keeps "  " line breaks (<br>)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return markdown + "\n" if markdown else ""
