"""Two search engines behind one interface; the database in use decides which runs.

- PostgreSQL: `SearchEntry.vector`, a stored tsvector (weights A, B, C, English stemming) with a
  GIN index; `SearchQuery(search_type="websearch")` or'ed with a prefix query, `SearchRank`,
  `SearchHeadline` for excerpts, and pg_trgm's word similarity on the short fields, so
  "anxeity" finds "Anxiety".
- SQLite: the FTS5 table `core_search_fts` (porter stemming), `bm25()` with the same weights
  and `snippet()` for excerpts.

Either way a page of results is one SQL statement: the matching entries, only those whose
object is in its app's visibility queryset, ranked within each kind, counted per kind, and cut
to the rows shown; excerpts are made for those rows only.
"""

import json
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector
from django.db import OperationalError, connection
from django.db.models import BooleanField, Exists, F, OuterRef, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query

from search import fts5, ranking
from search.models import SearchEntry
from search.plan import Plan
from search.ranking import MORE, candidates_sql, ranked_sql
from search.registry import registrations

# Marks around matched words in excerpts, turned into <mark> after escaping the text.
MARK_START = "\x02"
MARK_END = "\x03"
# bm25 column weights for text_a, text_b, text_c (SQLite); ts_rank's A, B, C weights follow
# the same proportions (PostgreSQL).
BM25_WEIGHTS = (10.0, 4.0, 1.0)
RANK_WEIGHTS = [0.05, 0.1, 0.4, 1.0]  # D, C, B, A
EXCERPT_WORDS = 24
# At most this many names are compared with what was typed, for "Did you mean".
NAMES_LIMIT = 500
# The words PostgreSQL's English configuration leaves out of every vector (its english.stop).
# A group made only of them ("who", "between") is looked for in titles instead, so that such
# a query finds what it finds on SQLite, whose index keeps every word.
_UNINDEXED = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against
    between into through during before after above below to from up down in out on off over
    under again further then once here there when where why how all any both each few more
    most other some such no nor not only own same so than too very s t can will just don
    should now
