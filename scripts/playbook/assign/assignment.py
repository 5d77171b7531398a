"""The assignment as joins and aggregates in DuckDB.

One pass over the extract grades every row (its tier from its metrics, whether a metric cell
is not a number), joins the named accounts by CRM id, and aggregates the rows by their raw
region, industry, domain and owner spellings: the groups are few however long the extract
is. The same pass counts the rows of each CRM id by its digest to find duplicates (the ids
themselves are looked at only when a digest comes twice). The owner's teams, mapping
spellings to ids, the regional default through the region hierarchy, and the flags are then
worked out on the groups. Writing rows out is a second pass, which joins each row against the
same small tables (``rows_sql``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from playbook.assign.extract import Extract, sql_text
from playbook.assign.mapping import Columns
from playbook.assign.numbers import NO_VALUE, bad_sql, plain_sql, value_sql
from playbook.assign.tables import TRIMMED, RuleTables

if TYPE_CHECKING:
    import duckdb

#: The raw columns the groups keep, by key.
RAW = ("region", "industry", "domain", "owner")
_TRIM = sql_text(TRIMMED)
_NOTHING = ", ".join(sql_text(word) for word in NO_VALUE)


def ident(name: str) -> str:
    """A SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def spelled(expression: str) -> str:
    """The SQL of a value as it is compared with the playbook's spellings (``tables.spelling``)."""
    return f"lower(trim(CAST({expression} AS VARCHAR), {_TRIM}))"


def present(expression: str) -> str:
    """True when a raw value says something (not empty, not ``-`` or ``N/A``)."""
    return f"({expression} IS NOT NULL AND {spelled(expression)} NOT IN ({_NOTHING}))"


@dataclass(frozen=True)
class Problem:
    """A problem with the extract's rows: what, how many rows, examples."""

    what: str
    rows: int
    examples: tuple[str, ...]


def load_pass_tables(connection: duckdb.DuckDBPyConnection, tables: RuleTables) -> None:
    """What the pass over the extract joins each row against: the named accounts and the tiers."""
    _create(connection, "named", ("crm_id", "account", "team", "tier"), tables.named)
    _create(connection, "tiers", ("id", "rank", "named"), tuple((t.id, t.rank, t.named) for t in tables.tiers))


def load_group_tables(connection: duckdb.DuckDBPyConnection, tables: RuleTables) -> None:
    """What the groups are looked up in: the spellings of terms, the regional teams, the owners' teams."""
    _create(connection, "terms", ("kind", "key", "id"), tables.terms)
    _create(connection, "region_teams", ("region", "team"), tables.region_teams)
    _create(connection, "owners", ("key", "team"), tables.owners)
    # Each spelling of a person or team with every team it names, as '|team-a|team-b|'.
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE owner_teams AS "
        "SELECT key, '|' || string_agg(team, '|' ORDER BY team) || '|' AS teams FROM owners GROUP BY key"
    )


def _create(
    connection: duckdb.DuckDBPyConnection, name: str, columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]
) -> None:
    """A temporary table of ``rows``, sent column by column.

    A text column goes over as one string, its values joined by a separator none of them holds, which
    DuckDB splits: handing over tens of thousands of Python strings one by one costs far more.
    """
    lists = []
    values: list[Any] = []
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    for column, cells in zip(columns, by_column, strict=True):
        kind = _TYPES.get(column, "VARCHAR")
        joined = _joined(cells) if kind == "VARCHAR" and cells else None
        if joined is not None:
            lists.append(f"unnest(string_split(?, {sql_text(_SEPARATOR)})) AS {column}")
            values.append(joined)
        else:
            lists.append(f"unnest(?::{kind}[]) AS {column}")
            values.append(list(cells))
    connection.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {', '.join(lists)}", values)


#: What joins a text column's values on their way to DuckDB (a column holding it goes as a list).
_SEPARATOR = "\x1f"


def _joined(cells: tuple[Any, ...]) -> str | None:
    """The cells joined by the separator, or None when one is not text or holds the separator."""
    try:
        joined = _SEPARATOR.join(cells)
    except TypeError:
        return None
    return joined if joined.count(_SEPARATOR) == len(cells) - 1 else None


_TYPES = {"rank": "INTEGER", "named": "BOOLEAN"}


def tier_sql(tables: RuleTables, values: dict[str, str]) -> str:
    """The SQL of a row's tier: the first tier, from the top, whose criteria its metrics meet."""
    branches = []
    for tier in tables.tiers:
        tests = []
        for metric, comparison, threshold in tier.criteria:
            value = values.get(metric)
            tests.append(f"coalesce({value} {comparison} {threshold!r}, false)" if value else "false")
        joined = (" AND " if tier.match == "all" else " OR ").join(tests) if tests else "true"
        branches.append(f"WHEN {joined} THEN {sql_text(tier.id)}")
    return f"CASE {' '.join(branches)} END" if branches else "NULL"


