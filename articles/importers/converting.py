"""Converting a post: Squarespace's or WordPress's HTML becomes clean Markdown.

Squarespace's wrappers, duplicates, buttons, sign-up forms and "Next" blocks are dropped first;
each image becomes a token the importer replaces once the image is home.
"""

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment
from django.utils.text import Truncator

from articles.models import Article
from core import html_markdown

SUMMARY_LENGTH = Article._meta.get_field("summary").max_length

# Squarespace blocks that are the old site's furniture, not the article (by exact class).
_DROPPED_BLOCKS = {
    "spacer-block",
    "newsletter-block",
    "button-block",
    "form-block",
    "sqs-block-button",
    "sqs-block-newsletter",
    "sqs-block-spacer",
    "sqs-block-form",
    "summary-block",
    "social-block",
    "sqs-block-socialaccountlinks-v2",
}
# The outermost wrapper of an image block, first (its caption is inside it).
_IMAGE_BLOCKS = ("image-block", "sqs-block-image", "image-block-outer-wrapper")
# "Next: A title", "Previous", "Next post" (not "Next steps matter...").
_NEXT_PREVIOUS = re.compile(
    r"^\s*(next|previous)(\s*[:\-–—»›|]|\s*$|\s+(post|article)\b)", re.IGNORECASE
)
# Where an image stood, while the rest is converted (letters only: Markdown leaves them be).
_IMAGE_MARK = "WXRIMAGE{}MARK"


@dataclass
class FoundImage:
    url: str
    alt: str
    caption: str


@dataclass
class Converted:
    markdown: str
    images: list  # FoundImage, in the order their tokens appear
    first_paragraph: str


# WordPress's classic editor stores text without <p>: a blank line is a paragraph break.
_BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|blockquote|table|figure|pre)[\s>]", re.IGNORECASE)
# [caption id="..." width="300"]<img ...> The caption[/caption]
_CAPTION = re.compile(
    r"\[caption[^\]]*\](\s*(?:<a[^>]*>\s*)?<img[^>]*>(?:\s*</a>)?)(.*?)\[/caption\]",
    re.IGNORECASE | re.DOTALL,
)


def wordpress_paragraphs(html):
    """WordPress's stored text as the HTML it shows: [caption] as a figure, and, for text
    without blocks (the classic editor's), paragraphs at blank lines, line breaks at single
    newlines (what WordPress's wpautop does on display)."""
    html = html or ""
    classic = not _BLOCK_TAG.search(html) and "\n" in html.strip()
    html = _CAPTION.sub(r"<figure>\1<figcaption>\2</figcaption></figure>", html)
    if not classic:
        return html
    paragraphs = [paragraph.strip() for paragraph in re.split(r"\n\s*\n", html.strip())]
    return "".join(
        paragraph
        if paragraph.startswith("<figure>")
        else f"<p>{paragraph.replace(chr(10), '<br>')}</p>"
        for paragraph in paragraphs
    )


def convert(html):
    """Squarespace's or WordPress's HTML as clean Markdown, and the images it shows."""
    soup = BeautifulSoup(wordpress_paragraphs(html), "html.parser")
    for element in soup.find_all(["noscript", "script", "style", "form", "iframe", "button"]):
        element.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for block in soup.find_all(class_=lambda name: name in _DROPPED_BLOCKS):
        if not block.decomposed:
            block.decompose()
    # Buttons outside a button block: a link styled as a button ("Browse Our Therapists").
    for link in soup.find_all("a", class_=re.compile(r"button", re.IGNORECASE)):
        link.decompose()
    images = _replace_images(soup)
    _drop_trailing_next(soup)
    for paragraph in soup.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"]):
        if not paragraph.get_text(strip=True).replace("\xa0", "") and not paragraph.find("img"):
            paragraph.decompose()
    first = soup.find("p")
    first_paragraph = " ".join(first.get_text(" ").split()) if first else ""
    # Images were replaced by tokens before; any left (without an address) is dropped.
    markdown = html_markdown.to_markdown(soup) or "\n"
    return Converted(markdown=markdown, images=images, first_paragraph=first_paragraph)


def _replace_images(soup):
    """Each image (its block, or its <figure>) becomes a paragraph holding a token."""
    images = []
    for image in soup.find_all("img"):
        if image.parent is None or image.decomposed:
            continue
        url = image.get("data-src") or image.get("data-image") or image.get("src") or ""
        if not url or url.startswith("data:"):
            image.decompose()
            continue
        block = next(
            (found for name in _IMAGE_BLOCKS if (found := image.find_parent(class_=name))),
            None,
        ) or image.find_parent("figure")
        caption_element = (block or image.parent).find(["figcaption"]) or (
            block or image.parent
        ).find(class_=re.compile(r"image-caption"))
        caption = " ".join(caption_element.get_text(" ").split()) if caption_element else ""
        token = _IMAGE_MARK.format(len(images))
        images.append(FoundImage(url=url, alt=(image.get("alt") or "").strip(), caption=caption))
        paragraph = soup.new_tag("p")
        paragraph.string = token
        (block or image).replace_with(paragraph)
    return images


def _drop_trailing_next(soup):
    """Links to the old site's neighbouring posts go: Squarespace's item pagination ("Next",
    "Previous" and a title), and a last paragraph reading "Next: ..." or "Previous: ..."."""
    for element in soup.find_all(["nav"]) + soup.find_all(class_=re.compile("pagination")):
        if not element.decomposed:
            element.decompose()
    for _ in range(2):
        blocks = [
            element
            for element in soup.find_all(["p", "h2", "h3", "h4", "h5", "h6", "div", "a"])
            if element.get_text(strip=True)
        ]
        if not blocks:
            return
        last = blocks[-1]
        text = last.get_text(" ", strip=True)
        if not _NEXT_PREVIOUS.match(text) or len(text) > 200:
            return
        while last.parent is not None and last.parent.get_text(strip=True) == last.get_text(
            strip=True
        ):
            last = last.parent
            if last.name == "[document]":
                return
        last.decompose()


def plain_text(html):
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def summary_from(excerpt_html, first_paragraph):
    text = plain_text(excerpt_html) or first_paragraph
    return Truncator(text).chars(SUMMARY_LENGTH, truncate="…")
