"""What visitors do: read an article and move between articles; find a therapist."""

import re

from playwright.sync_api import expect

SEED_TITLE = "The Space Between Coping and Healing"
NEXT_TITLE = "Attachment Styles in Adult Relationships: A Therapist's Guide"


def test_visitor_reads_the_seed_article_and_follows_next_and_previous(site, page):
    page.goto(site.url + "/articles/")
    page.get_by_role("link", name=re.compile(SEED_TITLE)).first.click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(SEED_TITLE)
    assert page.get_by_text("This is coping.").is_visible()
    assert page.get_by_role("link", name="Browse our therapists").is_visible()

    page.get_by_role("link", name=re.compile("^Next article")).click()
    expect(heading).to_have_text(NEXT_TITLE)

    page.get_by_role("link", name=re.compile("^Previous article")).click()
    expect(heading).to_contain_text(SEED_TITLE)
    expect(page).to_have_url(re.compile("/articles/the-space-between-coping-and-healing/$"))


def test_visitor_filters_the_directory_opens_a_profile_and_reads_about_a_modality(site, page):
    page.goto(site.url + "/therapists/")
    everyone = _result_count(page)

    page.get_by_label("Approach").select_option(label="Cognitive Behavioural Therapy (CBT)")
    page.get_by_role("button", name="Show therapists").click()
    expect(page).to_have_url(re.compile(r"modality=cbt"))
    by_modality = _result_count(page)
    assert 0 < by_modality < everyone

    page.get_by_label("Session format").select_option(label="Online")
    page.get_by_role("button", name="Show therapists").click()
    expect(page).to_have_url(re.compile(r"modality=cbt.*format=online"))
    by_both = _result_count(page)
    assert 0 < by_both <= by_modality
    chips = page.locator(".chips a")
    assert chips.count() == 2

    cards = page.locator(".therapist-card")
    assert cards.count() == by_both
    for card in cards.all():
        assert "Cognitive Behavioural Therapy (CBT)" in card.inner_text()
        assert "online" in card.inner_text().lower()

    name = cards.first.get_by_role("heading").inner_text()
    cards.first.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    page.locator(".profile__facts").get_by_role(
        "link", name="Cognitive Behavioural Therapy (CBT)"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cognitive Behavioural Therapy (CBT)")
    assert page.get_by_role("link", name=name).first.is_visible()


def _result_count(page):
    text = page.locator(".results__count").inner_text()
    return int(re.match(r"(\d+) therapists?", text).group(1))
