"""What a visitor sees on the article list, topic pages and article pages."""

import json
import re
from html import unescape

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles import demo
from tests.factories import make_article, make_modality, make_therapist, make_topic

pytestmark = pytest.mark.django_db

SEED_SLUG = "the-space-between-coping-and-healing"


def _json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    return json.loads(match.group(1))


def test_article_list_shows_cards_newest_first(client):
    anxiety = make_topic("Anxiety")
    make_article("Older piece", days_ago=5, summary="An older summary.", topics=[anxiety])
    make_article("Newer piece", days_ago=1, body="word " * 450)

    response = client.get(reverse("articles:list"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Newer piece") < html.index("Older piece")
    assert "An older summary." in html
    assert "3 min read" in html
    assert f'href="{anxiety.get_absolute_url()}"' in html
    assert "<time datetime=" in html


def test_article_list_has_twelve_a_page_and_a_second_page(client):
    for day in range(1, 15):
        make_article(f"Piece {day:02}", days_ago=day)

    first = client.get(reverse("articles:list")).content.decode()
    second = client.get(reverse("articles:list"), {"page": 2}).content.decode()

    assert first.count('class="card article-card"') == 12
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert second.count('class="card article-card"') == 2
    assert "Piece 14" in second and "Page 2 of 2" in second


@pytest.mark.parametrize(
    "page", ["abc", "0", "3", "-1", "1.5", "99999999999999999999", "last", "", " 1", "١"]
)
def test_bad_page_number_is_404(client, page):
    make_article()

    assert client.get(reverse("articles:list"), {"page": page}).status_code == 404


@pytest.mark.parametrize("page", ["last", ""])
def test_topic_page_with_a_page_that_is_not_a_number_is_404(client, page):
    topic = make_topic("Anxiety")
    make_article(topics=[topic])

    assert client.get(topic.get_absolute_url(), {"page": page}).status_code == 404


def test_article_list_without_a_page_is_the_first_page(client):
    make_article("Only piece")

    response = client.get(reverse("articles:list"))

    assert response.status_code == 200 and "Only piece" in response.content.decode()


def test_empty_article_list_says_so(client):
    response = client.get(reverse("articles:list"))

    assert response.status_code == 200
    assert "no articles here yet" in response.content.decode()


def test_topic_page_lists_only_that_topic(client):
    anxiety, grief = make_topic("Anxiety"), make_topic("Grief")
    make_article("About anxiety", topics=[anxiety])
    make_article("About grief", topics=[grief])

    response = client.get(anxiety.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Anxiety</h1>" in html
    assert "About anxiety" in html and "About grief" not in html


def test_topics_to_browse_by_are_those_with_published_articles(client):
    anxiety, grief, empty = make_topic("Anxiety"), make_topic("Grief"), make_topic("Empty")
    make_article("About anxiety", topics=[anxiety])
    make_article("Grief draft", topics=[grief], published=False)
    make_article("Grief scheduled", topics=[grief], days_ago=-2)

    html = client.get(reverse("articles:list")).content.decode()
    nav = html[html.index("Browse by topic") :]
    assert f'href="{anxiety.get_absolute_url()}"' in nav
    assert grief.get_absolute_url() not in html and empty.get_absolute_url() not in html

    page = client.get(empty.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "no articles here yet" in html
    assert f'href="{empty.get_absolute_url()}" aria-current="page"' in html
    assert f'href="{anxiety.get_absolute_url()}"' in html


def test_unknown_topic_is_404(client):
    assert client.get(reverse("articles:topic", args=["no-such-topic"])).status_code == 404


def test_topic_page_with_bad_page_is_404(client):
    topic = make_topic()
    make_article(topics=[topic])

    assert client.get(topic.get_absolute_url(), {"page": "x"}).status_code == 404


def test_article_page_shows_the_article(client):
    anxiety = make_topic("Anxiety")
    cbt = make_modality("CBT", slug="cbt")
    author = make_therapist("Amelia Hart")
    article = make_article(
        "Coping and healing",
        body="## A heading\n\nA paragraph of text.",
        topics=[anxiety],
        modalities=[cbt],
        author=author,
    )

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Coping and healing</h1>" in html
    assert '<h2 id="section-a-heading">A heading</h2>' in html
    assert f'<time datetime="{timezone.localtime(article.publish_at).isoformat()}">' in html
    assert "1 min read" in html
    assert f'href="{author.get_absolute_url()}"' in html and "Amelia Hart" in html
    assert f'href="{anxiety.get_absolute_url()}"' in html
    assert f'href="{cbt.get_absolute_url()}"' in html


def test_article_page_head_has_title_description_and_blog_posting(client):
    author = make_therapist("Amelia Hart")
    article = make_article(
        "A long title", summary="The summary.", seo_title="Short title", author=author
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<title>Short title · Smart Therapy</title>" in html
    assert '<meta name="description" content="The summary.">' in html
    assert '<meta property="og:type" content="article">' in html
    data = _json_ld(html)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "A long title"
    assert data["author"]["name"] == "Amelia Hart"
    assert data["url"].endswith(article.get_absolute_url())


def test_blog_posting_links_are_absolute_on_the_public_site(client, settings):
    settings.SITE_URL = "https://therapy.example"
    author = make_therapist("Amelia Hart")
    article = make_article("Absolute links", author=author)

    data = _json_ld(client.get(article.get_absolute_url()).content.decode())

    assert data["url"] == f"https://therapy.example{article.get_absolute_url()}"
    assert data["author"]["url"] == f"https://therapy.example{author.get_absolute_url()}"
    assert data["publisher"]["name"] == settings.PRACTICE["name"]
    assert data["publisher"]["url"] == "https://therapy.example/"


def test_seo_description_replaces_summary_in_the_head(client):
    article = make_article(summary="The summary.", seo_description="For search engines.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="description" content="For search engines.">' in html


def test_inactive_or_missing_author_is_not_shown(client):
    hidden = make_therapist("Hidden Person", is_active=False)
    by_hidden = make_article("By hidden", author=hidden)
    by_nobody = make_article("By nobody")

    for article in (by_hidden, by_nobody):
        html = client.get(article.get_absolute_url()).content.decode()
        assert "About the author" not in html
        assert "Hidden Person" not in html
        assert hidden.get_absolute_url() not in html


def test_previous_and_next_links_and_none_at_the_ends(client):
    oldest = make_article("The oldest", days_ago=3)
    middle = make_article("The middle", days_ago=2)
    newest = make_article("The newest", days_ago=1)

    html = client.get(middle.get_absolute_url()).content.decode()
    assert re.search(
        rf'href="{oldest.get_absolute_url()}" rel="prev">.*Previous article.*The oldest', html, re.S
    )
    assert re.search(
        rf'href="{newest.get_absolute_url()}" rel="next">.*Next article.*The newest', html, re.S
    )

    first = client.get(oldest.get_absolute_url()).content.decode()
    assert "Previous article" not in first and "Next article" in first

    last = client.get(newest.get_absolute_url()).content.decode()
    assert "Next article" not in last and "Previous article" in last


def test_related_articles_are_shown(client):
    topic = make_topic("Anxiety")
    article = make_article("Main", topics=[topic], days_ago=10)
    make_article("A related one", topics=[topic], days_ago=30)
    make_article("Unrelated one", days_ago=20)

    html = client.get(article.get_absolute_url()).content.decode()

    assert "Related articles" in html
    related = html[html.index("Related articles") :]
    assert "A related one" in related and "Unrelated one" not in related


def test_call_to_action_links_to_directory_filtered_by_the_articles_one_modality(client):
    cbt = make_modality("CBT", slug="cbt")
    with_modality = make_article(modalities=[cbt])
    without = make_article()
    directory = reverse("therapists:directory")

    html = client.get(with_modality.get_absolute_url()).content.decode()
    assert "Ready to begin?" in html
    assert f'class="button" href="{directory}?modality=cbt"' in html

    html = client.get(without.get_absolute_url()).content.decode()
    assert f'class="button" href="{directory}"' in html
    assert "Browse our therapists" in html


def test_call_to_action_of_an_article_on_several_approaches_links_to_the_whole_directory(
    client,
):
    article = make_article(
        modalities=[make_modality("CBT", slug="cbt"), make_modality("Psychodynamic")]
    )
    directory = reverse("therapists:directory")

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<a class="button" href="{directory}">Browse our therapists</a>' in html


def test_call_to_action_comes_straight_after_the_text(client):
    make_article("Older", days_ago=20, body="The older text.")
    article = make_article(
        "Middle",
        days_ago=10,
        body="The last words of the text.",
        author=make_therapist("Amelia Hart"),
        modalities=[make_modality("CBT")],
    )
    make_article("Newer", days_ago=5)

    html = client.get(article.get_absolute_url()).content.decode()

    order = [
        html.index("The last words of the text."),
        html.index('<section class="cta"'),
        html.index("Approaches in this article"),
        html.index("About the author"),
        html.index("Previous article"),
        html.index("Next article"),
    ]
    assert order == sorted(order)


def test_an_article_can_have_its_own_closing_box_words(client):
    usual = make_article("Usual")
    own = make_article(
        "Own",
        cta_heading="Ready when you are",
        cta_text="First paragraph <b>here</b>.\n\nSecond paragraph.",
    )

    usual_html = client.get(usual.get_absolute_url()).content.decode()
    own_html = client.get(own.get_absolute_url()).content.decode()

    assert '<h2 id="cta-heading">Ready to begin?</h2>' in usual_html
    assert '<h2 id="cta-heading">Ready when you are</h2>' in own_html
    assert "<p>First paragraph &lt;b&gt;here&lt;/b&gt;.</p>" in own_html
    assert "<p>Second paragraph.</p>" in own_html
    assert "Ready to begin?" not in own_html
    assert own_html.count("Browse our therapists") == 1


def test_the_usual_closing_box_words_are_not_the_seed_articles_closing_words():
    seed = next(spec for spec in demo.read()["article"] if spec["slug"] == SEED_SLUG)
    box = render_to_string("includes/call_to_action.html")
    usual = re.search(r'<h2 id="cta-heading">.*?</h2>\s*<p>(.*?)</p>', box, re.S)[1]

    assert "right fit for you" not in usual
    assert usual not in seed["cta_text"] and "right fit for you" in seed["cta_text"]


def test_unknown_article_is_404(client):
    assert client.get(reverse("articles:detail", args=["nothing-here"])).status_code == 404


def test_article_text_is_escaped_in_titles(client):
    article = make_article(
        "<b>Bold</b> claims", slug="bold-claims", summary='He said "hi" & <i>left</i>'
    )

    html = unescape(client.get(article.get_absolute_url()).content.decode())
    raw = client.get(article.get_absolute_url()).content.decode()

    assert "<b>Bold</b> claims" in html
    assert "<b>Bold</b>" not in raw


def test_related_articles_do_not_repeat_the_previous_and_next_links(client):
    topic = make_topic("Anxiety")
    older = make_article("Older neighbour", topics=[topic], days_ago=20)
    article = make_article("Main", topics=[topic], days_ago=10)
    make_article("Newer neighbour", topics=[topic], days_ago=5)
    make_article("Another related", topics=[topic], days_ago=30)

    html = client.get(article.get_absolute_url()).content.decode()

    related = html[html.index("Related articles") :]
    assert "Another related" in related
    assert "Older neighbour" not in related and "Newer neighbour" not in related
    assert older.get_absolute_url() in html


def test_blog_posting_counts_the_words_a_reader_reads_not_the_markdown(client):
    article = make_article("Counted", body="## A heading\n\n- one two\n- **three**")

    data = _json_ld(client.get(article.get_absolute_url()).content.decode())

    assert data["wordCount"] == 5
