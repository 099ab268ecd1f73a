"""Pictures inside articles: the image library and `![alt](image:42)` in the text."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import ArticleImage
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def upload(width=1600, height=900, name="room.jpg"):
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 180, 150)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def make_image(**fields):
    fields.setdefault("alt", "Two chairs by a window")
    return ArticleImage.objects.create(image=upload(), **fields)


def test_an_image_placed_in_the_text_shows_as_a_figure_with_resized_copies(client):
    image = make_image(caption="The quiet room.", credit="Photo: Sam Lee")
    article = make_article("With a picture", body=f"Before.\n\n{image.markdown}\n\nAfter.")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<figure><img " in html
    assert f'src="{image.image_1200.url}"' in html
    assert f"{image.image_480.url} 480w, {image.image_800.url} 800w" in html
    assert 'width="1200"' in html and 'height="675"' in html and 'loading="lazy"' in html
    assert 'alt="Two chairs by a window"' in html
    assert "<figcaption>The quiet room. Photo: Sam Lee</figcaption>" in html
    assert "articles/originals" not in html


def test_a_small_image_offers_only_the_sizes_it_has():
    image = ArticleImage.objects.create(image=upload(600, 400), alt="A small picture")

    resolved = image.resolved()

    assert resolved.srcset == f"{image.image_480.url} 480w, {image.image_800.url} 600w"
    assert (resolved.width, resolved.height) == (600, 400)


def test_images_typed_by_address_or_unknown_references_are_removed():
    article = make_article(
        "No outside pictures",
        body="![x](https://tracker.example/pixel.png)\n\n![y](image:999)\n\n"
        '<img src="/media/articles/library/a.webp" alt="raw">',
    )

    assert "<img" not in article.body_html


def test_changing_or_deleting_an_image_updates_the_articles_showing_it():
    image = make_image()
    article = make_article("Shows it", body=image.markdown)
    image.caption = "A new caption"
    image.save()
    article.refresh_from_db()
    assert "A new caption" in article.body_html

    image.delete()

    article.refresh_from_db()
    assert "<img" not in article.body_html


def test_deleting_an_image_a_published_article_shows_warns_first(admin_client):
    image = make_image()
    make_article("Live article", body=image.markdown)

    page = admin_client.get(reverse("admin:articles_articleimage_delete", args=[image.pk]))

    assert "Published articles show this image" in page.content.decode()
    assert "Live article" in page.content.decode()


def test_the_library_asks_for_a_description_not_a_file_name(admin_client):
    response = admin_client.post(
        reverse("admin:articles_articleimage_add"),
        {"image": upload(), "alt": "IMG_1234.jpg", "caption": "", "credit": ""},
    )

    assert response.status_code == 200
    assert "This is a file name" in response.content.decode()
    assert not ArticleImage.objects.exists()


def test_imported_file_name_descriptions_are_listed_for_staff_to_write(admin_client):
    make_image(alt="MAKINGIT_grounding_2765x2081px.jpg")
    make_image(alt="A described picture")

    page = admin_client.get(reverse("admin:articles_articleimage_changelist") + "?alt=to-write")

    html = page.content.decode()
    assert "MAKINGIT_grounding_2765x2081px.jpg" in html
    assert "A described picture" not in html
    assert ArticleImage.objects.alt_to_write().count() == 1
