"""Metric cells as numbers, in SQL: plain numbers, thousands separators, and units such as 万 or 亿元.

A plain number (``1200``, ``12.5``) is in the column's unit. Separators (``1,200``,
``1 200``, ``1，200``) are dropped. An amount may carry its unit (``1.2万``, ``300 万元``,
``2亿``, ``15k``), which converts to the metric's unit; a percentage may end in ``%``. An empty
cell, ``-``, ``—``, ``N/A`` or ``无`` is no value. Anything else is not a number: the row's
metric is left empty and the cell is reported.

The common case costs one cast, and a number with thousands separators a second one without
them: the pattern matching runs only on cells both casts refuse (a CASE, which DuckDB
evaluates only for the rows that reach its branch).
"""

from __future__ import annotations

from playbook.assign.mapping import AMOUNT_UNITS, MetricColumn

#: Cells that mean "no value".
NO_VALUE = ("", "-", "--", "—", "/", "n/a", "na", "null", "none", "无", "暂无")
_NUMBER = r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"


def literal(value: float) -> str:
    return repr(float(value))


def plain_sql(cell: str) -> str:
    """The SQL of a cell that is a plain number (NULL otherwise): the common case, one cast."""
    return f"TRY_CAST({cell} AS DOUBLE)"


def value_sql(cell: str, plain: str, column: MetricColumn) -> str:
    """The SQL of the cell's value in the metric's unit (NULL when there is none or it is not a number).

    ``plain`` is the cell's ``plain_sql``, worked out before.
    """
    units = [""]
    factors = [column.scale]
    if column.amount is not None:
        for spelling, amount in AMOUNT_UNITS.items():
            units.append(spelling)
            factors.append(amount / column.amount)
    if column.percent:
        units.append("%")
        factors.append(1.0)
    unit_list = "[" + ", ".join(f"'{unit}'" for unit in units) + "]"
    factor_list = "[" + ", ".join(literal(factor) for factor in factors) + "]"
    # The number and its unit are split once, in a lambda over a one-element list: a CASE on the
    # unit would work the unit out again for every branch.
    cleaned = f"regexp_replace(CAST({cell} AS VARCHAR), '[\\s,，_]', '', 'g')"
    parts = f"regexp_extract({cleaned}, '{_NUMBER}(.*)$', ['n', 's'])"
    careful = (
        f"list_transform([{parts}], lambda x: TRY_CAST(x.n AS DOUBLE) * "
        f"{factor_list}[list_position({unit_list}, lower(x.s))])[1]"
    )
    scale = "" if column.scale == 1.0 else f" * {literal(column.scale)}"
    # Thousands separators are the most common reason the cast refuses a cell: a second cast without
    # the commas takes them, for much less than the pattern (a finite number, as the pattern reads).
    separated = f"TRY_CAST(replace(CAST({cell} AS VARCHAR), ',', '') AS DOUBLE)"
    return (
        f"CASE WHEN {plain} IS NOT NULL THEN {plain}{scale} WHEN {cell} IS NULL THEN NULL "
        f"WHEN isfinite({separated}) THEN {separated}{scale} ELSE {careful} END"
    )


def bad_sql(cell: str, value: str) -> str:
    """The SQL that is true when a cell has something that is not a number."""
    text = f"lower(trim(CAST({cell} AS VARCHAR)))"
    nothing = ", ".join(f"'{word}'" for word in NO_VALUE)
    return f"({value} IS NULL AND {cell} IS NOT NULL AND {text} NOT IN ({nothing}))"
