"""The generated pages: plain Python from the typed playbook to Markdown strings.

Nothing here touches MkDocs or the file system. Every value from the data goes through
``playbook.site.escape``; the rule documentation is the project's own Markdown and is
used as written. The output depends only on its input: orders are sorted, and nothing
carries a date or a time, so the same data gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from playbook.rules.registry import SECTIONS, Rule
from playbook.site.escape import cell
from playbook.site.tables import listing

ACCOUNTS_INDEX = "accounts/index.md"


def account_path(account_id: str) -> str:
    """An account's page in the docs folder."""
    return f"accounts/{account_id}.md"


def list_path(kind: str, key: str, up: str) -> str:
    """The list page of one industry, domain, tier or region, from a page ``up`` below the docs root."""
    return f"{up}accounts/by/{kind}-{key}.md"


RULES_INDEX = "rules/index.md"

#: Titles of the rule families, keyed by the letters of their codes.
FAMILY_TITLES: dict[str, str] = {
    "YAML": "Reading YAML",
    "FILE": "Files and layout",
    "SCH": "Schema checks",
    "ID": "Ids",
    "REF": "References",
    "COV": "Coverage",
    "TIER": "Tiers",
    "TRI": "Iron triangle",
    "KPI": "KPIs",
    "REL": "Relationships",
    "ASM": "Assessments",
    "ACT": "Actions",
    "PLAN": "Account plans",
    "LOAD": "Account load",
    "OWN": "Review owners",
    "TEAM": "Teams",
    "TAX": "Region hierarchy",
    "GATE": "Pull-request gate",
}
#: Families in the order a file meets them: read, shape-checked, then the cross-file rules.
_FAMILY_ORDER = ("YAML", "FILE", "SCH")
_SECTION_IDS = {section: re.sub(r"[^a-z]+", "-", section.lower()).strip("-") for section in SECTIONS}


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes under the docs folder, its navigation title, its text.

    Pages with ``in_nav`` false (one per account, team or person) are reached through index
    pages and search; listing thousands of them in the navigation would make every page of
    the site carry them all.
    """

    path: str
    title: str
    markdown: str
    in_nav: bool = True


# --- rules ------------------------------------------------------------------------------


def family(code: str) -> str:
    """The letters of a rule code: ``REF`` for ``REF001``."""
    return code.rstrip("0123456789")


def anchor(code: str) -> str:
    """The stable anchor of a rule on its family page."""
    return code.lower()


def family_page(code: str) -> str:
    """The path, under the docs folder, of the page that documents a code."""
    return f"rules/{family(code).lower()}.md"


def rule_pages(rules: Mapping[str, Rule]) -> list[Page]:
    """The rule reference: an index of every code, then one page per family."""
    families: dict[str, list[Rule]] = {}
    for rule in sorted(rules.values(), key=lambda rule: rule.code):
        families.setdefault(family(rule.code), []).append(rule)
    ordered = sorted(families, key=_family_key)
    pages = [_rules_index([rule for letters in ordered for rule in families[letters]])]
    pages += [_family(letters, families[letters]) for letters in ordered]
    return pages


def _family_key(letters: str) -> tuple[int, str]:
    if letters in _FAMILY_ORDER:
        return (_FAMILY_ORDER.index(letters), letters)
    return (len(_FAMILY_ORDER), letters)


def _family_title(letters: str) -> str:
    return f"{letters}: {FAMILY_TITLES.get(letters, letters.title())}"


def _rules_index(rules: list[Rule]) -> Page:
    lines = [
        "# Rule reference",
        "",
        "Every finding `playbook validate` can report, by code. A finding reads",
        "`path:line:col: severity CODE message`; the code links here. `playbook rules CODE` prints",
        "the same text in a terminal.",
        "",
    ]
    table = ["| Code | Name | Severity | What it reports |", "| --- | --- | --- | --- |"]
    for rule in rules:
        target = f"{family_page(rule.code).removeprefix('rules/')}#{anchor(rule.code)}"
        summary = _markdown_cell(rule.summary)
        table.append(f"| [{rule.code}]({target}) | {cell(rule.name)} | {rule.severity} | {summary} |")
    return Page(RULES_INDEX, "Rule reference", "\n".join([*lines, *listing(table)]) + "\n")


def _markdown_cell(markdown: str) -> str:
    """The project's own Markdown (a rule summary) made safe for one table cell."""
    return " ".join(markdown.split()).replace("|", "\\|")


def _family(letters: str, rules: list[Rule]) -> Page:
    title = _family_title(letters)
    lines = [f"# {title}", ""]
    for rule in rules:
        lines += [
            f"## {rule.code} {rule.name} {{ #{anchor(rule.code)} }}",
            "",
            f"**{rule.severity}** · {rule.summary}",
            "",
        ]
        for section in SECTIONS:
            body = rule.shown(section)
            heading_id = f"{anchor(rule.code)}-{_SECTION_IDS[section]}"
            lines += [f"### {section} {{ #{heading_id} }}", "", body or "*Not documented yet.*", ""]
    return Page(family_page(letters), title, "\n".join(lines).rstrip("\n") + "\n")
