"""The SQLite engine's statement: one page of results from the FTS5 index, at a cost that
follows the rows ranked, not the content that matches (search/ranking.py).

Counting a full-text match is cheap in FTS5 (rowids only, in C); what costs is anything done
per matching row in SQL: a visibility check, an index built for `IN`, a bm25() score. So:

1. `sizes`: each group's number of matches, counted by FTS5 alone.
2. `chooser`: the FTS5 expression that picks candidates: the rare groups when there are any,
   else every group (search/ranking.py), chosen in SQL from the sizes.
3. `candidates`: for each model, its newest visible entries that the chooser matches, at most
   CANDIDATES (one more says "more"). FTS5 gives them newest first within the model's range of
   entry ids, and the LIMIT stops the scan: visibility is checked for about as many as are kept.
4. `members`, `flags`, `hits`: which groups each candidate matches, and its bm25() score, for
   the candidates only, in full-text passes bounded by the candidates' range of ids.
5. Ranked as search/ranking.py says; excerpts for the rows shown only, one pass per kind.

Only SQL compiled by Django and constants are interpolated; what the visitor typed is always a
parameter.
"""

from search import ranking
from search.ranking import COLUMNS, MORE, newest_sql, ranked_sql

# FTS5 rows between the smallest and the largest id of a one-row-per-pass table named first
# in the FROM: FTS5 seeks there instead of reading every match, once per row of that table
# (one for the candidates, one per kind for the rows shown, whose ids lie far apart).
_WITHIN = "core_search_fts.rowid BETWEEN {bounds}.low AND {bounds}.high"


def _chooser(groups, full, excluded):
    """The `chooser` CTE and its parameters: the FTS5 expression that selects candidates."""
    rare = " UNION ALL ".join(
        f"SELECT %s AS expression, sizes.n{i} AS n" for i in range(len(groups))
    )
    expression = (
        f"'(' || (SELECT group_concat(expression, ' OR ') FROM ({rare}) "  # noqa: S608
        f"WHERE n BETWEEN 1 AND {ranking.COMMON}) || ')'"
    )
    for _ in excluded:
        expression = f"'(' || {expression} || ') NOT ' || %s"
    sql = (
        "chooser AS MATERIALIZED (SELECT CASE WHEN sizes.rare = 0 THEN %s "  # noqa: S608
        f"ELSE {expression} END AS expression FROM sizes)"
    )
    return sql, [full, *groups, *excluded]


def _candidates(registrations, kind, compile):
    """The `candidates` CTE and its parameters: (id, kind, more) of the entries ranked."""
    parts, params = [], []
    for reg, content_type, visible in registrations:
        if kind is not None and reg.kind != kind:
            continue
        visible_sql, visible_params = compile(visible)
        content_type = int(content_type)
        bounds = (
            "(SELECT {0} FROM core_searchentry AS bounds "  # noqa: S608 - constants
            f"WHERE bounds.content_type_id = {content_type})"
        )
        # Read newest first (FTS5 gives its rows in that order) within the model's ids; the
        # LIMIT stops the scan, so visibility is checked for about as many as are kept.
        parts.append(
            f"SELECT * FROM (SELECT {COLUMNS} FROM core_search_fts "  # noqa: S608
            f"CROSS JOIN core_searchentry "
            f"WHERE core_search_fts MATCH (SELECT expression FROM chooser) "
            f"AND core_search_fts.rowid BETWEEN {bounds.format('COALESCE(MIN(bounds.id), 0)')} "
            f"AND {bounds.format('COALESCE(MAX(bounds.id), -1)')} "
            f"AND core_searchentry.id = core_search_fts.rowid "
            f"AND core_searchentry.content_type_id = {content_type} "
            f"AND CASE WHEN {visible_sql} THEN 1 ELSE 0 END = 1 "
            f"ORDER BY core_search_fts.rowid DESC LIMIT {ranking.CANDIDATES + 1}) AS part{len(parts)}"
        )
        params += visible_params
    # By entry id: the order FTS5 read them in.
    return f"candidates AS MATERIALIZED ({newest_sql(parts, 'id')})", params


