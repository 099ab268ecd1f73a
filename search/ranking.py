"""The SQL both engines share to choose and rank the entries of a search (search/engines.py).

A search is planned into groups (search/plan.py); an entry is ranked by how many groups it
matches, then by how strongly. What is ranked is bounded, so that a page of results costs
about the same however much content there is:

- A *common* group (more than COMMON matching entries) adds no results of its own when a rarer
  group of the same query matched something: "Therapist 05000" among 10,000 therapists ranks
  the few entries of "05000" (an entry matching both comes first).
- At most CANDIDATES entries of each model are ranked: the newest that match and are
  visible; a kind with more counts "300+".

How the candidates are found is each engine's own. SQLite reads FTS5's matches newest first
and stops once it has enough (search/fts5.py). PostgreSQL counts each group's matches up to
MANY + 1; when every group is common and one matches more than MANY ("my GP suggested
counselling" among 10,000 articles), it reads the newest entries of each model (ten times
CANDIDATES of them) along the index on (content type, object id), so older matches are not
ranked; otherwise it reads the matches through the full-text index (candidates_sql below).
"""

from django.db.models import Q

COMMON = 1000  # far above what a practice's site holds
CANDIDATES = 300
MANY = 1000  # PostgreSQL: past this, the newest entries are read (see above)
# A candidate's entry, in every part of the candidates' union (both engines).
COLUMNS = (
    "core_searchentry.id, core_searchentry.kind, core_searchentry.content_type_id, "
    "core_searchentry.object_id"
)

# Ranked by how many groups an entry matches, then by how strongly (the engine's relevance,
# from 0 to 1), within each kind.
_RANKED = """
, scored AS (
    SELECT hits.*, {matched} + relevance / (1.0 + relevance) AS score FROM hits
), ranked AS (
    SELECT scored.*,
        ROW_NUMBER() OVER (PARTITION BY kind ORDER BY score DESC, id) AS position,
        COUNT(*) OVER (PARTITION BY kind) AS total{counts}
    FROM scored
)"""

# Whether a kind had more matches than were ranked (see CANDIDATES), for a row shown.
MORE = "(SELECT MAX(candidates.more) FROM candidates WHERE candidates.kind = {kind})"


def sizes_sql(counts):
    """The `sizes` CTE: each group's number of matching entries (n0, n1...: SQL in `counts`)
    and how many groups are rare."""
    columns = ", ".join(f"{sql} AS n{i}" for i, sql in enumerate(counts))
    rare = " + ".join(
        f"(CASE WHEN n{i} BETWEEN 1 AND {COMMON} THEN 1 ELSE 0 END)" for i in range(len(counts))
    )
    # LIMIT 1: computed once (PostgreSQL would otherwise copy each count into `rare`).
    return (
        f"sizes AS MATERIALIZED (SELECT counted.*, {rare} AS rare "  # noqa: S608
        f"FROM (SELECT {columns} LIMIT 1) AS counted)"
    )


def selective_sql(size, in_group):
    """SQL: no group is rare, or the entry is in a rare group. The sizes are compared first,
    so a common group's membership is never looked up."""
    either = "".join(f" OR (sizes.n{i} <= {COMMON} AND {in_group(i)})" for i in range(size))
    return f"(sizes.rare = 0{either})"


def candidates_sql(registrations, kind, branches, compile, entries):
    """SQL and parameters: the entries ranked (id, kind, more). For each registration (of
    `kind`: (registration, content type id, visibility Q)), its visible entries for which a
    branch's condition holds, at most CANDIDATES of them, the newest by object id.
    `branches`: (condition SQL, its parameters, limited). An unlimited branch is one pass over
    the matching entries of every model, each checked against its own model's visibility. A
    limited branch reads each model's entries newest first (`entries(content type, limited)` is
    its FROM) and stops once it has CANDIDATES + 1, however many match. `more`: that
    registration had more than CANDIDATES."""
    parts, params = [], []
    chosen = []
    for reg, content_type, visible in registrations:
        if kind is not None and reg.kind != kind:
            continue
        visible_sql, visible_params = compile(Q(visible))
        # Checked entry by entry (one index lookup each), never turned by PostgreSQL's planner
        # into a join over every visible object, which would cost as much as there is content.
        chosen.append(
            (int(content_type), f"CASE WHEN {visible_sql} THEN 1 ELSE 0 END", visible_params)
        )
    for condition_sql, condition_params, limited in branches:
        if not chosen:
            break
        if not limited:
            types = ", ".join(str(content_type) for content_type, _, _ in chosen)
            visible_sql = " ".join(
                f"WHEN {content_type} THEN {sql}" for content_type, sql, _ in chosen
            )
            parts.append(
                f"SELECT {COLUMNS} FROM {entries(None, False)} CROSS JOIN sizes "  # noqa: S608
                f"WHERE +core_searchentry.content_type_id IN ({types}) AND {condition_sql} "
                f"AND CASE core_searchentry.content_type_id {visible_sql} ELSE 0 END = 1"
            )
            params += condition_params
            params += [param for _, _, visible_params in chosen for param in visible_params]
            continue
        for content_type, visible_sql, visible_params in chosen:
            parts.append(
                f"SELECT * FROM (SELECT {COLUMNS} "  # noqa: S608
                f"FROM {entries(content_type, True)} CROSS JOIN sizes "
                f"WHERE core_searchentry.content_type_id = {content_type} "
                f"AND {condition_sql} AND {visible_sql} = 1 "
                f"ORDER BY core_searchentry.object_id DESC LIMIT {CANDIDATES + 1}) "
                f"AS part{len(parts)}"
            )
            params += [*condition_params, *visible_params]
    return newest_sql(parts, "object_id"), params


def newest_sql(parts, order):
    """SQL: (id, kind, more) of the entries in the UNION ALL of `parts` (each selecting
    COLUMNS), the newest CANDIDATES of each model by `order`; `more`: it had more."""
    nothing = f"SELECT {COLUMNS} FROM core_searchentry WHERE 1 = 0"  # noqa: S608 - constants
    union = " UNION ALL ".join(parts) or nothing
    return f"""
        SELECT id, kind, more FROM (
            SELECT id, kind,
                ROW_NUMBER() OVER (PARTITION BY content_type_id ORDER BY {order} DESC)
                    AS newest,
                CASE WHEN COUNT(*) OVER (PARTITION BY content_type_id) > {CANDIDATES}
                    THEN 1 ELSE 0 END AS more
            FROM ({union}) AS found
        ) AS numbered WHERE newest <= {CANDIDATES}
    """  # noqa: S608 - SQL compiled by Django and constants


def ranked_sql(size):
    """The `scored` and `ranked` CTEs over `hits` (id, kind, relevance, m0.., n0..), with each
    group's number of matching entries (c0..; a common group counts as matched even when it
    adds no results of its own)."""
    matched = " + ".join(f"m{i}" for i in range(size)) or "0"
    counts = "".join(
        f", SUM(m{i}) OVER () + CASE WHEN n{i} > {COMMON} THEN n{i} ELSE 0 END AS c{i}"
        for i in range(size)
    )
    return _RANKED.format(matched=matched, counts=counts)
