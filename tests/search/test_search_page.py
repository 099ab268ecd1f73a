"""The search page: one box, results grouped by kind, relevance, on either engine."""

import re

import pytest
from django.urls import reverse

from search import service
from tests.factories import make_article, make_therapist
from tests.search.conftest import main_html

pytestmark = pytest.mark.django_db


def search(client, q, **params):
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == 200
    return response


def group_titles(html):
    return [title.strip() for title in re.findall(r'<h2 id="search-group-[a-z]+">([^<]+)<', html)]


def result_links(html, kind):
    section = html.split(f'id="search-group-{kind}"')[1].split("</section>")[0]
    return re.findall(r'class="card__title"><a href="([^"]+)"', section)


def test_every_page_has_a_labelled_search_box_in_its_header(client, site):
    html = client.get(site["coping"].get_absolute_url()).content.decode()
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    assert '<search class="site-search" aria-label="Site">' in header
    assert f'<form action="{reverse("search")}" method="get">' in header
    assert '<label class="visually-hidden" for="site-search-q">' in header
    assert 'id="site-search-q" name="q"' in header
    assert "<script src" not in html


def test_the_seed_article_comes_first_among_articles_for_coping(client, site):
    html = main_html(search(client, "coping"))
    links = result_links(html, "articles")
    # Its title says "Coping"; the other only mentions it in its body.
    assert links[:2] == [site["coping"].get_absolute_url(), site["body_only"].get_absolute_url()]


def test_a_surname_finds_the_therapists_profile(client, site):
    html = main_html(search(client, "Hart"))
    assert result_links(html, "therapists") == [site["amelia"].get_absolute_url()]
    assert "Accepting new clients" in html
    assert "Cognitive Behavioural Therapy (CBT), Mindfulness-based therapy" in html


def test_cbt_finds_the_approach_its_therapists_and_articles_in_that_order(client, site):
    html = main_html(search(client, "CBT"))
    assert group_titles(html) == ["Therapists", "Approaches", "Articles"]
    assert site["amelia"].get_absolute_url() in result_links(html, "therapists")
    assert result_links(html, "modalities") == [site["cbt"].get_absolute_url()]
    assert result_links(html, "articles")[0] == site["cbt_article"].get_absolute_url()


def test_a_word_finds_longer_words_it_begins_and_stems(client, site):
    html = main_html(search(client, "mindful"))
    assert site["mindfulness"].get_absolute_url() in result_links(html, "modalities")
    html = main_html(search(client, "copes"))  # stemmed: cope, coping
    assert site["coping"].get_absolute_url() in html


def test_quotes_find_a_phrase_and_a_minus_leaves_a_word_out(client, site):
    html = main_html(search(client, '"hold things together"'))
    assert result_links(html, "articles") == [site["coping"].get_absolute_url()]
    html = main_html(search(client, '"things hold together"'))
    assert "Nothing found" in html
    html = main_html(search(client, "coping -sleep"))
    assert result_links(html, "articles") == [site["coping"].get_absolute_url()]


def test_the_query_stays_in_the_box_and_counts_are_given_per_kind(client, site):
    html = main_html(search(client, "anxiety"))
    assert 'name="q" value="anxiety"' in html
    summary = " ".join(
        re.search(r'<p class="search-summary">(.*?)</p>', html, re.S).group(1).split()
    )
    assert re.match(r"\d+ results? for “anxiety”: ", summary)
    assert "in therapists" in summary and "in topics and concerns" in summary


def test_topics_and_concerns_are_one_group_linking_to_their_pages(client, site):
    html = main_html(search(client, "anxiety"))
    links = result_links(html, "topics")
    assert site["worry"].get_absolute_url() in links
    assert f"{reverse('therapists:directory')}?concern=anxiety" in links


def test_a_cut_group_links_to_all_of_its_results_page_by_page(client, site):
    for i in range(27):
        make_article(f"Coping note {i}", body="coping", days_ago=40 + i)
    html = main_html(search(client, "coping"))
    assert len(result_links(html, "articles")) == service.PER_KIND
    more = re.search(r'class="search-group__more" href="([^"]+)">See all (\d+) in articles', html)
    assert more.group(2) == "29"
    page_one = main_html(client.get(reverse("search") + more.group(1).replace("&amp;", "&")))
    assert len(result_links(page_one, "articles")) == service.PER_PAGE
    assert "page 1 of 2" in page_one
    next_link = re.search(r'rel="next" href="([^"]+)"', page_one).group(1).replace("&amp;", "&")
    page_two = main_html(client.get(reverse("search") + next_link))
    assert len(result_links(page_two, "articles")) == 9
    assert 'rel="prev"' in page_two and 'rel="next"' not in page_two
    # A page past the end (results went away) shows the first page, not a dead end.
    past = main_html(search(client, "coping", kind="articles", page="9"))
    assert "this is the first page" in past
    assert len(result_links(past, "articles")) == service.PER_PAGE


