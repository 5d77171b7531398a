"""The playbook's rules as the small tables the assignment joins an extract against.

- ``terms``: every spelling of a region, industry or domain (id, names, aliases) → its id;
- ``region_teams``: every region → the regional team that owns its customers by default,
  found through the region's parents when it has none of its own;
- ``named``: every account with a ``crm_id`` → the account, its owning team and its tier;
- ``owners``: every spelling of a team or person (id, names, email, handle) → the team;
- ``account_people``: every spelling of a person on an account's iron triangle → the account;
- ``tiers`` and ``metrics``: the tier criteria, the way the assignment tests them.

All of it is plain data (tuples of text and numbers), so that it can be kept in the cache
and rebuilt only when the playbook changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playbook.repository import Playbook

#: The characters trimmed from a CRM value before it is compared (spaces, tabs, ideographic space).
TRIMMED = " \t\u3000"
#: The taxonomy sections whose values an extract's columns carry, by the column key.
TERM_SECTIONS: dict[str, str] = {"region": "regions", "industry": "industries", "domain": "government_domains"}


def spelling(value: str) -> str:
    """How a value is compared: trimmed and in lower case (the SQL side does the same)."""
    return value.strip(TRIMMED).lower()


@dataclass(frozen=True)
class TierRule:
    """A tier as the assignment tests it."""

    id: str
    rank: int
    #: Whether the tier is one for named accounts (its owners may not be regional teams).
    named: bool
    match: str
    #: (metric id, comparison, threshold) of each criterion.
    criteria: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class RuleTables:
    """Everything the assignment needs from the playbook."""

    terms: tuple[tuple[str, str, str], ...]
    region_teams: tuple[tuple[str, str], ...]
    named: tuple[tuple[str, str, str, str], ...]
    owners: tuple[tuple[str, str], ...]
    account_people: tuple[tuple[str, str], ...]
    tiers: tuple[TierRule, ...]
    #: (metric id, unit text) of every metric of tiers.yaml.
    metrics: tuple[tuple[str, str], ...]
    #: The settings' ``crm`` mapping, as plain data (``CrmMapping.model_dump``).
    mapping: dict[str, Any]
    #: The amount unit of the taxonomy (``10k``, ``million``...).
    amount_unit: str
    #: Team id → display name, for the summary.
    team_names: tuple[tuple[str, str], ...]
    #: How many errors the playbook's validation found (the assignment runs all the same).
    errors: int = 0

    def as_data(self) -> dict[str, Any]:
        """The tables as marshal-able data, for the cache."""
        return {
            "terms": self.terms,
            "region_teams": self.region_teams,
            "named": self.named,
            "owners": self.owners,
            "account_people": self.account_people,
            "tiers": tuple((t.id, t.rank, t.named, t.match, t.criteria) for t in self.tiers),
            "metrics": self.metrics,
            "mapping": self.mapping,
            "amount_unit": self.amount_unit,
            "team_names": self.team_names,
            "errors": self.errors,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> RuleTables:
        tiers = tuple(
            TierRule(str(i), int(r), bool(n), str(m), tuple((str(a), str(b), float(c)) for a, b, c in crit))
            for i, r, n, m, crit in data["tiers"]
        )
        return cls(
            terms=tuple(tuple(row) for row in data["terms"]),
            region_teams=tuple(tuple(row) for row in data["region_teams"]),
            named=tuple(tuple(row) for row in data["named"]),
            owners=tuple(tuple(row) for row in data["owners"]),
            account_people=tuple(tuple(row) for row in data["account_people"]),
            tiers=tiers,
            metrics=tuple(tuple(row) for row in data["metrics"]),
            mapping=dict(data["mapping"]),
            amount_unit=str(data["amount_unit"]),
            team_names=tuple(tuple(row) for row in data["team_names"]),
            errors=int(data["errors"]),
        )


def tables_of(playbook: Playbook, errors: int = 0) -> RuleTables:
    """The rule tables of a loaded playbook."""
    from playbook.models.settings import CrmMapping

    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    tiers_file = playbook.tiers.model if playbook.tiers else None
    mapping = playbook.settings.model.crm if playbook.settings else CrmMapping()
    terms: set[tuple[str, str, str]] = set()
    if taxonomy is not None:
        for kind, section in TERM_SECTIONS.items():
            for term in getattr(taxonomy, section):
                for text in (term.id, term.name.en, term.name.zh, *term.aliases):
                    if text:
                        terms.add((kind, spelling(text), term.id))
    owners: set[tuple[str, str]] = set()
    team_names = []
    for team in playbook.teams:
        charter = team.model
        team_names.append((charter.id, str(charter.name)))
        for text in (charter.id, charter.name.en, charter.name.zh):
            if text:
                owners.add((spelling(text), charter.id))
        for member in charter.members:
            for text in _person_spellings(member):
                owners.add((spelling(text), charter.id))
    people = playbook.person_by_id
    named: list[tuple[str, str, str, str]] = []
    account_people: set[tuple[str, str]] = set()
    for account in playbook.accounts:
        model = account.model
        if model.crm_id is None:
            continue
        named.append((model.crm_id.strip(TRIMMED), model.id, model.owner, model.tier))
        triangle = model.iron_triangle
        for person_id in (*triangle.ar, *triangle.sr, *triangle.fr):
            person = people.get(person_id)
            spellings = _person_spellings(person.member) if person else [person_id]
            account_people.update((spelling(text), model.id) for text in spellings)
    tiers: list[TierRule] = []
    if tiers_file is not None:
        for tier in sorted(tiers_file.tiers, key=lambda t: t.rank):
            criteria = tuple((c.metric, c.comparison, float(c.threshold)) for c in tier.criteria)
            named_tier = "regional" not in tier.owner_team_types
            tiers.append(TierRule(tier.id, tier.rank, named_tier, tier.criteria_match, criteria))
    metrics = tuple((m.id, m.unit or "") for m in tiers_file.metrics) if tiers_file else ()
    return RuleTables(
        terms=tuple(sorted(terms)),
        region_teams=_region_teams(playbook),
        named=tuple(sorted(named)),
        owners=tuple(sorted(owners)),
        account_people=tuple(sorted(account_people)),
        tiers=tuple(tiers),
        metrics=metrics,
        mapping=mapping.model_dump(mode="json", exclude_unset=True),
        amount_unit=taxonomy.amount_unit if taxonomy else "",
        team_names=tuple(sorted(team_names)),
        errors=errors,
    )


def _person_spellings(member: Any) -> list[str]:
    texts = [member.id, member.name.en, member.name.zh, member.email, member.handle]
    return [text for text in texts if text]


def _region_teams(playbook: Playbook) -> tuple[tuple[str, str], ...]:
    """Each region and the regional team that owns its customers by default.

    A region without a regional team of its own rolls up to its parent, then the parent's
    parent; where one level has several regional teams (an overlap the validator reports),
    the first by id owns, so that the assignment stays deterministic.
    """
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    if taxonomy is None:
        return ()
    parent = {region.id: getattr(region, "parent", None) for region in taxonomy.regions}
    covering: dict[str, list[str]] = {}
    for team in sorted(playbook.teams, key=lambda t: t.model.id):
        if team.model.type == "regional":
            for region in team.model.scope.regions:
                covering.setdefault(region, []).append(team.model.id)
    rows = []
    for region in parent:
        seen: set[str] = set()
        current: str | None = region
        while current is not None and current not in seen:
            seen.add(current)
            if covering.get(current):
                rows.append((region, covering[current][0]))
                break
            current = parent.get(current)
    return tuple(sorted(rows))
