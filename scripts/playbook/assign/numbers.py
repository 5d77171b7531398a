"""Metric cells as numbers, in SQL: plain numbers, thousands separators, and units such as 万 or 亿元.

A plain number (``1200``, ``12.5``) is in the column's unit. Separators (``1,200``,
``1 200``, ``1，200``) are dropped. An amount may carry its unit (``1.2万``, ``300 万元``,
``2亿``, ``15k``), which converts to the metric's unit; a percentage may end in ``%``. An empty
cell, ``-``, ``—``, ``N/A`` or ``无`` is no value. Anything else is not a number: the row's
metric is left empty and the cell is reported.

The common case costs one cast: the pattern matching runs only on cells the cast refuses.
"""

from __future__ import annotations

from playbook.assign.mapping import AMOUNT_UNITS, MetricColumn

#: Cells that mean "no value".
NO_VALUE = ("", "-", "--", "—", "/", "n/a", "na", "null", "none", "无", "暂无")
_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def literal(value: float) -> str:
    return repr(float(value))


def value_sql(cell: str, column: MetricColumn) -> str:
    """The SQL of the cell's value in the metric's unit (NULL when there is none or it is not a number)."""
    text = f"CAST({cell} AS VARCHAR)"
    plain = f"TRY_CAST({cell} AS DOUBLE)"
    if column.scale != 1.0:
        plain = f"({plain} * {literal(column.scale)})"
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
    return f"COALESCE({plain}, {careful})"


def bad_sql(cell: str, value: str) -> str:
    """The SQL that is true when a cell has something that is not a number."""
    text = f"lower(trim(CAST({cell} AS VARCHAR)))"
    nothing = ", ".join(f"'{word}'" for word in NO_VALUE)
    return f"({cell} IS NOT NULL AND {value} IS NULL AND {text} NOT IN ({nothing}))"
