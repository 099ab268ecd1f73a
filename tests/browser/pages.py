"""Every public page type, as (name, path) pairs, for the accessibility and layout checks."""

from datetime import UTC, datetime

from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Topic
from articles.views import ARTICLES_PER_PAGE
from tests.factories import make_article
from therapists.models import Modality, Therapist

SEED_SLUG = "the-space-between-coping-and-healing"
# The demo has fewer articles (and therapists) than fill a page, so this page type is the only
# one with previous/next links (templates/includes/pagination.html).
PAGINATED = "article-list-page-2"


def page_types():
    """One address per page type, taken from the demo content on the live site.

    The first call adds enough older articles for the article list to have a second page.
    """
    _add_articles_for_a_second_page()
    topic = Topic.objects.filter(articles__in=Article.objects.published()).first()
    therapist = Therapist.objects.listed().first()
    modality = Modality.objects.get(slug="cbt")
    pages = [
        ("home", reverse("home")),
        ("article-list", reverse("articles:list")),
        (PAGINATED, reverse("articles:list") + "?page=2"),
        ("article", Article.objects.published().get(slug=SEED_SLUG).get_absolute_url()),
        ("topic", topic.get_absolute_url()),
        ("directory", reverse("therapists:directory")),
        ("directory-filtered", reverse("therapists:directory") + "?modality=cbt&format=online"),
        ("help-me-choose", reverse("therapists:choose")),
        # Nobody works with anxiety in Polish: the answer to relax and the nearest matches.
        (
            "directory-nearest",
            reverse("therapists:directory") + "?concern=anxiety&language=polish&guided=1",
        ),
        ("profile", therapist.get_absolute_url()),
        # First step, families and young people's ages, access, two checked registrations.
        ("profile-first-step", reverse("therapists:profile", args=["priya-raman"])),
        # Availability not confirmed for 45 days: "Ask about availability".
        ("profile-ask", reverse("therapists:profile", args=["tom-ashworth"])),
        (
            "directory-reduced-fee",
            reverse("therapists:directory") + "?reduced_fee=1&works_with=couples&accepting=1",
        ),
        # Past its review date: the "due for review" note.
        ("article-review-due", Article.objects.get(slug="how-cbt-works").get_absolute_url()),
        ("article-support-box", _article_with_support_box().get_absolute_url()),
        ("editorial-policy", reverse("editorial:policy")),
        ("report-problem", reverse("enquiries:report_problem") + f"?page=/articles/{SEED_SLUG}/"),
        ("modality-list", reverse("therapists:modalities")),
        ("modality", modality.get_absolute_url()),
        ("contact", reverse("enquiries:contact")),
        ("privacy", reverse("enquiries:privacy")),
        ("not-found", "/no-such-page/"),
        ("search", reverse("search") + "?q=cbt"),
        ("search-nothing-found", reverse("search") + "?q=zzyzx"),
        ("search-crisis", reverse("search") + "?q=self+harm"),
    ]
    return pages


def _article_with_support_box():
    """An article mentioning suicide, so published with its support box on."""
    slug = "living-with-a-loss-by-suicide"
    article = Article.objects.filter(slug=slug).first()
    return article or make_article(
        "Living with a loss by suicide",
        slug=slug,
        body="## After a death by suicide\n\nGrief after someone has died by suicide can "
        "bring guilt, anger and questions that have no answer.",
        show_support_box=True,
        publish_at=datetime(2023, 12, 1, 9, tzinfo=UTC),
    )


def _add_articles_for_a_second_page():
    """A page's worth of published articles and one more, dated before any demo article so
    that the home page and the first page of the list look as they did."""
    existing = set(
        Article.objects.filter(slug__startswith="from-the-archive-").values_list("slug", flat=True)
    )
    for number in range(1, ARTICLES_PER_PAGE + 2):
        slug = f"from-the-archive-{number}"
        if slug not in existing:
            make_article(
                f"From the archive, part {number}",
                slug=slug,
                publish_at=datetime(2024, 1, number, 9, tzinfo=UTC),
            )


def assert_pagination_shown(page):
    """The page shows the previous/next links, so a check of it covers them."""
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination).to_be_visible()
    expect(pagination).to_contain_text("Page 2 of 2")
    expect(pagination.get_by_role("link", name="Previous page")).to_be_visible()
