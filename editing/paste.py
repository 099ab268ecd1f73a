"""Paste that converts: HTML from the clipboard (Word 2016, Word Online, Google Docs, web
pages) becomes Markdown for the admin's Markdown fields.

static/js/admin-paste.js posts a paste's `text/html` to `paste_view` (staff only, CSRF, POST)
and puts the Markdown it gets back where the cursor is. Without the script (or when this
answers with an error), the browser pastes the plain text as it always did.

The clipboard is cleaned of what each editor wraps around the text, then converted with the
importer's rules (core/html_markdown.py, markdownify):

- Word 2016 sends list items as paragraphs (`mso-list:l0 level2 lfo1` in their style, the
  bullet or number in a `mso-list:Ignore` span): they become nested lists again.
- Word Online sends each list item in a list of its own (`data-aria-level`): nested again.
- Google Docs wraps the whole paste in `<b style="font-weight:normal">` (not bold) and marks
  bold and italic with styles on spans (`font-weight:700`, `font-style:italic`); its nested
  lists sit directly inside their parent list.
- Pictures are not pasted (they belong in the image library, with a description); each is named
  in the answer so the editor can add it.
"""

import re
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction
from django.http import HttpResponseNotAllowed, JsonResponse

from core.html_markdown import to_markdown

# A clipboard bigger than this is not converted (the browser's plain paste goes ahead).
MAX_HTML = 2_000_000
_MSO_LIST = re.compile(r"mso-list:\s*(l\d+)\s+level(\d+)", re.IGNORECASE)
_ORDERED_MARK = re.compile(r"^\(?([0-9]{1,3}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$")
_BOLD = re.compile(r"font-weight\s*:\s*(bold|bolder|[6-9]00)", re.IGNORECASE)
_NOT_BOLD = re.compile(r"font-weight\s*:\s*(normal|[1-4]00)", re.IGNORECASE)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
_DROPPED = ["script", "style", "meta", "link", "title", "head", "xml", "o:p", "noscript"]


