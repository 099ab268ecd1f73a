import io
import json
import re
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.factories import make_article, make_staff_user, make_topic


def test_every_page_says_what_it_is_to_link_previews(client, db):
    article = make_article("Sleeping well")
    pages = {
        reverse("articles:list"): "website",
        reverse("therapists:directory"): "website",
        article.get_absolute_url(): "article",
    }
    for url, kind in pages.items():
        html = client.get(url).content.decode()
        assert html.count('property="og:type"') == 1, url
        assert f'<meta property="og:type" content="{kind}">' in html, url


def test_error_pages_claim_no_canonical_address(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'rel="canonical"' not in html
    assert 'property="og:url"' not in html


def test_a_topic_with_nothing_published_is_kept_out_of_search_engines(client, db):
    empty = make_topic("Grief")
    busy = make_topic("Sleep")
    make_article(topics=[busy])
    make_article(topics=[empty], published=False)
    noindex = '<meta name="robots" content="noindex, follow">'
    assert noindex in client.get(empty.get_absolute_url()).content.decode()
    assert noindex not in client.get(busy.get_absolute_url()).content.decode()


def _meta(html, name):
    """The content of the one <meta> whose property or name is `name`."""
    found = re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)
    assert len(found) == 1, (name, found)
    return found[0]


def _json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )


def test_article_modified_time_is_the_json_ld_date_modified(client, db):
    # Saved a week before it was due to appear: it changed, for readers, when it appeared.
    article = make_article("Written ahead", days_ago=1)
    Article.objects.filter(pk=article.pk).update(updated_at=article.publish_at - timedelta(days=7))

    html = client.get(article.get_absolute_url()).content.decode()

    modified = datetime.fromisoformat(_meta(html, "article:modified_time"))
    assert modified == datetime.fromisoformat(_json_ld(html)["dateModified"])
    assert modified == article.publish_at


def test_preview_page_names_the_articles_public_address(client, db, settings):
    settings.SITE_URL = "https://therapy.example"
    draft = make_article("Not out yet", published=False)
    editor = make_staff_user("editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)

    html = client.get(reverse("articles:preview", args=[draft.pk])).content.decode()

    public = f"https://therapy.example{draft.get_absolute_url()}"
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', html) == [public]
    assert _meta(html, "og:url") == public


def test_public_article_page_names_its_own_address(client, db, settings):
    settings.SITE_URL = "https://therapy.example"
    article = make_article("Out now")

    html = client.get(f"{article.get_absolute_url()}?utm_source=newsletter").content.decode()

    public = f"https://therapy.example{article.get_absolute_url()}"
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', html) == [public]
    assert _meta(html, "og:url") == public


def test_an_article_with_a_hero_image_asks_for_a_large_link_preview(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 800), "teal").save(buffer, "PNG")
    with_image = make_article(
        "With a picture",
        hero_image=SimpleUploadedFile("hero.png", buffer.getvalue(), content_type="image/png"),
        hero_image_alt="A quiet lake at dawn.",
    )
    without = make_article("Words only")

    assert _meta(client.get(with_image.get_absolute_url()).content.decode(), "twitter:card") == (
        "summary_large_image"
    )
    # Without one, the practice's own share picture (1200 x 630) is as large.
    without_html = client.get(without.get_absolute_url()).content.decode()
    assert _meta(without_html, "twitter:card") == "summary_large_image"
    assert "/static/img/share" in _meta(without_html, "og:image")