def statement(*, groups, full, excluded, weights, excerpt, registrations, kind, compile, window):
    """SQL and parameters for a page of results: kind, content type id, object id, card,
    total, excerpt, more, and each group's count (c0, c1...).

    groups: each group's FTS5 expression; full: the whole query's; excluded: the terms left
    out; weights: bm25()'s, as SQL; excerpt: (columns, words, start mark, end mark);
    registrations: (registration, content type id, visibility Q); window: (start, stop)."""
    size = len(groups)
    sizes_sql = ranking.sizes_sql(
        ["(SELECT COUNT(*) FROM core_search_fts WHERE core_search_fts MATCH %s)"] * size
    )
    chooser_sql, chooser_params = _chooser(groups, full, excluded)
    candidates_sql, candidates_params = _candidates(registrations, kind, compile)
    members_sql = " UNION ALL ".join(
        f"SELECT core_search_fts.rowid AS id, {i} AS g FROM spans CROSS JOIN core_search_fts "  # noqa: S608
        f"WHERE core_search_fts MATCH %s AND {_WITHIN.format(bounds='spans')} "
        f"AND +core_search_fts.rowid IN (SELECT id FROM candidates)"
        for i in range(size)
    )
    flags_sql = ", ".join(f"MAX(g = {i}) AS m{i}" for i in range(size))
    matched_sql = "".join(f", COALESCE(flags.m{i}, 0) AS m{i}" for i in range(size))
    sizes_columns = "".join(f", sizes.n{i} AS n{i}" for i in range(size))
    counts_sql = "".join(f", shown.c{i}" for i in range(size))
    column, words, mark_start, mark_end = excerpt
    # Each CTE is referenced as few times as can be: SQLite copies a CTE's SQL into every place
    # that names it, CTEs it names included, so references multiply along the chain (a query
    # of ten words once reached SQLite's limit of 65,535 references to the index).
    sql = f"""
        WITH {sizes_sql}, {chooser_sql},
        {candidates_sql},
        span AS MATERIALIZED (
            SELECT COALESCE(MIN(id), 0) AS low, COALESCE(MAX(id), -1) AS high FROM candidates
        ),
        spans AS MATERIALIZED (
            SELECT kind, MIN(id) AS low, MAX(id) AS high FROM candidates GROUP BY kind
        ),
        members AS MATERIALIZED ({members_sql}),
        flags AS MATERIALIZED (SELECT id, {flags_sql} FROM members GROUP BY id),
        hits AS MATERIALIZED (
            SELECT core_searchentry.id, core_searchentry.kind,
                -bm25(core_search_fts, {weights}) AS relevance{matched_sql}{sizes_columns}
            FROM span
            CROSS JOIN core_search_fts
            CROSS JOIN core_searchentry
            CROSS JOIN sizes
            LEFT JOIN flags ON flags.id = core_searchentry.id
            WHERE core_search_fts MATCH %s AND {_WITHIN.format(bounds="span")}
                AND +core_search_fts.rowid IN (SELECT id FROM candidates)
                AND core_searchentry.id = core_search_fts.rowid
        ){ranked_sql(size)}, shown AS MATERIALIZED (
            SELECT * FROM ranked WHERE ranked.position > %s AND ranked.position <= %s
        ),
        edges AS MATERIALIZED (
            SELECT kind, MIN(id) AS low, MAX(id) AS high FROM shown GROUP BY kind
        )
        SELECT shown.kind, entry.content_type_id, entry.object_id, entry.card, shown.total,
            snippet(core_search_fts, {column}, %s, %s, '…', {words}),
            {MORE.format(kind="shown.kind")}{counts_sql}
        FROM edges
        CROSS JOIN core_search_fts
        CROSS JOIN shown
        JOIN core_searchentry AS entry ON entry.id = shown.id
        WHERE core_search_fts MATCH %s AND {_WITHIN.format(bounds="edges")}
            AND shown.kind = edges.kind AND shown.id = core_search_fts.rowid
        ORDER BY shown.kind, shown.position
    """  # noqa: S608
    params = [
        *groups,
        *chooser_params,
        *candidates_params,
        *groups,
        full,
        *window,
        mark_start,
        mark_end,
        full,
    ]
    return sql, params
