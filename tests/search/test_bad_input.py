"""Whatever is typed into the search box, the page answers 200 (or 404 for a bad page number)
with a clear page, never a 500, on whichever engine runs (run the suite on SQLite and on
PostgreSQL to cover both)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from search.query import MAX_LENGTH, clean, parse
from tests.search.conftest import main_html

pytestmark = pytest.mark.django_db

EXAMPLES = hypothesis_settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    '"',
    '""',
    '"unclosed',
    "*",
    "-",
    "--",
    "- -",
    "-cbt",
    "or",
    "OR",
    "cbt OR",
    "OR OR OR",
    "NEAR(",
    "NEAR(cbt anxiety, 2)",
    "text_a:cbt",
    "cbt:*",
    "^cbt",
    "cbt AND NOT anxiety",
    "(cbt",
    "cbt)",
    "{text_a text_b}: cbt",
    "!cbt & anxiety | <->",
    "cbt:A",
    "\x00",
    "cbt\x00anxiety",
    "%",
    "_",
    "%_%",
    "100%",
    "' OR 1=1--",
    "'; DROP TABLE core_searchentry; --",
    "🙂",
    "🙂 therapy 👩‍👩‍👧",
    "مرحبا بالعالم",
    "\u202ecbt\u202c",
    "שלום cbt",
    "ＣＢＴ",
    "ﬁnding",
    "...",
    "?!",
    "\\",
    "\\x00",
    "<script>alert(1)</script>",
    "a" * 3000,
    "cbt " * 300,
    # Ten different words (the most a search counts), each common, and words left out: the
    # statement stays within what SQLite accepts however many words there are.
    'anxiety grief trauma sleep work stress anger eating depression healing -cbt -"a b"',
]


def get(client, q, **params):
    return client.get(reverse("search"), {"q": q, **params})


@pytest.mark.parametrize("q", NASTY)
def test_awkward_queries_answer_a_clear_page(client, site, q):
    response = get(client, q)
    assert response.status_code == 200
    html = main_html(response)
    assert "<script>" not in html
    assert "Search" in html


@given(
    q=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=250
    ),
    kind=st.sampled_from(["", "articles", "therapists", "topics", "modalities", "x"]),
)
@EXAMPLES
@example(q='NEAR("a" "b") OR * : -', kind="")
@example(q="\x00\x01\x02", kind="articles")
def test_any_text_answers_200_never_500(client, site, q, kind):
    response = get(client, q, kind=kind)
    assert response.status_code == 200


@given(
    q=st.lists(
        st.sampled_from(['"', "-", "*", ":", "NEAR(", "OR", "or", "AND", "NOT", "(", ")", "^",
                         "%", "_", "cbt", "anxiety", "!", "&", "|", "<->", "'", "\x00", "🙂"]),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
@EXAMPLES
def test_any_mix_of_query_syntax_answers_200(client, site, q):
    assert get(client, q).status_code == 200


def test_a_long_query_is_cut_with_a_note(client, site):
    html = main_html(get(client, "cbt " * 100))
    assert f"only the first {MAX_LENGTH} were used" in html
    assert "Cognitive Behavioural Therapy (CBT)" in html
    text, was_cut = clean("x" * 500)
    assert was_cut and len(text) == MAX_LENGTH


def test_operators_alone_have_nothing_to_look_for(client, site):
    for q in ["-cbt", "OR", "*", '""', "%_"]:
        html = main_html(get(client, q))
        assert "Nothing found" not in html
        assert "Type a word or a name to look for" in html or 'value=""' in html


def test_the_parser_keeps_words_phrases_exclusions_and_alternatives():
    parsed = parse('mindful "first session" -work or grief')
    first, second = parsed.alternatives
    assert [(t.words, t.phrase, t.negated) for t in first.terms] == [
        (("mindful",), False, False),
        (("first", "session"), True, False),
        (("work",), False, True),
    ]
    assert [t.words for t in second.terms] == [("grief",)]
    assert parse("NEAR( * : %").alternatives == [parse("near").alternatives[0]]
