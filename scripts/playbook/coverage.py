"""The coverage model computed from the data: who owns which customers, where the gaps are.

Two matrices: industry × region for commercial customers (key-account teams by industry,
regional teams by default) and government domain × region (government teams). A cell names
the named-account teams that claim it, the regional team that owns everyone else there, and
how many named accounts it holds. A cell with no owner at all is a gap; one that two teams of
the same kind claim is an overlap. Also the load view: accounts per AR against tier bounds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from playbook.models.team import Team
from playbook.repository import Playbook


@dataclass(frozen=True)
class Cell:
    """One industry (or domain) × region square of the coverage matrix."""

    row: str
    region: str
    named_teams: tuple[str, ...]
    regional_teams: tuple[str, ...]
    accounts: tuple[tuple[str, int], ...] = ()

    @property
    def account_count(self) -> int:
        return sum(count for _, count in self.accounts)

    @property
    def gap(self) -> bool:
        """Nobody owns the customers here: no named team and no regional team."""
        return not self.named_teams and not self.regional_teams

    @property
    def overlap(self) -> bool:
        """Two teams of the same kind claim the same customers."""
        return len(self.named_teams) > 1 or len(self.regional_teams) > 1


@dataclass(frozen=True)
class Matrix:
    """Rows (industries or domains) × regions."""

    kind: str
    rows: tuple[str, ...]
    regions: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]

    def cell(self, row: str, region: str) -> Cell:
        return self.cells[(row, region)]

    @property
    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell.gap]

    @property
    def overlaps(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell.overlap]


@dataclass(frozen=True)
class ArLoad:
    """How many accounts of one tier a person holds as AR, against the tier's bounds."""

    person: str
    tier: str
    accounts: tuple[str, ...]
    minimum: int | None
    maximum: int | None

    @property
    def over(self) -> bool:
        return self.maximum is not None and len(self.accounts) > self.maximum

    @property
    def under(self) -> bool:
        return self.minimum is not None and len(self.accounts) < self.minimum


@dataclass(frozen=True)
class Coverage:
    commercial: Matrix
    government: Matrix
    regions_without_regional_team: tuple[str, ...]
    load: tuple[ArLoad, ...] = field(default=())


def compute(playbook: Playbook) -> Coverage:
    """The coverage of the playbook as it stands."""
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    regions = tuple(term.id for term in taxonomy.regions) if taxonomy else ()
    industries = tuple(term.id for term in taxonomy.industries) if taxonomy else ()
    domains = tuple(term.id for term in taxonomy.government_domains) if taxonomy else ()
    teams = [team.model for team in playbook.teams]
    regional = _claims(teams, "regional", None)
    commercial = _matrix("industry", industries, regions, _claims(teams, "key_account", "industries"), regional)
    government = _matrix("domain", domains, regions, _claims(teams, "government", "domains"), regional)
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for account in playbook.accounts:
        model = account.model
        owner = playbook.team_by_id.get(model.owner)
        kind = "domain" if owner is not None and owner.model.type == "government" and model.domain else "industry"
        row = model.domain if kind == "domain" and model.domain else model.industry
        counts[(kind, row, model.region)][model.owner] += 1
    for matrix in (commercial, government):
        for key, cell in list(matrix.cells.items()):
            counted = counts.get((matrix.kind, *key))
            if counted:
                matrix.cells[key] = Cell(
                    cell.row, cell.region, cell.named_teams, cell.regional_teams, tuple(sorted(counted.items()))
                )
    bare = tuple(region for region in regions if not regional.get(("", region)))
    return Coverage(commercial, government, bare, tuple(ar_load(playbook)))


def _claims(teams: list[Team], kind: str, rows: str | None) -> dict[tuple[str, str], list[str]]:
    """(row, region) -> ids of teams of ``kind`` claiming it; row '' for regional teams."""
    claims: dict[tuple[str, str], list[str]] = defaultdict(list)
    for team in sorted(teams, key=lambda t: t.id):
        if team.type != kind:
            continue
        for region in team.scope.regions:
            for row in getattr(team.scope, rows) if rows else [""]:
                claims[(row, region)].append(team.id)
    return claims


def _matrix(
    kind: str,
    rows: tuple[str, ...],
    regions: tuple[str, ...],
    named: dict[tuple[str, str], list[str]],
    regional: dict[tuple[str, str], list[str]],
) -> Matrix:
    cells = {
        (row, region): Cell(row, region, tuple(named.get((row, region), ())), tuple(regional.get(("", region), ())))
        for row in rows
        for region in regions
    }
    return Matrix(kind, rows, regions, cells)


def ar_load(playbook: Playbook) -> list[ArLoad]:
    """Accounts per AR and tier, sorted by person then tier rank."""
    held: dict[tuple[str, str], list[str]] = defaultdict(list)
    for account in playbook.accounts:
        for person in account.model.iron_triangle.ar:
            held[(person, account.model.tier)].append(account.model.id)
    tiers = {tier.id: tier for tier in playbook.tiers.model.tiers} if playbook.tiers else {}
    loads = []
    for (person, tier_id), accounts in held.items():
        tier = tiers.get(tier_id)
        bounds = tier.accounts_per_ar if tier else None
        loads.append(
            ArLoad(
                person,
                tier_id,
                tuple(sorted(accounts)),
                bounds.min if bounds else None,
                bounds.max if bounds else None,
            )
        )
    rank = {tier_id: tier.rank for tier_id, tier in tiers.items()}
    return sorted(loads, key=lambda load: (load.person, rank.get(load.tier, 999), load.tier))
