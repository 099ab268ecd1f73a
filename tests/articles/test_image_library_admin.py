"""The image library's pages in the admin: each row says what it is, a description still to
write is said in words (no red cross for the images that need nothing), and no link leads to a
private original (the web server refuses those addresses)."""

import re

import pytest
from django.urls import reverse

from tests.articles.test_image_library import make_image

pytestmark = pytest.mark.django_db


def _labels(html):
    """The change form's row labels as staff read them ("Image file:", "Preview:", ...)."""
    rows = re.findall(r'<div class="form-row[^"]*">(.*?)</div>\s*</div>', html, re.S)
    labels = [re.search(r"<label[^>]*>(.*?)</label>", row, re.S) for row in rows]
    return [" ".join(re.sub(r"<[^>]+>", "", label.group(1)).split()) for label in labels if label]


def test_the_image_page_labels_the_uploaded_file_and_its_preview_apart(admin_client):
    image = make_image()

    html = admin_client.get(reverse("admin:articles_articleimage_change", args=[image.pk])).text

    labels = _labels(html)
    assert labels[:2] == ["Preview:", "Image file:"]
    assert len(labels) == len(set(labels)), labels


def test_the_image_page_links_to_no_private_original(admin_client):
    image = make_image()
    name = image.image.name.rsplit("/", 1)[-1]

    html = admin_client.get(reverse("admin:articles_articleimage_change", args=[image.pk])).text

    assert "/media/articles/originals/" not in html
    assert f"Currently: {name}" in " ".join(html.split())
    assert f'<img src="{image.image_480.url}"' in html  # the public resized copy, to look at


def test_the_image_list_says_in_words_which_descriptions_are_to_write(admin_client):
    make_image(alt="MAKINGIT_grounding_2765x2081px.jpg")
    make_image(alt="A described picture")

    html = admin_client.get(reverse("admin:articles_articleimage_changelist")).text

    rows = re.findall(r"<tr>(.*?)</tr>", html.split('id="result_list"')[1], re.S)
    to_write = next(row for row in rows if "MAKINGIT_grounding" in row)
    described = next(row for row in rows if "A described picture" in row)
    assert "(a file name: write a description)" in to_write
    assert "write a description" not in described
    assert "icon-no" not in html and "icon-yes" not in html  # no red cross, no green tick
