"""The generated pages: plain Python from the typed playbook to Markdown strings.

Nothing here touches MkDocs or the file system. Every value from the data goes through
``playbook.site.escape``; the rule documentation is the project's own Markdown and is
used as written. The output depends only on its input: orders are sorted, and nothing
carries a date or a time, so the same data gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from playbook.models.common import Name
from playbook.models.taxonomy import Term
from playbook.models.tiers import Tier
from playbook.repository import Playbook
from playbook.rules.registry import SECTIONS, Rule
from playbook.site.escape import cell, inline

Audience = Literal["internal", "public"]
#: Who a site is for. ``public`` leaves out personal data: contacts, relationship scores and
#: assessment notes.
AUDIENCES: tuple[Audience, ...] = ("internal", "public")

ACCOUNTS_INDEX = "accounts/index.md"
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
    "TEAM": "Teams",
}
#: Families in the order a file meets them: read, shape-checked, then the cross-file rules.
_FAMILY_ORDER = ("YAML", "FILE", "SCH")
#: Test annotations in the examples (where a finding must point); readers do not need them.
_EXPECT_LINE = re.compile(r"^# expect:.*\n", flags=re.MULTILINE)
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


def generate(playbook: Playbook, rules: Mapping[str, Rule], audience: Audience = "internal") -> list[Page]:
    """Every generated page, each section's index first."""
    return [accounts_index(playbook, audience), *rule_pages(rules)]


# --- accounts -------------------------------------------------------------------------


def accounts_index(playbook: Playbook, audience: Audience = "internal") -> Page:
    """The list of named accounts with tier, industry, region and owning team.

    The list holds no personal data, so both audiences see the same page.
    """
    tiers: dict[str, Tier] = {}
    for defined in playbook.tiers.model.tiers if playbook.tiers else []:
        tiers.setdefault(defined.id, defined)
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    industries = _terms(taxonomy.industries if taxonomy else [])
    regions = _terms(taxonomy.regions if taxonomy else [])
    teams: dict[str, Name] = {}
    for team in playbook.teams:
        teams.setdefault(team.model.id, team.model.name)
    unranked = 1 + max((tier.rank for tier in tiers.values()), default=0)

    def order(account_id: str, name: Name, tier_id: str) -> tuple[int, str, str]:
        tier = tiers.get(tier_id)
        return (tier.rank if tier else unranked, str(name).casefold(), account_id)

    accounts = sorted(
        (account.model for account in playbook.accounts),
        key=lambda account: order(account.id, account.name, account.tier),
    )
    lines = [
        "# Accounts",
        "",
        "Every named account, from the top tier down. A customer that is not listed here belongs to",
        "the regional team of its region.",
        "",
    ]
    if not accounts:
        lines.append("There are no named accounts yet.")
        return Page(ACCOUNTS_INDEX, "Accounts", "\n".join(lines) + "\n")
    lines.append(_tier_counts([account.tier for account in accounts], tiers))
    lines += [
        "",
        "| Account | Id | Tier | Industry | Region | Owning team |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for account in accounts:
        tier = tiers.get(account.tier)
        row = (
            str(account.name),
            account.id,
            str(tier.name) if tier else account.tier,
            str(industries.get(account.industry, account.industry)),
            str(regions.get(account.region, account.region)),
            str(teams.get(account.owner, account.owner)),
        )
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    return Page(ACCOUNTS_INDEX, "Accounts", "\n".join(lines) + "\n")


def _terms(terms: Iterable[Term]) -> dict[str, Name]:
    found: dict[str, Name] = {}
    for term in terms:
        found.setdefault(term.id, term.name)
    return found


def _tier_counts(tier_ids: list[str], tiers: Mapping[str, Tier]) -> str:
    """``3 accounts: 1 Strategic, 2 Key.``, in the order the tier ids come."""
    counts: dict[str, int] = {}
    for tier_id in tier_ids:
        counts[tier_id] = counts.get(tier_id, 0) + 1
    parts = []
    for tier_id, count in counts.items():
        tier = tiers.get(tier_id)
        parts.append(f"{count} {inline(tier.name if tier else tier_id)}")
    total = len(tier_ids)
    return f"{total} account{'' if total == 1 else 's'}: {', '.join(parts)}."


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
        "| Code | Name | Severity | What it reports |",
        "| --- | --- | --- | --- |",
    ]
    for rule in rules:
        target = f"{family_page(rule.code).removeprefix('rules/')}#{anchor(rule.code)}"
        summary = _markdown_cell(rule.summary)
        lines.append(f"| [{rule.code}]({target}) | {cell(rule.name)} | {rule.severity} | {summary} |")
    return Page(RULES_INDEX, "Rule reference", "\n".join(lines) + "\n")


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
            body = _EXPECT_LINE.sub("", rule.sections.get(section, "")).strip("\n")
            heading_id = f"{anchor(rule.code)}-{_SECTION_IDS[section]}"
            lines += [f"### {section} {{ #{heading_id} }}", "", body or "*Not documented yet.*", ""]
    return Page(family_page(letters), title, "\n".join(lines).rstrip("\n") + "\n")