def graded_sql(extract: Extract, columns: Columns, tables: RuleTables, rejects: bool = False) -> str:
    """Every row of the extract: its CRM id, raw values, metric values, tier, bad-cell mask, named account.

    In layers, so that each cell is cast once: the cells and their plain casts, then the
    metric values, then the tier and the mask of cells that are not numbers. Nothing here looks
    at the owner: that is done on the groups (``owned_sql``), or row by row when rows are written.
    """
    source = extract.relation(rejects)
    raw = {
        "name": columns.name,
        "region": columns.region,
        "industry": columns.industry,
        "domain": columns.domain,
        "owner": columns.owner,
    }
    cells = [f"{_crm_id(columns)} AS crm_id"]
    for key, column in raw.items():
        cells.append(f"CAST({ident(column)} AS VARCHAR) AS {key}_raw" if column else f"NULL::VARCHAR AS {key}_raw")
    passed = ["crm_id", *(f"{key}_raw" for key in raw)]
    valued = list(passed)
    values: dict[str, str] = {}
    masks = []
    for index, metric in enumerate(columns.metrics):
        cells.append(f"{ident(metric.column)} AS c_{index}")
        cells.append(f"{plain_sql(ident(metric.column))} AS p_{index}")
        valued.append(f"c_{index}")
        valued.append(f"{value_sql(f'c_{index}', f'p_{index}', metric)} AS m_{index}")
        values[metric.metric] = f"m_{index}"
        masks.append(f"CASE WHEN {bad_sql(f'c_{index}', f'm_{index}')} THEN {1 << index} ELSE 0 END")
    metric_names = "".join(f"m_{index}, " for index in range(len(columns.metrics)))
    mask = " + ".join(masks) if masks else "0"
    return (
        "SELECT r.*, n.account AS account "
        f"FROM (SELECT {', '.join(passed)}, {metric_names}"
        f"{tier_sql(tables, values)} AS tier, ({mask})::INTEGER AS bad "
        f"FROM (SELECT {', '.join(valued)} FROM (SELECT {', '.join(cells)} FROM {source}))) r "
        "LEFT JOIN named n ON n.crm_id = r.crm_id"
    )


def owned_sql(base: str) -> str:
    """Rows or groups of ``base`` (with ``owner_raw`` and ``account``) with the teams their CRM owner
    names (``owner_teams``, as '|team-a|team-b|'), whether the owner is on the named account's iron
    triangle (``owner_on_account``) and whether the owner cell says anything (``owner_given``)."""
    return (
        "SELECT b.*, ot.teams AS owner_teams, (oa.account IS NOT NULL) AS owner_on_account, "
        f"{_given('b.owner_key')} AS owner_given "
        f"FROM (SELECT *, {spelled('owner_raw')} AS owner_key FROM ({base})) b "
        "LEFT JOIN owner_teams ot ON ot.key = b.owner_key "
        "LEFT JOIN owners_on_accounts oa ON oa.account = b.account AND oa.key = b.owner_key"
    )


#: What the extract's rows are grouped by: the raw spellings, the tier, the named account, the bad cells.
KEYS = "region_raw, industry_raw, domain_raw, owner_raw, tier, account, bad"


def scan(connection: duckdb.DuckDBPyConnection, extract: Extract, columns: Columns, tables: RuleTables) -> None:
    """The one pass over the extract (table ``grouped``): the groups of rows by ``KEYS``, with how many
    rows have no CRM id, and the digests of the CRM ids that more than one row has.

    Each row is only graded and looked up by its CRM id; everything else (the owner's teams, the
    spellings' ids, the flags) is worked out on the groups, which are few however long the extract is.
    A CRM id is counted by its 64-bit digest, which costs much less than the id itself: a digest seen
    twice is only a suspect, which ``problems`` checks against the ids themselves.
    Needs ``load_pass_tables``.
    """
    graded = graded_sql(extract, columns, tables, rejects=extract.kind != "parquet")
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE grouped AS SELECT {KEYS}, id_hash, GROUPING(id_hash) AS by_rows, "
        "count(*) AS customers, count(*) FILTER (WHERE crm_id IS NULL OR crm_id = '') AS without_id "
        f"FROM (SELECT *, CASE WHEN crm_id <> '' THEN hash(crm_id) END AS id_hash FROM ({graded})) "
        f"GROUP BY GROUPING SETS (({KEYS}), (id_hash)) "
        "HAVING GROUPING(id_hash) = 1 OR (count(*) > 1 AND id_hash IS NOT NULL)"
    )


