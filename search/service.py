"""A search, from what was typed to the groups of results a page shows.

What was typed is parsed (query.py) and planned (plan.py: stop words dropped, the site's
vocabulary added); the engine ranks entries by how many of its words or phrases they match.

At most three SQL queries: the results (one statement for every group of results, which also
says how many entries each typed word matched); only when a word matched nothing, the names
whose words may correct it (spelling.py); and only when a correction was found, the results
again with it, kept only if the corrected words match something. A page number past the end of
one kind's results costs one more query (for page one) instead of the corrections.

A search that may come from someone at risk (care.py, on what was typed and on every expanded
or corrected form) shows the crisis box first, and is never corrected.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from search import engines
from search.care import suggests_risk
from search.plan import plan as make_plan
from search.query import MAX_LENGTH, clean, parse
from search.registry import kinds, registrations
from search.spelling import corrections
from search.vocabulary import vocabulary

PER_KIND = 5  # results of each kind on the first page of a search
PER_PAGE = 20  # results on a page of one kind


@dataclass
class Hit:
    card: dict
    excerpt: str
    template: str


@dataclass
class Group:
    kind: str
    label: str
    total: int
    hits: list = field(default_factory=list)
    # More matched than were ranked (search/ranking.py, CANDIDATES): `total` is a lower bound.
    more: bool = False

    link: str = ""

    @property
    def count(self):
        """The total as shown: "300+" when more matched than were ranked."""
        return f"{self.total}+" if self.more else str(self.total)

    @property
    def cut(self):
        return self.total > len(self.hits)


@dataclass
class SearchPage:
    text: str = ""
    was_cut: bool = False
    searchable: bool = False
    risk: bool = False
    kind: str | None = None
    kind_label: str = ""
    page: int = 1
    page_count: int = 1
    moved_to_first_page: bool = False
    groups: list = field(default_factory=list)
    # The query as corrected, when what was typed matched too little and the correction
    # leads to results ("traumma" -> "trauma"): the results shown are the corrected query's.
    corrected: str | None = None
    not_matched: str = ""  # the typed words that were corrected
    max_length: int = MAX_LENGTH

    @property
    def total(self):
        return sum(group.total for group in self.groups)

    def link(self, kind=None, page=1, text=None):
        """The query string of a search for `text` (this one's by default), of `kind`."""
        params = {"q": self.text if text is None else text}
        if kind:
            params["kind"] = kind
        if page > 1:
            params["page"] = page
        return "?" + urlencode(params)

    @property
    def all_link(self):
        return self.link()

    @property
    def previous_link(self):
        return self.link(self.kind, self.page - 1)

    @property
    def next_link(self):
        return self.link(self.kind, self.page + 1)

    @property
    def corrected_link(self):
        return self.link(text=self.corrected) if self.corrected else ""

    @property
    def page_note(self):
        return f", page {self.page} of {self.page_count}" if self.page_count > 1 else ""

    @property
    def count(self):
        """The total as shown: "2009+" when a kind had more matches than were ranked."""
        more = any(group.more for group in self.groups)
        return f"{self.total}+" if more else str(self.total)

    @property
    def counts_text(self):
        """'2 in therapists, 1 in articles'."""
        return ", ".join(f"{group.count} in {group.label.lower()}" for group in self.groups)

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.page_count


def excerpt_html(text):
    """The excerpt, escaped, with the engines' marks turned into <mark>."""
    if engines.MARK_START not in text:
        return ""
    html = escape(text).replace(engines.MARK_START, "<mark>").replace(engines.MARK_END, "</mark>")
    if html.count("<mark>") != html.count("</mark>"):
        return ""
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags added


def _card(card):
    """Links are reversed now (registry.link()); dates are stored as ISO text (`..._at` keys):
    the templates get addresses and datetimes."""
    shown = dict(card)
    for key, value in card.items():
        if isinstance(value, dict) and "reverse" in value:
            try:
                url = reverse(value["reverse"], kwargs=value.get("kwargs") or {})
            except NoReverseMatch:
                url = ""
            query = value.get("query")
            shown[key] = f"{url}?{urlencode(query)}" if url and query else url
        elif key.endswith("_at") and isinstance(value, str):
            try:
                shown[key] = datetime.datetime.fromisoformat(value)
            except ValueError:
                shown[key] = None
    return shown


def kind_exists(kind):
    return kind in kinds()


def search(raw, kind=None, page=1):
    """The SearchPage for what was typed: every kind's first results, or a page of `kind`."""
    text, was_cut = clean(raw)
    plan = make_plan(parse(text))
    known = kinds()
    if kind not in known:
        kind = None
    result = SearchPage(
        text=text,
        was_cut=was_cut,
        searchable=plan.searchable,
        risk=suggests_risk(text, *plan.expanded_texts()),
        kind=kind,
        kind_label=known[kind][0] if kind else "",
        page=page if kind else 1,
    )
    if not plan.searchable:
        return result
    engine = engines.current()
    rows = _rows(engine, plan, kind, page)
    if kind and not rows and page > 1:
        result.page, result.moved_to_first_page = 1, True
        rows = _rows(engine, plan, kind, 1)
    elif not result.moved_to_first_page:
        rows = _corrected(engine, text, plan, rows, kind, page, result)
    result.groups = _groups(rows, known)
    for group in result.groups:
        group.link = result.link(group.kind)
    if kind and result.groups:
        result.page_count = max(1, -(-result.groups[0].total // PER_PAGE))
    return result


def _rows(engine, plan, kind, page):
    if kind:
        return engine.search(plan, kind=kind, start=(page - 1) * PER_PAGE, stop=page * PER_PAGE)
    return engine.search(plan, start=0, stop=PER_KIND)


def _matched(plan, rows):
    """How many matching entries each group of `plan` matched (0 for each when no rows)."""
    return rows[0].matched if rows else [0] * len(plan.groups)


def _corrected(engine, text, plan, rows, kind, page, result):
    """The rows of the corrected query when a typed word matched nothing, a correction was
    found and it matches something; else `rows`. Never for a risk query."""
    if result.risk:
        return rows
    unmatched = [
        group
        for group, count in zip(plan.groups, _matched(plan, rows), strict=True)
        if not count and group.correctable
    ]
    if not unmatched:
        return rows
    # The names beginning like any typed word: "Amelia Hrt" is corrected from "Amelia Hart".
    words = [word for group in plan.groups for word in group.typed]
    found = corrections(text, plan, unmatched, engine.names(words), vocabulary().words)
    if not found:
        return rows
    better = plan.replaced(found)
    corrected_text = better.text
    if suggests_risk(corrected_text, *better.expanded_texts()):
        result.risk = True
        return rows
    corrected_rows = _rows(engine, better, kind, page)
    fixed = set(found.values())
    counts = zip(better.groups, _matched(better, corrected_rows), strict=True)
    if not any(count for group, count in counts if fixed & set(group.typed)):
        return rows
    result.corrected = corrected_text
    result.not_matched = " ".join(typed for typed in found if typed)
    return corrected_rows


def _groups(rows, known):
    by_type = _templates_by_content_type()
    groups = {}
    for row in rows:
        label = known.get(row.kind, (row.kind, 0))[0]
        group = groups.setdefault(row.kind, Group(row.kind, label, row.total, more=row.more))
        group.hits.append(
            Hit(_card(row.card), excerpt_html(row.excerpt), by_type.get(row.content_type_id, ""))
        )
    return [groups[name] for name in known if name in groups]


def _templates_by_content_type():
    """{content type id: the card template of its registration} (content types are cached)."""
    from django.contrib.contenttypes.models import ContentType

    return {
        ContentType.objects.get_for_model(reg.model).pk: reg.template for reg in registrations()
    }