"""
UNINDEXED = frozenset(_UNINDEXED.split())


@dataclass
class Row:
    kind: str
    content_type_id: int
    object_id: int
    card: dict
    total: int
    excerpt: str
    matched: list  # per group of the plan: how many matching entries it matched
    more: bool = False  # the kind had more matches than were ranked: `total` is a lower bound


def _content_types():
    return {
        reg.label_lower: ContentType.objects.get_for_model(reg.model) for reg in registrations()
    }


def _visible_exists(reg):
    """EXISTS: the entry's object is in its app's visibility queryset. Correlated on the
    object's primary key, so each matching entry costs one index lookup, however much content
    there is (an IN list would be built from every visible object on each search)."""
    return Exists(reg.visible().order_by().filter(pk=OuterRef("object_id")).values("pk"))


class Engine:
    vendor = None

    # -- writing ---------------------------------------------------------------------------

    def write(self, reg, pk, document):
        content_type = ContentType.objects.get_for_model(reg.model)
        updated = SearchEntry.objects.filter(content_type=content_type, object_id=pk).update(
            **document, **self.vector_update(document)
        )
        if not updated:
            SearchEntry.objects.create(content_type=content_type, object_id=pk, **document)
            self.after_create(content_type, pk, document)

    def remove(self, reg, pk):
        content_type = ContentType.objects.get_for_model(reg.model)
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()

    def vector_update(self, document):
        return {}

    def after_create(self, content_type, pk, document):
        pass

    def after_rebuild(self):
        pass

    # -- reading ---------------------------------------------------------------------------

    @staticmethod
    def compile(expression_or_q):
        """SQL and parameters for an expression or Q over SearchEntry (its table unaliased)."""
        query = Query(SearchEntry)
        compiler = query.get_compiler(connection=connection)
        if isinstance(expression_or_q, Q):
            node = query.build_where(expression_or_q)
        else:
            node = expression_or_q.resolve_expression(query, allow_joins=False)
        return node.as_sql(compiler, connection)

    def search(self, plan, *, kind=None, start=0, stop=5):
        """Rows ranked within each kind: positions start..stop-1 of each kind (or of `kind`),
        each with how many matching entries (of that kind, or of all) each group of `plan`
        matched."""
        raise NotImplementedError

    def names(self, words, similar=None):
        """(title, is_person) of visible entries whose names are used to correct typos and
        that have a word beginning like one of `words` (its first two letters): a typo is
        rarely in the first letters, and this keeps the list short however many therapists
        there are."""
        starts = self._starts(words)
        if not starts:
            return []
        like = Q(pk__in=[]) if similar is None else similar
        for start in starts:
            like |= Q(title__istartswith=start) | Q(title__icontains=f" {start}")
        people = self._people_kinds()
        return [
            (title, kind in people)
            for title, kind in SearchEntry.objects.filter(like, kind__in=self._suggested_kinds())
            .filter(self._suggested())
            .order_by()
            .values_list("title", "kind")[:NAMES_LIMIT]
        ]

    @staticmethod
    def _starts(words):
        return sorted({word[:2] for word in words if len(word) >= 2})[:10]

    @staticmethod
    def _suggested_kinds():
        return sorted({reg.kind for reg in registrations() if reg.suggest})

    @staticmethod
    def _people_kinds():
        return {reg.kind for reg in registrations() if reg.people}

    @staticmethod
    def _suggested():
        condition = Q(pk__in=[])
        types = _content_types()
        for reg in registrations():
            if reg.suggest:
                condition |= Q(content_type_id=types[reg.label_lower].pk) & Q(_visible_exists(reg))
        return condition

    def _rows(self, sql, params, size):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        rows = []
        for kind, content_type_id, object_id, card, total, excerpt, more, *counts in fetched:
            if isinstance(card, str):
                card = json.loads(card)
            rows.append(
                Row(
                    kind,
                    content_type_id,
                    object_id,
                    card,
                    total,
                    excerpt or "",
                    counts[:size],
                    bool(more),
                )
            )
        return rows


class SQLiteEngine(Engine):
    vendor = "sqlite"

    @staticmethod
    def _term(alternative):
        """An FTS5 phrase: the words quoted (FTS5 syntax typed by a visitor is only text)."""
        quoted = '"' + " ".join(alternative.words) + '"'
        return quoted + " *" if alternative.prefix else quoted

    @classmethod
    def group_expression(cls, group):
        return "(" + " OR ".join(cls._term(a) for a in group.matching) + ")"

    @classmethod
    def match_expression(cls, plan):
        """An FTS5 query: any group, none of the words left out."""
        expression = "(" + " OR ".join(cls.group_expression(g) for g in plan.groups) + ")"
        for alternative in plan.excluded:
            expression = f"({expression}) NOT {cls._term(alternative)}"
        return expression

    def search(self, plan, *, kind=None, start=0, stop=5):
        if not plan.groups:
            return []
        types = _content_types()
        sql, params = fts5.statement(
            groups=[self.group_expression(group) for group in plan.groups],
            full=self.match_expression(plan),
            excluded=[self._term(alternative) for alternative in plan.excluded],
            weights=", ".join(str(weight) for weight in BM25_WEIGHTS),
            excerpt=(2, EXCERPT_WORDS, MARK_START, MARK_END),
            registrations=[
                (reg, types[reg.label_lower].pk, Q(_visible_exists(reg))) for reg in registrations()
            ],
            kind=kind,
            compile=self.compile,
            window=(start, stop),
        )
        try:
            return self._rows(sql, params, len(plan.groups))
        except OperationalError as error:
            if "fts5" in str(error):  # cannot happen with match_expression(); never a 500
                return []
            raise

    def after_rebuild(self):
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO core_search_fts(core_search_fts) VALUES ('rebuild')")

    def names(self, words):
        """As Engine.names(), found through the FTS index (titles and names are text_a), so
        the cost follows the names that begin alike, not the number of entries."""
        starts = self._starts(words)
        if not starts:
            return []
        match = "{text_a} : (" + " OR ".join(f'"{start}" *' for start in starts) + ")"
        visible_sql, visible_params = self.compile(self._suggested())
        kinds = self._suggested_kinds()
        sql = f"""
            SELECT core_searchentry.title, core_searchentry.kind FROM core_search_fts
            JOIN core_searchentry ON core_searchentry.id = core_search_fts.rowid
            WHERE core_search_fts MATCH %s
                AND core_searchentry.kind IN ({", ".join(["%s"] * len(kinds))})
                AND {visible_sql}
            LIMIT {NAMES_LIMIT}
        """  # noqa: S608 - SQL compiled by Django and constants; the words are parameters
        people = self._people_kinds()
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *kinds, *visible_params])
            return [(title, kind in people) for title, kind in cursor.fetchall()]


def _vector(source):
    return (
        SearchVector(source("text_a"), weight="A", config="english")
        + SearchVector(source("text_b"), weight="B", config="english")
        + SearchVector(source("text_c"), weight="C", config="english")
    )


class PostgresEngine(Engine):
    vendor = "postgresql"

    def vector_update(self, document):
        return {"vector": _vector(lambda name: Value(document[name]))}

    def after_create(self, content_type, pk, document):
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).update(
            vector=_vector(F)
        )

    def after_rebuild(self, batch=500):
        # In batches: one UPDATE of every entry could outlast DB_STATEMENT_TIMEOUT_MS.
        ids = list(SearchEntry.objects.order_by("pk").values_list("pk", flat=True))
        for first in range(0, len(ids), batch):
            chunk = ids[first : first + batch]
            SearchEntry.objects.filter(pk__gte=chunk[0], pk__lte=chunk[-1]).update(
                vector=_vector(F)
            )

    @staticmethod
    def _term(alternative):
        text = " <-> ".join(alternative.words)
        return f"({text}:*)" if alternative.prefix else f"({text})"

    @classmethod
    def group_query(cls, group):
        """A to_tsquery() text: any alternative of the group (words only: no syntax typed by
        a visitor ever reaches it, see query.py)."""
        return " | ".join(cls._term(a) for a in group.matching)

    @classmethod
    def match_query(cls, plan):
        query = " | ".join(f"({cls.group_query(g)})" for g in plan.groups)
        for alternative in plan.excluded:
            query = f"({query}) & !{cls._term(alternative)}"
        return query

    def _candidates_sql(self, kind, branches):
        """search.ranking.candidates_sql() over the registrations."""
        types = _content_types()
        regs = [(reg, types[reg.label_lower].pk, _visible_exists(reg)) for reg in registrations()]
        return candidates_sql(regs, kind, branches, self.compile, self._entries)

    @staticmethod
    def _entries(content_type, limited):
        """A limited part reads only the newest entries of its content type (ten times
        CANDIDATES), newest first, whatever the planner estimates of the match (it cannot):
        with that LIMIT the planner walks the index on (content type, object id) instead of
        sorting every entry of the model (search/ranking.py)."""
        if not limited:
            return "core_searchentry"
        return (
            f"(SELECT * FROM core_searchentry WHERE content_type_id = {int(content_type)} "  # noqa: S608
            f"ORDER BY object_id DESC LIMIT {ranking.CANDIDATES * 10}) AS core_searchentry"
        )

    @classmethod
    def indexed(cls, group):
        """Whether any word of the group is in the vectors (see UNINDEXED)."""
        return any(word not in UNINDEXED for a in group.matching for word in a.words)

    @staticmethod
    def title_pattern(group):
        """A regular expression for titles holding any alternative of the group, as words."""
        return "|".join(
            r"\m" + r"\s+".join(re.escape(word) for word in a.words) + ("" if a.prefix else r"\M")
            for a in group.matching
        )

    def group_condition(self, group):
        """SQL and its parameter: the entry matches the group."""
        if self.indexed(group):
            return "core_searchentry.vector @@ to_tsquery('english', %s)", self.group_query(group)
        return "core_searchentry.title ~* %s", self.title_pattern(group)

    def search(self, plan, *, kind=None, start=0, stop=5):
        if not plan.groups:
            return []
        size = len(plan.groups)
        conditions = [self.group_condition(group) for group in plan.groups]
        indexed = [group for group in plan.groups if self.indexed(group)]
        tsquery = "to_tsquery('english', %s)"
        # The indexed groups, for ranking and excerpts (all of them, most of the time).
        match = self.match_query(Plan(indexed, plan.excluded)) if indexed else None
        if len(indexed) == size:  # the common case: one query the GIN index answers
            where_sql, where_params = f"core_searchentry.vector @@ {tsquery}", [match]
        else:
            where_sql = " OR ".join(f"({sql})" for sql, _ in conditions)
            where_sql = f"({where_sql})" + "".join(
                f" AND NOT core_searchentry.vector @@ {tsquery}" for _ in plan.excluded
            )
            where_params = [param for _, param in conditions]
            where_params += [self._term(alternative) for alternative in plan.excluded]
        weights = "'{" + ",".join(str(w) for w in RANK_WEIGHTS) + "}'"
        matched_sql = "".join(f", ({sql})::int AS m{i}" for i, (sql, _) in enumerate(conditions))
        if match:
            rank_sql = f"ts_rank({weights}, core_searchentry.vector, {tsquery}, 1)"
            excerpt_sql, excerpt_params = self.compile(
                SearchHeadline(
                    "text_c",
                    SearchQuery(match, search_type="raw", config="english"),
                    config="english",
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=EXCERPT_WORDS,
                    min_words=EXCERPT_WORDS // 2,
                    max_fragments=1,
                    fragment_delimiter=" … ",
                )
            )
        else:  # only words in no vector: ranked by titles alone, and no excerpt to mark
            rank_sql, excerpt_sql, excerpt_params = "0", "''", []
        counts_sql = "".join(f", ranked.c{i}" for i in range(size))
        # Counted up to MANY + 1: past that, only "common" and "many" are read from a count,
        # and counting every match of a word in most entries reads most of the table.
        sizes_sql = ranking.sizes_sql(
            [
                f"(SELECT COUNT(*) FROM (SELECT 1 FROM core_searchentry WHERE {sql} "  # noqa: S608
                f"LIMIT {ranking.MANY + 1}) AS capped)"
                for sql, _ in conditions
            ]
        )
        # Up to MANY entries to rank: all of them, found through the GIN index. More: the
        # newest of each model that match, read along the index on (content type, object id)
        # (_entries); the match is a CASE so that the planner, which cannot estimate it, does
        # not read every match through the GIN index to sort them.
        if len(indexed) == size:
            # The query that picks candidates, chosen from the sizes: the rare groups when
            # there are any. The GIN index then reads only their entries, instead of every
            # match being read and checked ("Therapist 05000" among 10,000 therapists).
            chooser_sql, chooser_params = self._chooser(
                match, [param for _, param in conditions], plan.excluded
            )
            chosen_sql, chosen_params = "core_searchentry.vector @@ (SELECT query FROM chooser)", []
        else:
            selective_sql = ranking.selective_sql(size, lambda i: f"({conditions[i][0]})")
            chosen_sql = f"({where_sql}) AND {selective_sql}"
            chosen_params = [*where_params, *(param for _, param in conditions)]
            chooser_sql, chooser_params = "", []
        candidates_sql, candidates_params = self._candidates_sql(
            kind,
            [
                (f"NOT (SELECT many FROM breadth) AND {chosen_sql}", chosen_params, False),  # noqa: S608
                (
                    f"(SELECT many FROM breadth) AND CASE WHEN {chosen_sql} THEN TRUE END",  # noqa: S608
                    chosen_params,
                    True,
                ),
            ],
        )
        # More than MANY to choose from: no group is rare and one matches more than MANY
        # (its size is known; counting the union again would read every match).
        largest = "GREATEST(" + ", ".join(f"n{i}" for i in range(size)) + ")"
        breadth_sql = (
            f"breadth AS MATERIALIZED (SELECT rare = 0 AND {largest} > {ranking.MANY} "  # noqa: S608
            f"AS many FROM sizes)"
        )
        # Only SQL compiled by Django and constants are interpolated; what the visitor typed is
        # always a parameter. Ranked: the candidates only (see search/ranking.py). Excerpts are made
        # for the rows shown only. A little for a title like what was typed: "Hart" puts
        # Amelia Hart first.
        sql = f"""
            WITH {sizes_sql}, {breadth_sql}{chooser_sql},
            candidates AS MATERIALIZED ({candidates_sql}), hits AS (
                SELECT core_searchentry.id, core_searchentry.kind,
                    {rank_sql} + word_similarity(%s, core_searchentry.title) * 0.5
                        AS relevance{matched_sql}, sizes.*
                FROM candidates JOIN core_searchentry ON core_searchentry.id = candidates.id
                CROSS JOIN sizes
            ){ranked_sql(size)}
            SELECT ranked.kind, core_searchentry.content_type_id, core_searchentry.object_id,
                core_searchentry.card, ranked.total, {excerpt_sql},
                {MORE.format(kind="ranked.kind")}{counts_sql}
            FROM ranked JOIN core_searchentry ON core_searchentry.id = ranked.id
            WHERE ranked.position > %s AND ranked.position <= %s
            ORDER BY ranked.kind, ranked.position
        """  # noqa: S608
        params = [
            *(param for _, param in conditions),
            *chooser_params,
            *candidates_params,
            *([match] if match else []),
            plan.text,
            *(param for _, param in conditions),
            *excerpt_params,
            start,
            stop,
        ]
        return self._rows(sql, params, size)

    def _chooser(self, match, group_queries, excluded):
        """`, chooser` (its tsquery: every group when none is rare (`match`), else the rare
        groups (of `group_queries`), the words left out still left out) and its parameters."""
        rare = ", ".join(f"(%s::text, sizes.n{i})" for i in range(len(group_queries)))
        query = (
            f"'(' || (SELECT string_agg('(' || expression || ')', ' | ') "  # noqa: S608
            f"FROM (VALUES {rare}) AS rare (expression, n) "
            f"WHERE n BETWEEN 1 AND {ranking.COMMON}) || ')'"
        )
        for _ in excluded:
            query = f"'(' || {query} || ') & !' || %s::text"
        sql = (
            ", chooser AS MATERIALIZED (SELECT to_tsquery('english', CASE WHEN sizes.rare = 0 "  # noqa: S608
            f"THEN %s::text ELSE {query} END) AS query FROM sizes)"
        )
        params = [match, *group_queries, *(self._term(alternative) for alternative in excluded)]
        return sql, params

    def names(self, words):
        """As Engine.names(), and names whose words are like the words typed (pg_trgm's word
        similarity, answered by the GIN trigram index on `names`): a typo in the first letters
        ("hnxiety") still finds its word."""
        typed = " ".join(words)[:200]
        return super().names(
            words,
            similar=Q(
                RawSQL("%s <%% core_searchentry.names", [typed], output_field=BooleanField())
            ),
        )


_ENGINES = {"sqlite": SQLiteEngine(), "postgresql": PostgresEngine()}


def current():
    """The engine for the database in use."""
    try:
        return _ENGINES[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"Site search supports SQLite and PostgreSQL, not {connection.vendor}"
        ) from None