def settle(connection: duckdb.DuckDBPyConnection, tables: RuleTables) -> None:
    """The groups of the pass with their owners' teams (view ``groups``: ``summarise`` reads them once),
    and each raw spelling's id.

    Needs ``scan`` and ``load_group_tables``.
    """
    _owners_on_accounts(connection, tables)
    connection.execute(
        "CREATE OR REPLACE TEMP VIEW groups AS "
        f"{owned_sql('SELECT * EXCLUDE (id_hash, by_rows) FROM grouped WHERE by_rows = 1')}"
    )
    _maps(connection)


def _owners_on_accounts(connection: duckdb.DuckDBPyConnection, tables: RuleTables) -> None:
    """Each named account with each spelling of its CRM owners that is someone on its iron triangle
    (table ``owners_on_accounts``): the pairs of the groups, looked up in the playbook's (tens of
    thousands, which would cost more to send to DuckDB than the few the extract has)."""
    pairs = connection.execute(
        f"SELECT DISTINCT {spelled('owner_raw')} AS key, account FROM grouped "
        "WHERE by_rows = 1 AND account IS NOT NULL AND owner_raw IS NOT NULL"
    ).fetchall()
    people = set(tables.account_people)
    found = tuple(pair for pair in pairs if pair in people)
    _create(connection, "owners_on_accounts", ("key", "account"), found)


def _maps(connection: duckdb.DuckDBPyConnection) -> None:
    """Each raw spelling seen → its id (``region_map``, ``industry_map``, ``domain_map``)."""
    for key in ("region", "industry", "domain"):
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE {key}_map AS "
            f"SELECT g.raw, min(t.id) AS id, {present('g.raw')} AS given FROM "
            f"(SELECT DISTINCT {key}_raw AS raw FROM grouped WHERE by_rows = 1) g "
            f"LEFT JOIN terms t ON t.kind = {sql_text(key)} AND t.key = {spelled('g.raw')} GROUP BY g.raw"
        )


def _given(key: str) -> str:
    """True when a spelled value says something (not empty, not ``-`` or ``N/A``)."""
    return f"coalesce({key} NOT IN ({_NOTHING}), false)"


def assigned_sql(base: str) -> str:
    """Rows or groups with ids, owning team, how it owns them, and the flags.

    ``base`` has the columns of ``graded_sql`` (raw values, tier, account).
    """
    same = "IS NOT DISTINCT FROM"
    return (
        "SELECT b.*, rm.id AS region_id, im.id AS industry_id, dm.id AS domain_id, "
        "coalesce(n.team, rt.team) AS team, "
        "CASE WHEN b.account IS NOT NULL THEN 'named' WHEN rt.team IS NOT NULL THEN 'regional' ELSE 'none' END AS how, "
        "coalesce(n.team, rt.team) IS NULL AS gap, "
        "(b.owner_given AND coalesce(n.team, rt.team) IS NOT NULL AND NOT b.owner_on_account "
        "AND NOT coalesce(contains(b.owner_teams, '|' || coalesce(n.team, rt.team) || '|'), false)) AS conflict, "
        "(b.account IS NULL AND coalesce(t.named, false)) AS candidate, "
        "((rm.given AND rm.id IS NULL) OR (im.given AND im.id IS NULL) OR (dm.given AND dm.id IS NULL)) AS unknown "
        f"FROM ({base}) b "
        f"LEFT JOIN region_map rm ON rm.raw {same} b.region_raw "
        f"LEFT JOIN industry_map im ON im.raw {same} b.industry_raw "
        f"LEFT JOIN domain_map dm ON dm.raw {same} b.domain_raw "
        "LEFT JOIN (SELECT DISTINCT account, team FROM named) n ON n.account = b.account "
        "LEFT JOIN region_teams rt ON rt.region = rm.id "
        "LEFT JOIN tiers t ON t.id = b.tier"
    )


def rows_sql(extract: Extract, columns: Columns, tables: RuleTables) -> str:
    """Pass two: every row with its assignment, for writing out."""
    graded = owned_sql(graded_sql(extract, columns, tables))
    metrics = "".join(f", m_{index} AS {ident(metric.metric)}" for index, metric in enumerate(columns.metrics))
    return (
        "SELECT crm_id, name_raw AS name, region_raw AS region, industry_raw AS industry, domain_raw AS domain, "
        "owner_raw AS crm_owner, region_id, industry_id, domain_id, team, how, account, tier, "
        f"gap, conflict, candidate, unknown{metrics} FROM ({assigned_sql(graded)})"
    )


