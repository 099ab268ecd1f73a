"""What a visitor on a phone (320 to 375px wide) must see: the "not for emergencies" notice before the
contact form's first field, a therapist's name kept on one line in the contact heading, and
breadcrumbs whose "›" never ends a line or stands alone."""

from django.urls import reverse

from articles.models import Article
from tests.factories import make_therapist
from therapists.models import Therapist

NOTICE = "This form is not for emergencies"

# The lines (top, and left from the element's left edge) of `text` inside `selector`'s first element, read from its text nodes
# (so the test does not depend on how the template marks the text up).
TEXT_LINES = """([selector, text]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let whole = '', nodes = [];
  while (walker.nextNode()) { nodes.push([walker.currentNode, whole.length]);
                              whole += walker.currentNode.data; }
  const start = whole.indexOf(text);
  if (start < 0) return null;
  const range = document.createRange();
  const at = (offset) => { for (let i = nodes.length - 1; i >= 0; i--) {
    if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]]; } };
  range.setStart(...at(start));
  range.setEnd(...at(start + text.length - 1)); range.setEnd(range.endContainer, range.endOffset + 1);
  const rects = [...range.getClientRects()].filter(r => r.width > 0);
  const left = root.getBoundingClientRect().left;
  return rects.map(r => [Math.round(r.top), Math.round(r.left - left)]);
}"""

# Each "›" in the breadcrumb, with the top of its own line box and of the next visible
# character after it (the first letter of the item it leads to).
SEPARATORS = """() => {
  const root = document.querySelector('.breadcrumbs');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const chars = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.data.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      chars.push([node.data[i], rect.top + rect.height / 2]);
    }
  }
  return chars.flatMap(([c, middle], i) => c === '›' ? [[middle, chars[i + 1][1]]] : []);
}"""


def contact_pages():
    amelia = Therapist.objects.listed().get(name="Amelia Hart")
    return [
        reverse("enquiries:contact"),
        reverse("enquiries:contact") + f"?therapist={amelia.slug}",
    ]


def test_the_emergency_notice_comes_before_the_first_field_at_every_width(site, page):
    for width in (320, 375, 768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for path in contact_pages():
            page.goto(site.url + path)
            form = page.locator("form.enquiry-form")
            first_field = form.locator("input:visible, textarea:visible, select:visible").first
            notices = page.get_by_text(NOTICE).all()
            assert notices, path
            top_notice = min(notice.bounding_box()["y"] for notice in notices)
            field_box = first_field.bounding_box()
            assert top_notice < field_box["y"], f"{path} at {width}px: the notice is below"
            # ...and before it in reading order, for screen readers and keyboard users.
            assert page.evaluate(
                """([notice, field]) => {
                    const text = [...document.querySelectorAll('p')]
                      .find(p => p.textContent.includes(notice));
                    const input = document.querySelector(field);
                    return !!(text.compareDocumentPosition(input)
                              & Node.DOCUMENT_POSITION_FOLLOWING);
                }""",
                [NOTICE, "form.enquiry-form input:not([type=hidden])"],
            ), path


# A visitor who sets their phone's text larger (here 22px instead of 16px) saw "Get in touch
# with Sam" and "Whitfield" on the next line, as the issue saw "Amelia Hart" broken on a phone
# whose font is wider than this Chromium's. The longest name is wider than the screen itself.
TEXT_SIZES = ("16px", "20px", "22px", "24px")
LONGEST_NAME = "Maximiliana Okonkwo-Fairweatherington Featherstonehaugh"


def test_a_therapists_name_stays_on_one_line_in_the_contact_heading(site, page):
    make_therapist(LONGEST_NAME)
    page.set_viewport_size({"width": 375, "height": 800})
    broken = []
    for therapist in Therapist.objects.listed():
        for size in TEXT_SIZES:
            page.goto(site.url + reverse("enquiries:contact") + f"?therapist={therapist.slug}")
            page.evaluate("size => { document.documentElement.style.fontSize = size; }", size)
            lines = page.evaluate(TEXT_LINES, ["h1", therapist.name])
            assert lines, therapist.name
            # A name may break only when it is wider than a whole line: then it starts a line.
            if len({top for top, _left in lines}) > 1 and lines[0][1] > 1:
                broken.append(f"{therapist.name} with {size} text")
    assert not broken, "Broken across lines: " + ", ".join(broken)
    # The longest name wraps rather than pushing the page sideways.
    page.goto(site.url + reverse("enquiries:contact") + "?therapist=" + LONGEST_NAME.lower()
              .replace(" ", "-"))  # fmt: skip
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375


def test_a_breadcrumb_separator_never_wraps_alone(site, page):
    paths = [article.get_absolute_url() for article in Article.objects.published()]
    paths += contact_pages()
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 800})
        for path in paths:
            page.goto(site.url + path)
            items = page.locator(".breadcrumbs li").count()
            separators = page.evaluate(SEPARATORS)
            assert len(separators) == items - 1, f"{path}: the separators are not text"
            for separator, following in separators:
                assert abs(separator - following) < 4, f"{path} at {width}px: › is alone"
