"""House rules every template keeps, checked over the whole templates/ folder."""

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PAGES = sorted(p for p in TEMPLATES.rglob("*.html") if "admin" not in p.parts)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script_style_or_third_party_asset(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", text), "inline <script>: CSP forbids it"
    assert "<style" not in text and not re.search(r"\sstyle=", text), "inline style"
    third_party_asset = r"""(\ssrc=["']https?:|<link[^>]*href=["']https?:|url\(["']?https?:)"""
    assert not re.search(third_party_asset, text), "an asset from another host: use {% static %}"


EXTENDS = re.compile(r'^\{% extends "([^"]+)" %\}')


def test_every_page_template_extends_the_base_layout():
    """Directly, or through a section template (e.g. error_page.html) that does."""
    pages = [p for p in PAGES if "includes" not in p.parts and p.name != "base.html"]
    assert len(pages) >= 15
    for path in pages:
        chain = [path.relative_to(TEMPLATES).as_posix()]
        while chain[-1] != "base.html" and len(chain) < 4:
            parent = EXTENDS.match((TEMPLATES / chain[-1]).read_text(encoding="utf-8").lstrip())
            assert parent, f"{' -> '.join(chain)} does not extend base.html"
            chain.append(parent.group(1))
        assert chain[-1] == "base.html", f"{' -> '.join(chain)} does not reach base.html"


LONGEST_LINE = 120


def test_no_template_line_is_longer_than_120_characters():
    """Every template under templates/, the admin's and the plain-text ones too, reads without
    sideways scrolling; djhtml (`make format`) keeps the indentation."""
    templates = sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt", ".xml"})
    assert len(templates) >= 30
    too_long = [
        f"{path.relative_to(TEMPLATES)}:{number}: {len(line)} characters"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LONGEST_LINE
    ]
    assert too_long == []
