"""The Checks panel: advice while writing (words, readability, headings, pictures, links)."""

import pytest
from django.urls import reverse

from editing.writing_checks import check
from tests.factories import make_article

BODY = """# A second title

Sleep comes more easily with a routine.

#### Skipped a level

![IMG_2041.jpg](/media/a.jpg) ![Image of a bed](/media/b.jpg) ![](/media/c.jpg)

For more, [click here](https://www.nhs.uk/) or see https://www.nhs.uk/live-well/sleep/ or
[https://example.org/](https://example.org/).

When you have been lying awake for what feels like a very long time and the worries of the day
keep coming back to you again and again, getting up for a while and doing something calm can help.
"""


def test_the_checks_find_what_a_reader_would_trip_over():
    found = check(BODY)
    assert found.words > 50 and found.minutes == 1
    assert any("A second title" in p and "level-1" in p for p in found.headings)
    assert any("Skipped a level" in p and "use ##" in p for p in found.headings)
    assert any("IMG_2041.jpg" in p and "file name" in p for p in found.pictures)
    assert any("Image of a bed" in p for p in found.pictures)
    assert any("no description" in p for p in found.pictures)
    assert any("click here" in p for p in found.links)
    assert any("https://www.nhs.uk/live-well/sleep/" in p and "bare" in p for p in found.links)
    assert any("an address as link text" in p for p in found.links)
    assert found.long_sentences and found.long_sentences[0].startswith("When you have been")


def test_plain_short_sentences_read_as_plain_english():
    found = check("## Sleep\n\nGo to bed at the same time. Get up at the same time. It helps.")
    assert found.plain_enough and found.reading_ease >= 60
    assert not found.headings and not found.links and not found.pictures


@pytest.mark.django_db
def test_the_change_form_shows_the_checks_panel_on_save(admin_client):
    article = make_article("Sleep", body="# Sleep\n\nRead [here](https://www.nhs.uk/).")
    page = admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert 'class="writing-checks"' in page
    assert "Reading ease" in page and "60 or more is plain English" in page
    assert "“here”: say where the link goes instead." in page


@pytest.mark.django_db
def test_the_checks_address_answers_for_text_being_typed(admin_client, client):
    url = reverse("admin:checks")
    answer = admin_client.post(url, {"text": "## Sleep\n\nSee [click here](https://x.org/)."})
    assert answer.status_code == 200
    assert "“click here”: say where the link goes instead." in answer.text
    assert admin_client.get(url).status_code == 405
    assert client.post(url, {"text": "x"}).status_code in (302, 403)  # not signed in
