"""What every page shares: skip link, navigation, footer help, metadata."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_article, make_modality, make_therapist, make_topic

pytestmark = pytest.mark.django_db


def test_every_page_starts_with_a_skip_link_to_main(client):
    html = client.get(reverse("articles:list")).content.decode()
    body = html.split("<body>", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'href="#main"' in first_link
    assert '<main id="main"' in html


def test_navigation_marks_the_current_page(client):
    html = client.get(reverse("articles:list")).content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    current = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', nav)
    assert current == [(reverse("articles:list"), "Articles")]
    for label in ("Home", "Articles", "Therapists", "Modalities", "Contact"):
        assert f">{label}</a>" in nav


def test_section_pages_mark_their_section_but_not_as_the_page(client):
    topic = make_topic("Grief")
    html = client.get(topic.get_absolute_url()).content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{reverse("articles:list")}" aria-current="true">Articles</a>' in nav
    assert 'aria-current="page"' not in nav


def nav_marks(html):
    """{label: aria-current} for the main navigation's links that carry one."""
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    return dict(
        (label, current)
        for current, label in re.findall(r'<a href="[^"]+" aria-current="(\w+)">([^<]+)</a>', nav)
    )


def test_each_section_marks_its_own_link_and_the_nearest_one_wins(client):
    cbt = make_modality("CBT")
    therapist = make_therapist("Ada Jones", modalities=[cbt])
    article = make_article("Sleep")
    expected = {
        reverse("home"): {"Home": "page"},
        reverse("articles:list"): {"Articles": "page"},
        article.get_absolute_url(): {"Articles": "true"},
        reverse("therapists:directory"): {"Therapists": "page"},
        therapist.get_absolute_url(): {"Therapists": "true"},
        # Under /therapists/ too, but Modalities' address is the nearer one.
        reverse("therapists:modalities"): {"Modalities": "page"},
        cbt.get_absolute_url(): {"Modalities": "true"},
        reverse("enquiries:contact"): {"Contact": "page"},
        reverse("enquiries:thanks"): {"Contact": "true"},
        reverse("enquiries:privacy"): {},
    }
    for url, marks in expected.items():
        assert nav_marks(client.get(url).content.decode()) == marks, url


def test_a_page_no_address_matched_is_in_no_section(client):
    for response in (
        client.get("/therapists/no/such/page/"),
        client.get("/", HTTP_HOST="evil.example"),
    ):
        assert response.status_code in (400, 404)
        assert nav_marks(response.content.decode()) == {}
    # An address that matched but found nothing stays in its section, as before.
    missing = client.get("/articles/no-such-article/")
    assert missing.status_code == 404
    assert nav_marks(missing.content.decode()) == {"Articles": "true"}


def test_crisis_signposting_comes_from_settings_on_every_page(client, settings):
    settings.CRISIS = {
        **settings.CRISIS,
        "samaritans": "116 999",
        "notice": "We cannot answer urgent messages.",
    }
    for url in (reverse("articles:list"), "/no-such-page/"):
        html = client.get(url).content.decode()
        assert "We cannot answer urgent messages." in html
        assert '<a href="tel:116999">116 999</a>' in html
        assert '<a href="tel:999">999</a> or go to A&amp;E' in html


def test_footer_gives_the_practice_contact_details(client, settings):
    settings.PRACTICE = {**settings.PRACTICE, "phone": "01234 567 890", "hours": "Weekdays"}
    html = client.get(reverse("articles:list")).content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="tel:01234567890">01234 567 890</a>' in footer
    assert f'href="mailto:{settings.PRACTICE["email"]}"' in footer
    assert settings.PRACTICE["address"] in footer
    assert "Weekdays" in footer


def test_head_repeats_the_page_title_and_description_for_sharing(client, settings):
    settings.SITE_URL = "https://www.example.org"
    topic = make_topic("Coping & healing", slug="coping", description='What "getting by" means.')
    html = client.get(topic.get_absolute_url()).content.decode()
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title.startswith("Coping &amp; healing")
    assert f'<meta property="og:title" content="{title}">' in html
    assert '<meta property="og:description" content="What &quot;getting by&quot; means.">' in html
    url = f"https://www.example.org{topic.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary">' in html


def test_pages_carry_no_inline_script_or_style(client):
    topic = make_topic("Sleep")
    for url in (reverse("articles:list"), topic.get_absolute_url(), "/no-such-page/"):
        html = client.get(url).content.decode()
        assert "<style" not in html
        assert " style=" not in html
        assert re.findall(r"<script(?![^>]*application/ld\+json)", html) == []


def test_contact_and_privacy_are_linked_from_every_page(client):
    html = client.get("/no-such-page/").content.decode()
    nav = html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="{reverse("enquiries:contact")}">Contact</a>' in nav
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert f'<a href="{reverse("enquiries:privacy")}">Read our privacy notice</a>' in footer


def test_the_contact_page_is_marked_current_in_the_navigation(client):
    html = client.get(reverse("enquiries:contact")).content.decode()
    assert f'<a href="{reverse("enquiries:contact")}" aria-current="page">Contact</a>' in html
