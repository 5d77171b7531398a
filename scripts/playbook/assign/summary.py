"""What the assignment found, in numbers: by team, by industry (or domain) × region cell, by tier;
the spellings the taxonomy does not know; the named accounts the extract lacks; the extract's problems.

The summary is small (its size depends on the playbook, not on the extract) and holds no
customer's name, so it can be committed; ``playbook build --customers`` reads it back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook.assign.assignment import Problem, assigned_sql
from playbook.errors import PlaybookError

if TYPE_CHECKING:
    import duckdb

#: How many unknown spellings the summary lists.
UNKNOWN_SHOWN = 50
VERSION = 1


@dataclass(frozen=True)
class TeamCount:
    team: str
    customers: int
    named: int
    regional: int
    conflicts: int
    candidates: int


@dataclass(frozen=True)
class CellCount:
    """Customers of one industry (kind ``industry``) or government domain (``domain``) in one region."""

    kind: str
    row: str | None
    region: str | None
    customers: int
    gaps: int
    conflicts: int
    candidates: int


@dataclass(frozen=True)
class Unknown:
    column: str
    value: str
    customers: int


@dataclass(frozen=True)
class Missing:
    account: str
    crm_id: str
    team: str


@dataclass
class Summary:
    extract: str
    customers: int = 0
    named: int = 0
    regional: int = 0
    gaps: int = 0
    conflicts: int = 0
    candidates: int = 0
    unknown: int = 0
    teams: list[TeamCount] = field(default_factory=list)
    cells: list[CellCount] = field(default_factory=list)
    tiers: dict[str, int] = field(default_factory=dict)
    unknown_values: list[Unknown] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["version"] = VERSION
        data["problems"] = [{"what": p.what, "rows": p.rows, "examples": list(p.examples)} for p in self.problems]
        return data

    def cell(self, kind: str, row: str, region: str) -> CellCount | None:
        return next((c for c in self.cells if (c.kind, c.row, c.region) == (kind, row, region)), None)


def summarise(connection: duckdb.DuckDBPyConnection, extract: str, problems: list[Problem]) -> Summary:
    """The summary of the groups of pass one."""
    connection.execute(f"CREATE OR REPLACE TEMP TABLE assigned AS {assigned_sql('SELECT * FROM groups')}")
    totals = connection.execute(
        "SELECT coalesce(sum(customers), 0), coalesce(sum(customers) FILTER (WHERE how = 'named'), 0), "
        "coalesce(sum(customers) FILTER (WHERE how = 'regional'), 0), coalesce(sum(customers) FILTER (WHERE gap), 0), "
        "coalesce(sum(customers) FILTER (WHERE conflict), 0), coalesce(sum(customers) FILTER (WHERE candidate), 0), "
        "coalesce(sum(customers) FILTER (WHERE unknown), 0) FROM assigned"
    ).fetchone()
    assert totals is not None
    customers, named, regional, gaps, conflicts, candidates, unknown = (int(value) for value in totals)
    summary = Summary(extract, customers, named, regional, gaps, conflicts, candidates, unknown, problems=problems)
    counts = (
        "sum(customers)::BIGINT, (sum(customers) FILTER (WHERE gap))::BIGINT, "
        "(sum(customers) FILTER (WHERE conflict))::BIGINT, (sum(customers) FILTER (WHERE candidate))::BIGINT"
    )
    for team, customers, named, regional, conflicts, candidates in connection.execute(
        "SELECT team, sum(customers)::BIGINT, (sum(customers) FILTER (WHERE how = 'named'))::BIGINT, "
        "(sum(customers) FILTER (WHERE how = 'regional'))::BIGINT, (sum(customers) FILTER (WHERE conflict))::BIGINT, "
        "(sum(customers) FILTER (WHERE candidate))::BIGINT FROM assigned WHERE team IS NOT NULL "
        "GROUP BY team ORDER BY team"
    ).fetchall():
        summary.teams.append(TeamCount(team, customers, named or 0, regional or 0, conflicts or 0, candidates or 0))
    for kind, row, region, customers, gaps, conflicts, candidates in connection.execute(
        "SELECT CASE WHEN domain_id IS NOT NULL THEN 'domain' ELSE 'industry' END AS kind, "
        f"coalesce(domain_id, industry_id) AS row, region_id, {counts} FROM assigned "
        "GROUP BY ALL ORDER BY kind DESC, row NULLS LAST, region_id NULLS LAST"
    ).fetchall():
        summary.cells.append(CellCount(kind, row, region, customers, gaps or 0, conflicts or 0, candidates or 0))
    for tier, customers in connection.execute(
        "SELECT coalesce(a.tier, ''), sum(customers)::BIGINT FROM assigned a LEFT JOIN tiers t ON t.id = a.tier "
        "GROUP BY ALL ORDER BY min(t.rank) NULLS LAST"
    ).fetchall():
        summary.tiers[tier or "(none)"] = customers
    for column, value, customers in connection.execute(
        "SELECT col, raw, sum(customers)::BIGINT AS n FROM ("
        "SELECT 'region' AS col, a.region_raw AS raw, customers FROM assigned a JOIN region_map m "
        "ON m.raw = a.region_raw WHERE m.given AND m.id IS NULL UNION ALL "
        "SELECT 'industry', a.industry_raw, customers FROM assigned a JOIN industry_map m "
        "ON m.raw = a.industry_raw WHERE m.given AND m.id IS NULL UNION ALL "
        "SELECT 'domain', a.domain_raw, customers FROM assigned a JOIN domain_map m "
        "ON m.raw = a.domain_raw WHERE m.given AND m.id IS NULL) "
        f"GROUP BY ALL ORDER BY n DESC, col, raw LIMIT {UNKNOWN_SHOWN}"
    ).fetchall():
        summary.unknown_values.append(Unknown(column, value, customers))
    for account, crm_id, team in connection.execute(
        "SELECT account, crm_id, team FROM named WHERE account NOT IN "
        "(SELECT account FROM assigned WHERE account IS NOT NULL) ORDER BY account"
    ).fetchall():
        summary.missing.append(Missing(account, crm_id, team))
    return summary


def read(path: Path) -> Summary:
    """A summary written by ``playbook assign --format json``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PlaybookError(f"--customers {path}: cannot read the summary: {error}") from None
    try:
        if data.get("version") != VERSION:
            raise ValueError(f"version {data.get('version')!r}, expected {VERSION}")
        return Summary(
            extract=str(data["extract"]),
            customers=int(data["customers"]),
            gaps=int(data["gaps"]),
            candidates=int(data["candidates"]),
            conflicts=int(data["conflicts"]),
            cells=[CellCount(**cell) for cell in data["cells"]],
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise PlaybookError(f"--customers {path}: not a summary of playbook assign --format json ({error})") from None
