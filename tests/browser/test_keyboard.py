"""Keyboard users: the skip link comes first and works; every focused control shows focus."""

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const seenBefore = Boolean(el.dataset && el.dataset.tabSeen);
  if (el.dataset) el.dataset.tabSeen = '1';
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.name || '').trim().slice(0, 40),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    seenBefore,
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(site, page):
    page.goto(site.url + "/articles/")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    assert focused["text"] == "Skip to main content"
    assert focused["visible"], "the skip link must appear when focused"
    assert focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main, "after skipping, the next Tab stays in the main content"


def test_every_focusable_element_shows_a_visible_outline(site, page):
    for path in ("/therapists/", "/articles/the-space-between-coping-and-healing/"):
        page.goto(site.url + path)
        seen = []
        for _ in range(60):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_STYLE)
            if focused["tag"] == "body" or focused["seenBefore"]:
                break
            seen.append(focused["text"])
            assert focused["outlineStyle"] != "none" and focused["outlineWidth"] >= 2, (
                f"no visible focus on {path}: {focused}"
            )
        assert len(seen) >= 15, f"Tab reached only {len(seen)} elements on {path}"
