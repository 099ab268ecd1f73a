"""The shared pagination include: previous/next links, "Page x of y", other GET params kept."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def _render(page_number, path="/therapists/?modality=cbt&format=online&page=2", **context):
    paginator = Paginator(list(range(30)), 10)
    request = RequestFactory().get(path)
    return render_to_string(
        "includes/pagination.html",
        {"page_obj": paginator.page(page_number), "paginator": paginator, **context},
        request=request,
    )


def test_middle_page_links_both_ways_and_keeps_the_other_parameters():
    html = _render(2)

    assert '<nav class="pagination" aria-label="Pagination">' in html
    assert "Page 2 of 3" in html
    assert 'rel="prev" href="?modality=cbt&amp;format=online&amp;page=1"' in html
    assert 'rel="next" href="?modality=cbt&amp;format=online&amp;page=3"' in html


def test_first_and_last_pages_have_one_link():
    first, last = _render(1), _render(3)

    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_an_explicit_querystring_replaces_the_request_parameters():
    html = _render(2, querystring="concern=grief")

    assert 'rel="next" href="?concern=grief&amp;page=3"' in html
    assert "modality=cbt" not in html


def test_a_single_page_shows_no_pagination():
    paginator = Paginator([1, 2], 10)

    html = render_to_string(
        "includes/pagination.html", {"page_obj": paginator.page(1), "paginator": paginator}
    )

    assert html.strip() == ""
