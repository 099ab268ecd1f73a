from django.urls import reverse

from tests.factories import make_article, make_topic


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
