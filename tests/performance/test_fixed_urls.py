"""{% fixed_url %}: the navigation's addresses, worked out once per process, stay right."""

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

TEMPLATE = (
    "{% load fixed_urls %}{% fixed_url 'articles:list' %}|{% fixed_url 'home' as h %}[{{ h }}]"
)


def render():
    return engines["django"].from_string(TEMPLATE).render({})


def test_fixed_url_gives_the_same_address_as_reverse_every_time():
    expected = f"{reverse('articles:list')}|[{reverse('home')}]"

    assert render() == expected
    assert render() == expected


def test_fixed_url_follows_the_script_prefix_of_a_site_mounted_under_a_path():
    render()
    set_script_prefix("/practice/")
    try:
        assert render() == "/practice/articles/|[/practice/]"
    finally:
        set_script_prefix("/")
    assert render() == "/articles/|[/]"


def test_fixed_url_with_an_unknown_name_fails_like_url():
    template = engines["django"].from_string("{% load fixed_urls %}{% fixed_url 'nope' %}")

    with pytest.raises(NoReverseMatch):
        template.render({})
