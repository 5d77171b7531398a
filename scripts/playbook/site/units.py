"""One way to write amounts and units on every page, from the taxonomy's currency and unit.

Amounts read ``4,700 CNY 10k`` (``4,700 万元`` on a Chinese site); a metric whose unit is in
the taxonomy's currency is labelled the same way, whatever words tiers.yaml uses for it. Text
that pairs English with Chinese in brackets, as job titles often do (``Director (处长)``), is
shown Chinese first like every name on the site (``处长 (Director)``).
"""

from __future__ import annotations

import re

from playbook.models.taxonomy import Taxonomy

#: The amount units whose Chinese name people use instead of the currency code.
CHINESE_UNITS = {"10k": "万元", "100m": "亿元", "1k": "千元"}
_ENGLISH_FIRST = re.compile(
    r"^(?P<english>[^()\u3400-\u9fff]*[A-Za-z][^()\u3400-\u9fff]*?) \((?P<chinese>[^()]*[\u3400-\u9fff][^()]*)\)$"
)


def amount_unit(taxonomy: Taxonomy | None, language: str) -> str:
    """The label of every amount: ``CNY 10k`` (万元 on a Chinese site), from the taxonomy."""
    if taxonomy is None:
        return ""
    chinese = CHINESE_UNITS.get(taxonomy.amount_unit) if taxonomy.currency == "CNY" else None
    if language == "zh" and chinese:
        return chinese
    return f"{taxonomy.currency} {taxonomy.amount_unit}"


def amount(value: float) -> str:
    """An amount: thousands separators, at most two decimals, no trailing zeros."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def metric_unit(unit: str | None, taxonomy: Taxonomy | None, language: str) -> str:
    """A metric's unit; one in the taxonomy's currency and unit (``10k CNY (万元)``) is labelled the
    way amounts are. Any other unit (``CNY 100m``, ``rank``) stays as tiers.yaml has it."""
    if unit is None:
        return ""
    if taxonomy is not None and taxonomy.currency in unit and taxonomy.amount_unit in unit.split():
        return amount_unit(taxonomy, language)
    return unit


def with_unit(value: str, unit: str) -> str:
    """``30,000 CNY 10k`` for an amount or a percentage; ``4 (grade 1-5)`` for any other unit."""
    if not unit:
        return value
    if unit == "%":
        return f"{value} %"
    if unit[:1].isupper() or unit in CHINESE_UNITS.values():
        return f"{value} {unit}"
    return f"{value} ({unit})"


def chinese_first(words: str) -> str:
    """``Director (处长)`` as ``处长 (Director)``: the order names are shown in; other text as it is."""
    match = _ENGLISH_FIRST.match(" ".join(words.split()))
    return f"{match['chinese']} ({match['english']})" if match else words
