"""Metric cells as numbers, in SQL: plain numbers, thousands separators, and units such as 万 or 亿元.

A plain number (``1200``, ``12.5``) is in the column's unit. Separators (``1,200``,
``1 200``, ``1，200``) are dropped. An amount may carry its unit (``1.2万``, ``300 万元``,
``2亿``, ``15k``), which converts to the metric's unit; a percentage may end in ``%``. An empty
cell, ``-``, ``—``, ``N/A`` or ``无`` is no value. Anything else is not a number: the row's
metric is left empty and the cell is reported.

The common case costs one cast: the pattern matching runs only on cells the cast refuses (a
CASE, which DuckDB evaluates only for the rows that reach its branch).
"""

from __future__ import annotations

from playbook.assign.mapping import AMOUNT_UNITS, MetricColumn

#: Cells that mean "no value".
NO_VALUE = ("", "-", "--", "—", "/", "n/a", "na", "null", "none", "无", "暂无")
_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def literal(value: float) -> str:
    return repr(float(value))


def plain_sql(cell: str) -> str:
    """The SQL of a cell that is a plain number (NULL otherwise): the common case, one cast."""
    return f"TRY_CAST({cell} AS DOUBLE)"


def value_sql(cell: str, plain: str, column: MetricColumn) -> str:
    """The SQL of the cell's value in the metric's unit (NULL when there is none or it is not a number).

    ``plain`` is the cell's ``plain_sql``, worked out before.
    """
    text = f"CAST({cell} AS VARCHAR)"
    cleaned = f"regexp_replace({text}, '[\\s,，_]', '', 'g')"
    number = f"TRY_CAST(regexp_extract({cleaned}, '{_NUMBER}') AS DOUBLE)"
    suffix = f"lower(regexp_replace({cleaned}, '{_NUMBER}', ''))"
    factors = [f"WHEN '' THEN {literal(column.scale)}"]
    if column.amount is not None:
        for spelling, amount in AMOUNT_UNITS.items():
            factors.append(f"WHEN '{spelling}' THEN {literal(amount / column.amount)}")
    if column.percent:
        factors.append("WHEN '%' THEN 1.0")
    careful = f"({number} * CASE {suffix} {' '.join(factors)} END)"
    scaled = plain if column.scale == 1.0 else f"{plain} * {literal(column.scale)}"
    return f"CASE WHEN {plain} IS NOT NULL THEN {scaled} WHEN {cell} IS NULL THEN NULL ELSE {careful} END"


def bad_sql(cell: str, value: str) -> str:
    """The SQL that is true when a cell has something that is not a number."""
    text = f"lower(trim(CAST({cell} AS VARCHAR)))"
    nothing = ", ".join(f"'{word}'" for word in NO_VALUE)
    return f"({cell} IS NOT NULL AND {value} IS NULL AND {text} NOT IN ({nothing}))"
