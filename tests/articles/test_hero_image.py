"""Hero images are resized on upload; pages show the rendition with its size, never the original."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import HERO_WIDTH, Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def _png(width, height, name="hero.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _with_hero(width, height):
    return make_article(hero_image=_png(width, height), hero_image_alt="A quiet lake at dawn.")


def test_large_hero_image_is_scaled_down_to_a_webp_rendition():
    article = _with_hero(2400, 1200)

    assert (article.hero_image_width, article.hero_image_height) == (HERO_WIDTH, 600)
    assert article.hero_image_display.name.endswith(".webp")
    with Image.open(article.hero_image_display.path) as rendition:
        assert rendition.format == "WEBP"
        assert rendition.size == (HERO_WIDTH, 600)


def test_small_hero_image_is_not_enlarged():
    article = _with_hero(640, 320)

    assert (article.hero_image_width, article.hero_image_height) == (640, 320)


def test_article_page_shows_the_rendition_with_its_size_and_alt_text(client):
    article = _with_hero(2400, 1200)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'src="{article.hero_image_display.url}"' in html
    assert 'alt="A quiet lake at dawn."' in html
    assert f'width="{HERO_WIDTH}" height="600"' in html
    assert article.hero_image.url not in html
    assert '<meta property="og:image" content="http' in html


def test_saving_again_keeps_the_rendition_and_clearing_the_image_removes_it():
    article = _with_hero(2400, 1200)
    rendition = article.hero_image_display.name

    article.title = "A new title"
    article.save()
    assert Article.objects.get(pk=article.pk).hero_image_display.name == rendition

    article.hero_image = None
    article.save()
    article.refresh_from_db()
    assert not article.hero_image_display
    assert article.hero_image_width is None


def test_body_saved_with_update_fields_is_rendered_too():
    article = make_article(body="Old words.")

    article.body = "## New heading"
    article.save(update_fields=["body"])

    article.refresh_from_db()
    assert article.body_html == '<h2 id="section-new-heading">New heading</h2>'


def test_a_transparent_png_stays_transparent_not_black():
    buffer = io.BytesIO()
    image = Image.new("RGBA", (800, 400), (0, 0, 0, 0))  # a logo on a transparent canvas
    image.paste((200, 30, 30, 255), (200, 100, 600, 300))
    image.save(buffer, "PNG")
    upload = SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")

    article = make_article(hero_image=upload, hero_image_alt="The practice's logo.")

    with Image.open(article.hero_image_display.path) as rendition:
        assert rendition.mode == "RGBA"
        assert rendition.getpixel((0, 0))[3] == 0  # the corner is see-through, not black
        assert rendition.getpixel((400, 200))[:3] == pytest.approx((200, 30, 30), abs=8)


def test_an_opaque_photo_stays_without_an_alpha_channel():
    article = _with_hero(800, 400)

    with Image.open(article.hero_image_display.path) as rendition:
        assert rendition.mode == "RGB"
