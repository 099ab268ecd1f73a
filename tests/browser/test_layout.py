"""Screenshots of every page type at phone and desktop widths (test-artifacts/screenshots/),
and no sideways scrolling on small phones."""

from tests.browser.pages import PAGINATED, assert_pagination_shown, page_types


def test_every_page_type_fits_a_small_phone_without_sideways_scrolling(site, page):
    too_wide = []
    for width in (320, 375):
        page.set_viewport_size({"width": width, "height": 700})
        for name, path in page_types():
            page.goto(site.url + path)
            scroll_width = page.evaluate("document.scrollingElement.scrollWidth")
            if scroll_width > width:
                too_wide.append(f"{name} at {width}px is {scroll_width}px wide")
    assert not too_wide, "\n".join(too_wide)


def test_the_header_links_are_easy_to_tap_on_a_phone(site, page):
    # "Need urgent help?" above all: someone in crisis should not have to aim.
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(site.url + "/")
    links = page.locator(".site-nav a, .urgent-link").all()
    assert len(links) == 6
    small = [
        f"{link.inner_text()!r} is {box['height']:.0f}px tall"
        for link in links
        if (box := link.bounding_box())["height"] < 44
    ]
    assert not small, "\n".join(small)


def test_screenshots_of_every_page_type_at_phone_and_desktop_widths(site, page, artifacts):
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for name, path in page_types():
            target = folder / f"{name}-{width}.png"
            target.unlink(missing_ok=True)
            page.goto(site.url + path)
            if name == PAGINATED:
                assert_pagination_shown(page)
            page.screenshot(path=target, full_page=True)
            assert target.stat().st_size > 10_000, f"{target.name} looks blank"


def test_a_printed_article_keeps_the_text_and_shows_where_links_go(site, page):
    page.goto(site.url + "/articles/the-space-between-coping-and-healing/")
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".site-footer", ".cta", ".article-nav", ".breadcrumbs"):
        assert not page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert page.locator(".prose").is_visible()
    link_suffix = page.evaluate(
        """() => {
          const link = document.querySelector('.article__footer a[href^="/"]');
          return getComputedStyle(link, '::after').content;
        }"""
    )
    assert link_suffix.startswith('" (/') and link_suffix.endswith(')"')


def test_motion_is_switched_off_for_visitors_who_ask_for_less(site, page):
    link = "getComputedStyle(document.querySelector('.site-nav a')).transitionDuration"
    page.goto(site.url + "/articles/")
    assert page.evaluate(link).startswith("0.15s")
    page.emulate_media(reduced_motion="reduce")
    assert all(float(d.rstrip("s")) < 0.001 for d in page.evaluate(link).split(", "))
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
