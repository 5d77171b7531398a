"""Which column of an extract holds what: the settings' ``crm`` mapping against the extract's header.

A column the settings name must be there; left out, a key is looked for under its own name
(``crm_id``, ``region``, ``industry``..., each metric under its id), in any case and with
``-``, ``_`` and spaces alike. The id, region and industry columns must be found one way or
the other; without a name, domain, owner or metric column the assignment still runs, and
says what it could not check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from playbook.errors import PlaybookError
from playbook.spelling import did_you_mean

#: The keys of ``crm.columns``, in the order a summary names them.
KEYS = ("id", "name", "region", "industry", "domain", "owner")
DEFAULT_COLUMNS = {
    "id": "crm_id",
    "name": "name",
    "region": "region",
    "industry": "industry",
    "domain": "domain",
    "owner": "owner",
}
REQUIRED = ("id", "region", "industry")
#: Units of amounts, in yuan; of the spellings a unit text contains, the largest counts
#: (``10k CNY (万元)`` is 10,000 yuan, not one).
AMOUNT_UNITS: dict[str, float] = {
    "元": 1.0,
    "cny": 1.0,
    "rmb": 1.0,
    "yuan": 1.0,
    "千元": 1e3,
    "千": 1e3,
    "k": 1e3,
    "万元": 1e4,
    "万": 1e4,
    "w": 1e4,
    "10k": 1e4,
    "千万元": 1e7,
    "千万": 1e7,
    "百万元": 1e6,
    "百万": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "亿元": 1e8,
    "亿": 1e8,
    "100m": 1e8,
    "bn": 1e9,
    "billion": 1e9,
}


class MappingError(PlaybookError):
    """The settings' mapping and the extract's header do not agree (the command exits 2)."""


@dataclass(frozen=True)
class MetricColumn:
    """A metric's column and how its values convert to the metric's unit."""

    metric: str
    column: str
    #: The metric's unit in yuan when it is an amount (units in cells then convert), else None.
    amount: float | None
    #: What a plain number in the column is multiplied by to be in the metric's unit.
    scale: float
    #: Whether a cell may end in '%'.
    percent: bool


@dataclass(frozen=True)
class Columns:
    """The extract's columns for each key (None: the extract has none)."""

    id: str
    name: str | None
    region: str
    industry: str
    domain: str | None
    owner: str | None
    metrics: tuple[MetricColumn, ...]
    #: What the assignment cannot check, for want of a column.
    notes: tuple[str, ...]


def resolve(
    mapping: dict[str, Any], header: list[str], metrics: tuple[tuple[str, str], ...], amount_unit: str
) -> Columns:
    """The extract's columns for the mapping ``mapping`` (``CrmMapping`` as data, keys set only)."""
    given: dict[str, str] = dict(mapping.get("columns") or {})
    found: dict[str, str | None] = {}
    notes: list[str] = []
    for key in KEYS:
        if key in given:
            found[key] = _exact(header, given[key], f"crm.columns.{key}")
        else:
            found[key] = _loose(header, DEFAULT_COLUMNS[key])
            if found[key] is None and key in REQUIRED:
                raise MappingError(_missing(header, DEFAULT_COLUMNS[key], f"crm.columns.{key}", default=True))
    if found["domain"] is None:
        notes.append("no domain column: government customers are counted by industry")
    if found["owner"] is None:
        notes.append("no owner column: conflicts with the CRM's owners are not checked")
    metric_columns = []
    wanted: dict[str, Any] = dict(mapping.get("metrics") or {})
    known = {metric for metric, _ in metrics}
    for metric in wanted:
        if metric not in known:
            hint = did_you_mean(metric, sorted(known)) or f" (its metrics: {', '.join(sorted(known))})"
            raise MappingError(f"playbook.yaml: crm.metrics.{metric}: tiers.yaml has no metric '{metric}'{hint}")
    for metric, unit in metrics:
        entry = wanted.get(metric)
        column_unit = None
        if entry is None:
            column = _loose(header, metric)
            if column is None:
                notes.append(f"no column for metric '{metric}': tier criteria on it are not met")
                continue
        else:
            name = entry if isinstance(entry, str) else entry["column"]
            column_unit = None if isinstance(entry, str) else entry.get("unit")
            column = _exact(header, name, f"crm.metrics.{metric}")
        metric_columns.append(_metric_column(metric, column, unit, column_unit, amount_unit))
    return Columns(
        id=found["id"] or "",
        name=found["name"],
        region=found["region"] or "",
        industry=found["industry"] or "",
        domain=found["domain"],
        owner=found["owner"],
        metrics=tuple(metric_columns),
        notes=tuple(notes),
    )


def amount_of(unit: str) -> float | None:
    """The amount a unit text stands for, in yuan (``10k CNY (万元)`` → 10,000), or None."""
    text = unit.strip().lower()
    words = re.findall(r"[a-z0-9]+|[\u4e00-\u9fff]+", text)
    hits = [
        value
        for spelling, value in AMOUNT_UNITS.items()
        if (spelling in words if spelling.isascii() else spelling in text)
    ]
    return max(hits) if hits else None


def _metric_column(metric: str, column: str, unit: str, column_unit: str | None, amount_unit: str) -> MetricColumn:
    amount = amount_of(unit)
    scale = 1.0
    if column_unit is not None:
        given = amount_of(column_unit)
        if given is None or amount is None:
            raise MappingError(
                f"playbook.yaml: crm.metrics.{metric}.unit: '{column_unit}' is not an amount unit the metric's "
                f"unit ('{unit or amount_unit}') converts from; use one of 元, 万元, 亿元, k, million"
            )
        scale = given / amount
    return MetricColumn(metric, column, amount, scale, "%" in unit)


def _normal(name: str) -> str:
    return re.sub(r"[\s_-]+", "_", name.strip().lower())


def _loose(header: list[str], name: str) -> str | None:
    if name in header:
        return name
    wanted = _normal(name)
    return next((column for column in header if _normal(column) == wanted), None)


def _exact(header: list[str], name: str, key: str) -> str:
    if name in header:
        return name
    raise MappingError(_missing(header, name, key, default=False))


def _missing(header: list[str], name: str, key: str, default: bool) -> str:
    hint = did_you_mean(name, header)
    how = f"set {key} in playbook.yaml to its column" if default else f"fix {key} in playbook.yaml"
    shown = ", ".join(f"'{column}'" for column in header[:30]) + (", ..." if len(header) > 30 else "")
    return f"the extract has no column '{name}'{hint} ({how}; its columns: {shown})"
