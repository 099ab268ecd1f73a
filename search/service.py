"""A search, from what was typed to the groups of results a page shows.

At most three SQL queries: the results (one statement for every group); on PostgreSQL, only
when no word matched, the entries whose names are like the words typed (typos); and, only when
nothing matched at all, the names to suggest from. A page number past the end of one kind's
results costs one more query (for page one) instead of the suggestions.
"""

import datetime
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from search import engines
from search.care import suggests_risk
from search.query import MAX_LENGTH, clean, parse
from search.registry import kinds, registrations
from search.suggest import did_you_mean

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

    link: str = ""

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
    suggestion: str | None = None
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
    def suggestion_link(self):
        return self.link(text=self.suggestion) if self.suggestion else ""

    @property
    def page_note(self):
        return f", page {self.page} of {self.page_count}" if self.page_count > 1 else ""

    @property
    def counts_text(self):
        """'2 in therapists, 1 in articles'."""
        return ", ".join(f"{group.total} in {group.label.lower()}" for group in self.groups)

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
    parsed = parse(text)
    known = kinds()
    if kind not in known:
        kind = None
    result = SearchPage(
        text=text,
        was_cut=was_cut,
        searchable=parsed.searchable,
        risk=suggests_risk(text),
        kind=kind,
        kind_label=known[kind][0] if kind else "",
        page=page if kind else 1,
    )
    if not parsed.searchable:
        return result
    engine = engines.current()
    if kind:
        rows = engine.search(parsed, kind=kind, start=(page - 1) * PER_PAGE, stop=page * PER_PAGE)
        if not rows and page > 1:
            result.page, result.moved_to_first_page = 1, True
            rows = engine.search(parsed, kind=kind, start=0, stop=PER_PAGE)
    else:
        rows = engine.search(parsed, start=0, stop=PER_KIND)
    by_type = _templates_by_content_type()
    groups = {}
    for row in rows:
        label = known.get(row.kind, (row.kind, 0))[0]
        group = groups.setdefault(row.kind, Group(row.kind, label, row.total))
        group.hits.append(
            Hit(_card(row.card), excerpt_html(row.excerpt), by_type.get(row.content_type_id, ""))
        )
    result.groups = [groups[name] for name in known if name in groups]
    for group in result.groups:
        group.link = result.link(group.kind)
    if kind and result.groups:
        result.page_count = max(1, -(-result.groups[0].total // PER_PAGE))
    if not rows and not result.moved_to_first_page and not result.risk:
        result.suggestion = did_you_mean(text, engine.names(parsed.plain_words))
    return result


def _templates_by_content_type():
    """{content type id: the card template of its registration} (content types are cached)."""
    from django.contrib.contenttypes.models import ContentType

    return {
        ContentType.objects.get_for_model(reg.model).pk: reg.template for reg in registrations()
    }