def test_excerpts_highlight_the_words_found_and_escape_the_rest(client, site):
    make_article("Angle brackets", body="coping with <b>bold</b> & <script>x</script> text")
    html = main_html(search(client, "angle coping"))
    assert "<mark>coping</mark>" in html.lower()
    assert "<script>" not in html and "<b>" not in html


def test_an_unknown_kind_shows_every_kind_and_a_bad_page_is_404(client, site):
    html = main_html(search(client, "CBT", kind="nonsense"))
    assert len(group_titles(html)) == 3
    assert client.get(reverse("search"), {"q": "CBT", "page": "x"}).status_code == 404


def test_the_empty_page_shows_the_box_and_ways_in(client, site):
    html = main_html(search(client, ""))
    assert 'id="search-q" name="q" value=""' in html
    assert reverse("therapists:directory") in html and reverse("enquiries:contact") in html


def test_nothing_found_offers_the_crisis_line_directory_and_contact(client, site):
    html = main_html(search(client, "xylophone"))
    assert "Nothing found for “xylophone”" in html
    assert "Samaritans" in html
    assert reverse("therapists:directory") in html and reverse("enquiries:contact") in html


@pytest.mark.parametrize(
    "typed, meant",
    [("anxeity", "Anxiety"), ("mindfullness", "mindfulness"),
     ("psychodynamik", "psychodynamic"), ("Amelia Hrt", "Amelia Hart"),
     ("Amelai Hratt", "Amelia Hart"), ("traumma", "Cognitive behavioural")],
)  # fmt: skip
def test_typos_find_what_they_mean_on_either_engine(client, site, typed, meant):
    if typed == "traumma":
        make_article("Trauma and the body", body="Cognitive behavioural ideas about trauma.")
    html = main_html(search(client, typed))
    assert "Nothing found" not in html
    assert meant.casefold() in html.casefold()


def test_a_corrected_query_says_what_it_shows_and_links_to_it(client, site):
    html = main_html(search(client, "Amelia Hrt"))
    corrected = re.search(r'Showing results for <a href="([^"]+)">([^<]+)</a>', html)
    assert corrected.group(2) == "amelia hart"
    assert "nothing matched “hrt”" in html
    assert result_links(html, "therapists")[0] == site["amelia"].get_absolute_url()


def test_a_correction_is_only_offered_when_it_leads_to_results(client, site):
    # "Hoarding" is a concern no listed therapist helps with: not visible, so never offered.
    html = main_html(search(client, "hoardng"))
    assert "Nothing found" in html and "Showing results for" not in html
    assert "oarding" not in html.split("Nothing found", 1)[1]


def test_a_persons_name_is_only_offered_when_the_query_looks_like_a_name(client, site):
    html = main_html(search(client, "okafr"))  # lower-case, no other name: not a name
    assert "Showing results for" not in html
    html = main_html(search(client, "Okafr"))  # capitalised: may be a name
    assert "Showing results for <a" in html and "okafor" in html.casefold()


def test_anxeity_finds_the_anxiety_concern_and_topic_on_either_engine(client, site):
    html = main_html(search(client, "anxeity"))
    links = result_links(html, "topics")
    # The concern (its link lists the therapists who help with it) and the topic.
    assert f"{reverse('therapists:directory')}?concern=anxiety" in links
    assert site["worry"].get_absolute_url() in links


def test_saving_renaming_and_deleting_keep_the_index_up_to_date(client, site):
    amelia = site["amelia"]
    amelia.name = "Amelia Hartwell-Brown"
    amelia.save()
    assert "Hartwell-Brown" in main_html(search(client, "Hartwell"))
    # Renaming an approach renames it on the therapists' results too.
    cbt = site["cbt"]
    cbt.name = "Cognitive therapy (CBT-I)"
    cbt.save()
    assert "Cognitive therapy (CBT-I)" in main_html(search(client, "Hartwell"))
    # Linking a new approach makes the therapist findable by it.
    amelia.modalities.add(site["mindfulness"])
    therapist = make_therapist("Nadia Pell")
    assert therapist.get_absolute_url() not in main_html(search(client, "psychodynamic"))
    therapist.modalities.set([site["cbt"]])
    site["cbt"].therapists.add(therapist)
    assert therapist.get_absolute_url() in main_html(search(client, "CBT"))
    therapist.delete()
    assert "Nadia Pell" not in main_html(search(client, "Nadia"))
