"""Demo pages for `manage.py load_demo`: the pages a UK practice needs, linked from the menus.

The texts are Markdown files in pages/demo_content/. Loading again keeps any edit staff made:
a page or menu link that exists already is left as it is.
"""

from datetime import date
from pathlib import Path

from pages.models import MenuLink, Page

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"

PAGES = [
    {
        "slug": "about",
        "title": "About the practice",
        "summary": "Who we are, how we work, and where you will meet your therapist.",
        "file": "about.md",
    },
    {
        "slug": "fees",
        "title": "Fees and cancellations",
        "summary": "What sessions cost, reduced-fee places, health insurance and our 48-hour "
        "cancellation policy.",
        "file": "fees.md",
    },
    {
        "slug": "faq",
        "title": "Frequently asked questions",
        "summary": "Answers to what people most often ask before starting therapy with us.",
        "file": "faq.md",
        "kind": Page.Kind.FAQ,
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "summary": "How accessible this website and our rooms are, and how to tell us about a "
        "problem.",
        "file": "accessibility.md",
    },
    {
        "slug": "complaints",
        "title": "Complaints",
        "summary": "How to complain to the practice, and to the BACP or UKCP.",
        "file": "complaints.md",
    },
]

# (menu, label, page address, order): the header's between Modalities (40) and Contact (50).
LINKS = [
    (MenuLink.Menu.HEADER, "About", "about", 45),
    (MenuLink.Menu.HEADER, "Fees", "fees", 47),
    (MenuLink.Menu.FOOTER, "About the practice", "about", 10),
    (MenuLink.Menu.FOOTER, "Fees and cancellations", "fees", 20),
    (MenuLink.Menu.FOOTER, "Questions and answers", "faq", 30),
    (MenuLink.Menu.FOOTER, "Accessibility", "accessibility", 40),
    (MenuLink.Menu.FOOTER, "Complaints", "complaints", 50),
]


def load():
    pages = {}
    for spec in PAGES:
        page = Page.objects.filter(slug=spec["slug"]).first()
        if page is None:
            page = Page.objects.create(
                slug=spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                kind=spec.get("kind", Page.Kind.PAGE),
                body=(CONTENT_DIR / spec["file"]).read_text(encoding="utf-8"),
                status=Page.Status.PUBLISHED,
                last_reviewed=date(2026, 9, 1),
            )
        pages[spec["slug"]] = page
    for menu, label, address, order in LINKS:
        page = pages[address]
        if not MenuLink.objects.filter(menu=menu, page=page).exists():
            MenuLink.objects.create(
                menu=menu, label=label, target=MenuLink.Target.PAGE, page=page, order=order
            )