def problems(connection: duckdb.DuckDBPyConnection, extract: Extract, columns: Columns) -> list[Problem]:
    """What is wrong with the extract's rows: rows that could not be read, missing or repeated CRM ids,
    metric cells that are not numbers."""
    found: list[Problem] = []
    if extract.kind != "parquet":
        rejected = connection.execute(
            "SELECT line, min(error_type), min_by(error_message, column_idx), min(csv_line) FROM extract_rejects "
            "GROUP BY line ORDER BY line"
        ).fetchall()
        if rejected:
            examples = tuple(_rejected(extract, row) for row in rejected[:10])
            found.append(Problem("rows that cannot be read (left out)", len(rejected), examples))
    column = ident(columns.id)
    empty = connection.execute("SELECT sum(without_id) FROM grouped WHERE by_rows = 1").fetchone()
    if empty and empty[0]:
        found.append(Problem(f"rows without a CRM id (column {column})", int(empty[0]), ()))
    repeated = _repeated(connection, extract, columns)
    if repeated:
        examples = tuple(f"'{crm_id}' ({count} rows)" for crm_id, count in repeated[:10])
        total = sum(count for _, count in repeated)
        found.append(Problem(f"rows whose CRM id (column {column}) another row has too", int(total), examples))
    for index, metric in enumerate(columns.metrics):
        bit = 1 << index
        count = connection.execute(
            f"SELECT sum(customers) FROM grouped WHERE by_rows = 1 AND bad & {bit} <> 0"
        ).fetchone()
        if not count or not count[0]:
            continue
        shown = _bad_cells(connection, extract, columns, index)
        found.append(Problem(f"rows whose {ident(metric.column)} is not a number (left empty)", int(count[0]), shown))
    return found


def _repeated(connection: duckdb.DuckDBPyConnection, extract: Extract, columns: Columns) -> list[tuple[str, int]]:
    """The CRM ids more than one row has, with their rows, most first: one more pass, over the ids whose
    digest the first pass saw twice (none, unless the extract has such ids)."""
    suspects = connection.execute("SELECT count(*) FROM grouped WHERE by_rows = 0").fetchone()
    if not suspects or not suspects[0]:
        return []
    rows = connection.execute(
        f"SELECT crm_id, count(*) AS customers FROM (SELECT {_crm_id(columns)} AS crm_id FROM {extract.relation()}) "
        "WHERE crm_id <> '' AND hash(crm_id) IN (SELECT id_hash FROM grouped WHERE by_rows = 0) "
        "GROUP BY crm_id HAVING count(*) > 1 ORDER BY customers DESC, crm_id"
    ).fetchall()
    return [(str(crm_id), int(count)) for crm_id, count in rows]


def _crm_id(columns: Columns) -> str:
    """The SQL of a row's CRM id, trimmed: only ids that start or end with a trimmed character are
    (looking at the first and last characters costs much less than trimming every id)."""
    text = f"CAST({ident(columns.id)} AS VARCHAR)"
    ends = f"(ascii({text}) IN ({_TRIMMED_CODES}) OR ascii(right({text}, 1)) IN ({_TRIMMED_CODES}))"
    return f"CASE WHEN {ends} THEN trim({text}, {_TRIM}) ELSE {text} END"


_TRIMMED_CODES = ", ".join(str(ord(character)) for character in TRIMMED)


def _rejected(extract: Extract, row: tuple[Any, ...]) -> str:
    line, kind, message, _ = row
    if kind == "INVALID ENCODING" or "unicode" in str(message).lower():
        return f"line {line} is not {extract.encoding}: pass the file's encoding with --encoding"
    return f"line {line}: {str(message).splitlines()[0]}"


def _bad_cells(
    connection: duckdb.DuckDBPyConnection, extract: Extract, columns: Columns, index: int
) -> tuple[str, ...]:
    """Five cells of the metric ``index`` that are not numbers, with their CRM ids (one more pass, on the
    error path only)."""
    metric = columns.metrics[index]
    cell = ident(metric.column)
    value = value_sql(cell, plain_sql(cell), metric)
    rows = connection.execute(
        f"SELECT {_crm_id(columns)} AS crm_id, CAST({cell} AS VARCHAR) FROM {extract.relation()} "
        f"WHERE {bad_sql(cell, value)} ORDER BY crm_id LIMIT 5"
    ).fetchall()
    return tuple(f"'{value}' ({f'CRM id {crm_id}' if crm_id else 'no CRM id'})" for crm_id, value in rows)