def paste_view(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    html = request.POST.get("html", "")
    if not html.strip():
        return JsonResponse(
            {"error": "Nothing to convert: the clipboard held no HTML."}, status=400
        )
    if len(html) > MAX_HTML:
        return JsonResponse(
            {"error": "The pasted text is too long to convert; it was pasted as plain text."},
            status=413,
        )
    markdown, pictures = convert(html)
    response = JsonResponse({"markdown": markdown, "pictures": pictures, "note": note(pictures)})
    response["Cache-Control"] = "no-store"
    return response


def note(pictures):
    """What the editor is told about pictures left out ("" if none)."""
    if not pictures:
        return ""
    count = len(pictures)
    which = "1 picture was" if count == 1 else f"{count} pictures were"
    return f"{which} not pasted: add them from the image library ({', '.join(pictures)})."


def convert(html):
    """(Markdown, names of the pictures left out) for a clipboard's HTML."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.find_all(
        string=lambda s: isinstance(s, Comment | Declaration | Doctype | ProcessingInstruction)
    ):
        node.extract()
    for element in soup.find_all(_DROPPED):
        element.decompose()
    pictures = _take_pictures(soup)
    for text in soup.find_all(string=True):
        if "\n" in text and not text.find_parent("pre"):
            text.replace_with(re.sub(r"\s*\n\s*", " ", text))  # Word wraps its HTML's lines
    _word_headings(soup)
    _word_lists(soup)
    _word_online_lists(soup)
    _google_docs_lists(soup)
    _styles_to_emphasis(soup)
    for element in soup.find_all(["span", "font", "div", "section", "article", "body", "html"]):
        element.unwrap()
    for item in soup.find_all("li"):
        paragraphs = item.find_all("p", recursive=False)
        if len(paragraphs) == 1:
            paragraphs[0].unwrap()  # a list item's single paragraph is not a loose list
    for paragraph in soup.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]):
        if not paragraph.get_text(strip=True).replace("\xa0", "") and not paragraph.find(
            ["ul", "ol"]
        ):
            paragraph.decompose()
    return to_markdown(soup), pictures


def _take_pictures(soup):
    names = []
    for image in soup.find_all(["img", "v:imagedata", "v:shape"]):
        if image.name == "img":
            alt = (image.get("alt") or "").strip()
            src = image.get("src") or ""
            name = alt or (
                unquote(urlsplit(src).path.rsplit("/", 1)[-1]) if src and not src.startswith("data:")
                else ""
            )  # fmt: skip
            names.append(f"“{name}”" if name else f"picture {len(names) + 1}")
        image.decompose()
    return names


def _word_headings(soup):
    """Word Online marks headings as paragraphs with role="heading" and aria-level."""
    for paragraph in soup.find_all(attrs={"role": "heading"}):
        level = str(paragraph.get("aria-level") or "2")
        if level.isdigit() and 1 <= int(level) <= 6:
            paragraph.name = f"h{level}"


def _new_item(soup, level, ordered, contents):
    item = soup.new_tag("li")
    for child in contents:
        item.append(child)
    return {"level": max(level, 1), "ordered": ordered, "item": item}


def _nest(soup, items):
    """A flat run of list items with levels as nested <ul>/<ol> elements; returns the outer."""
    root = None
    stack = []  # (level, list element)
    for entry in items:
        level, tag = entry["level"], "ol" if entry["ordered"] else "ul"
        while stack and stack[-1][0] > level:
            stack.pop()
        if stack and stack[-1][0] == level:
            stack[-1][1].append(entry["item"])
            continue
        new_list = soup.new_tag(tag)
        new_list.append(entry["item"])
        if stack:
            parent_items = stack[-1][1].find_all("li", recursive=False)
            holder = parent_items[-1] if parent_items else stack[-1][1]
            holder.append(new_list)
        else:
            root = new_list
        stack.append((level, new_list))
    return root


def _word_lists(soup):
    """Word 2016's list paragraphs (style mso-list) as nested lists."""
    runs, run, previous = [], [], None
    for paragraph in soup.find_all("p"):
        match = _MSO_LIST.search(paragraph.get("style") or "")
        if match is None:
            continue
        if run and previous is not None and paragraph.find_previous_sibling(True) is not previous:
            runs.append(run)
            run = []
        marker = ""
        for ignored in paragraph.find_all(style=re.compile(r"mso-list:\s*ignore", re.I)):
            marker = marker or ignored.get_text("", strip=True).split("\xa0")[0].strip()
            ignored.decompose()
        ordered = bool(_ORDERED_MARK.match(marker)) and marker != "o"
        run.append((paragraph, int(match.group(2)), ordered))
        previous = paragraph
    if run:
        runs.append(run)
    for run in runs:
        items = [
            _new_item(soup, level, ordered, list(paragraph.contents))
            for paragraph, level, ordered in run
        ]
        run[0][0].replace_with(_nest(soup, items))
        for paragraph, _, _ in run[1:]:
            paragraph.decompose()


def _word_online_lists(soup):
    """Word Online's lists: each item in a list of its own, its depth in data-aria-level."""
    for first in soup.find_all(["ul", "ol"]):
        if first.parent is None or not first.find("li", attrs={"data-aria-level": True}):
            continue
        block = first.find_parent(class_="ListContainerWrapper") or first
        run = [block]
        sibling = block.find_next_sibling(True)
        while (
            sibling is not None
            and (
                sibling.name in ("ul", "ol")
                or "ListContainerWrapper" in (sibling.get("class") or [])
            )
            and sibling.find("li", attrs={"data-aria-level": True})
        ):
            run.append(sibling)
            sibling = sibling.find_next_sibling(True)
        items = []
        for part in run:
            for item in part.find_all("li"):
                owner = item.find_parent(["ul", "ol"])
                level = str(item.get("data-aria-level") or "1")
                items.append(
                    _new_item(
                        soup,
                        int(level) if level.isdigit() else 1,
                        owner is not None and owner.name == "ol",
                        list(item.contents),
                    )
                )
        block.replace_with(_nest(soup, items))
        for part in run[1:]:
            part.decompose()


def _google_docs_lists(soup):
    """A list directly inside a list (Google Docs' nesting) moves into the item before it."""
    for inner in soup.find_all(["ul", "ol"]):
        parent = inner.parent
        if parent is None or parent.name not in ("ul", "ol"):
            continue
        before = inner.find_previous_sibling("li")
        if before is not None:
            before.append(inner.extract())


def _styles_to_emphasis(soup):
    """Bold and italic set by styles become <strong>/<em>; Google Docs' whole-paste wrapper
    (<b style="font-weight:normal">) and headings' own bold are not emphasis."""
    for element in soup.find_all(["b", "strong"]):
        if _NOT_BOLD.search(element.get("style") or "") or element.find_parent(
            ["h1", "h2", "h3", "h4", "h5", "h6"]
        ):
            element.unwrap()
    for element in soup.find_all("span"):
        style = element.get("style") or ""
        inside_heading = element.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])
        if not element.get_text(strip=True):
            continue
        if _ITALIC.search(style):
            element.wrap(soup.new_tag("em"))
        if _BOLD.search(style) and not inside_heading:
            element.wrap(soup.new_tag("strong"))
