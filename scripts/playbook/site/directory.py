"""Display names and links shared by the generated pages: tiers, terms, teams, people, accounts, rules.

A directory is built once per site from the playbook. It gives every id its display name
(escaped for a table cell) and a link to the page that describes it, when that page exists:
an account, team or person page for ids the playbook defines, a rule anchor for codes the
registry knows. An id the playbook does not define is shown as text, never as a link that
would break the strict build. Orders are by display name, then id, so the same data gives
the same page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from playbook.models import Account, Team
from playbook.models.common import Name
from playbook.models.taxonomy import Term
from playbook.models.tiers import Tier
from playbook.repository import Person, Playbook
from playbook.rules import RULES
from playbook.site.context import Language
from playbook.site.escape import cell
from playbook.site.labels import LabelTable, label

#: How many entries a list of accounts shows before it says how many more there are.
LIST_CAP = 50

LABELS: LabelTable = {
    "more": ("and {count} more", "另有 {count} 个"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "dash": ("—", "—"),
    "total": ("Total", "合计"),
    "over": ("over", "超出"),
    "under": ("under", "不足"),
    "ok": ("within bounds", "在范围内"),
    "no_bounds": ("no bounds", "无限制"),
    "spared": (
        "below the minimum, held in the simplified model (office seller or stand-in)",
        "低于下限，属简化模式（办事处销售或补位）",
    ),
    "separator": (", ", "、"),
    "accounts_one": ("{count} account", "{count} 个客户"),
    "accounts_many": ("{count} accounts", "{count} 个客户"),
}


def say(key: str, language: Language, **values: object) -> str:
    """A label of this module (or a common one), with ``{placeholders}`` filled in."""
    return label(key, language, LABELS).format(**values)


def count_accounts(count: int, language: Language) -> str:
    """``1 account``, ``2 accounts``."""
    return say("accounts_one" if count == 1 else "accounts_many", language, count=count)


def sort_key(name: object, identifier: str) -> tuple[str, str]:
    """The order of every list: display name, case-insensitive, then id."""
    return (str(name).casefold(), identifier)


def _first(pairs: Iterable[tuple[str, Name]]) -> dict[str, Name]:
    found: dict[str, Name] = {}
    for key, name in pairs:
        found.setdefault(key, name)
    return found


def _terms(terms: Iterable[Term]) -> dict[str, Name]:
    return _first((term.id, term.name) for term in terms)


@dataclass(frozen=True)
class Directory:
    """Names and links of everything the overview pages refer to, by id."""

    playbook: Playbook

    @cached_property
    def tiers(self) -> list[Tier]:
        """The defined tiers from the top (the first definition of a repeated id), by rank then id."""
        seen: dict[str, Tier] = {}
        for tier in self.playbook.tiers.model.tiers if self.playbook.tiers else []:
            seen.setdefault(tier.id, tier)
        return sorted(seen.values(), key=lambda tier: (tier.rank, tier.id))

    @cached_property
    def tier_by_id(self) -> dict[str, Tier]:
        return {tier.id: tier for tier in self.tiers}

    @cached_property
    def industries(self) -> dict[str, Name]:
        return _terms(self.playbook.taxonomy.model.industries) if self.playbook.taxonomy else {}

    @cached_property
    def regions(self) -> dict[str, Name]:
        return _terms(self.playbook.taxonomy.model.regions) if self.playbook.taxonomy else {}

    @cached_property
    def domains(self) -> dict[str, Name]:
        return _terms(self.playbook.taxonomy.model.government_domains) if self.playbook.taxonomy else {}

    @cached_property
    def dimensions(self) -> dict[str, Name]:
        return _terms(self.playbook.taxonomy.model.relationship_dimensions) if self.playbook.taxonomy else {}

    @cached_property
    def metrics(self) -> dict[str, tuple[Name, str | None]]:
        found: dict[str, tuple[Name, str | None]] = {}
        for metric in self.playbook.tiers.model.metrics if self.playbook.tiers else []:
            found.setdefault(metric.id, (metric.name, metric.unit))
        return found

    @cached_property
    def teams(self) -> dict[str, Team]:
        return {team.model.id: team.model for team in reversed(self.playbook.teams)}

    @cached_property
    def people(self) -> dict[str, Person]:
        return self.playbook.person_by_id

    @cached_property
    def accounts(self) -> dict[str, Account]:
        return {account.model.id: account.model for account in reversed(self.playbook.accounts)}

    @cached_property
    def account_by_folder(self) -> dict[str, str]:
        """Account folder name to account id, for the accounts findings point into."""
        found: dict[str, str] = {}
        for account in self.playbook.accounts:
            found.setdefault(account.stem, account.model.id)
        return found

    # --- names (escaped for a table cell) -------------------------------------------------

    def tier_name(self, tier_id: str) -> str:
        tier = self.tier_by_id.get(tier_id)
        return cell(tier.name if tier else tier_id)

    def tier_rank(self, tier_id: str) -> tuple[int, str]:
        """Where a tier sorts: defined tiers by rank, unknown ids after them."""
        tier = self.tier_by_id.get(tier_id)
        return (tier.rank, tier_id) if tier else (1 + max((t.rank for t in self.tiers), default=0), tier_id)

    def industry_name(self, industry_id: str) -> str:
        return cell(self.industries.get(industry_id, industry_id))

    def region_name(self, region_id: str) -> str:
        return cell(self.regions.get(region_id, region_id))

    def domain_name(self, domain_id: str) -> str:
        return cell(self.domains.get(domain_id, domain_id))

    def dimension_name(self, dimension_id: str) -> str:
        return cell(self.dimensions.get(dimension_id, dimension_id))

    def team_display(self, team_id: str) -> str:
        """A team's display name, unescaped (for sorting)."""
        team = self.teams.get(team_id)
        return str(team.name) if team else team_id

    def person_display(self, person_id: str) -> str:
        """A person's display name, unescaped (for sorting and page titles)."""
        person = self.people.get(person_id)
        return str(person.member.name) if person else person_id

    def account_display(self, account_id: str) -> str:
        """An account's display name, unescaped (for sorting)."""
        account = self.accounts.get(account_id)
        return str(account.name) if account else account_id

    # --- links ------------------------------------------------------------------------------

    def team_link(self, team_id: str, up: str = "") -> str:
        """``[name](teams/<id>.md)`` for a defined team, else its id as text. ``up`` leads to the docs root."""
        if team_id not in self.teams:
            return cell(team_id)
        return f"[{cell(self.team_display(team_id))}]({up}teams/{team_id}.md)"

    def person_page(self, person_id: str) -> str | None:
        """The docs path of a person's page (``people/<id>.md``), or None for an id the playbook does not define."""
        return f"people/{person_id}.md" if person_id in self.people else None

    def person_link(self, person_id: str, up: str = "") -> str:
        if person_id not in self.people:
            return cell(person_id)
        return f"[{cell(self.person_display(person_id))}]({up}people/{person_id}.md)"

    def account_link(self, account_id: str, up: str = "") -> str:
        if account_id not in self.accounts:
            return cell(account_id)
        return f"[{cell(self.account_display(account_id))}]({up}accounts/{account_id}.md)"

    def accounts_list(self, account_ids: Iterable[str], language: Language, up: str = "", cap: int = LIST_CAP) -> str:
        """Links to accounts in display order, the first ``cap`` of them, then how many more."""
        ordered = sorted(
            set(account_ids), key=lambda account_id: sort_key(self.account_display(account_id), account_id)
        )
        separator = say("separator", language)
        shown = separator.join(self.account_link(account_id, up) for account_id in ordered[:cap])
        rest = len(ordered) - cap
        return f"{shown}{separator}{say('more', language, count=rest)}" if rest > 0 else shown


def rule_link(code: str, up: str = "", text: str | None = None) -> str:
    """A link to a rule's anchor in the rule reference, or the code as text for an unknown code."""
    shown = text if text is not None else code
    if code not in RULES:
        return shown
    letters = code.rstrip("0123456789")
    return f"[{shown}]({up}rules/{letters.lower()}.md#{code.lower()})"


def source_link(source: str | None, path: str) -> str:
    """A repository file (``data/...``) linked to where the code host shows it, or its path as text."""
    return f"[{cell(path)}]({source}{path})" if source else cell(path)
