"""The coverage model computed from the data: who owns which customers, where the gaps are.

Two matrices: industry × region for commercial customers (key-account teams by industry,
regional teams by default) and government domain × region (government teams). A cell names
the named-account teams that own the named customers there, those that support the regional
owners instead (the simplified model), the regional team that owns everyone else, and how many
named accounts it holds. Coverage is worked out on the smallest regions and rolled up to the
regions above them. A smallest region with no owner at all is a gap; one that two teams of the
same kind claim is an overlap. Also the load view: accounts per AR against tier bounds.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from playbook.models.team import Team
from playbook.ownership import NAMED_SCOPES, held_in_support, regions_without_regional_team
from playbook.regions import RegionTree, region_tree
from playbook.repository import Playbook


@dataclass(frozen=True)
class Cell:
    """One industry (or domain) × region square of the coverage matrix.

    A cell of a region with regions below it rolls theirs up: the teams of any of them, the
    accounts of all of them, and the smallest regions below it that are gaps or overlaps.
    """

    row: str
    region: str
    #: The named-account teams that own the named customers here.
    named_teams: tuple[str, ...]
    regional_teams: tuple[str, ...]
    accounts: tuple[tuple[str, int], ...] = ()
    #: The named-account teams that support the regional owners here (the simplified model).
    supporting_teams: tuple[str, ...] = ()
    #: For a roll-up: the smallest regions below that are gaps, and those that are overlaps.
    gap_leaves: tuple[str, ...] | None = None
    overlap_leaves: tuple[str, ...] | None = None

    @property
    def account_count(self) -> int:
        return sum(count for _, count in self.accounts)

    @property
    def rolled_up(self) -> bool:
        return self.gap_leaves is not None

    @property
    def gap(self) -> bool:
        """Nobody owns the customers here: no named team and no regional team (a supporting team owns none)."""
        if self.gap_leaves is not None:
            return bool(self.gap_leaves)
        return not self.named_teams and not self.regional_teams

    @property
    def overlap(self) -> bool:
        """Two teams of the same kind claim the same customers."""
        if self.overlap_leaves is not None:
            return bool(self.overlap_leaves)
        return len(self.named_teams) + len(self.supporting_teams) > 1 or len(self.regional_teams) > 1


@dataclass(frozen=True)
class Matrix:
    """Rows (industries or domains) × regions, at every level of the region hierarchy.

    ``regions`` are the columns shown first: the top-level regions (or, focused, the regions
    right below one). ``children`` opens a region into the regions right below it; ``cells``
    holds every region of every level. Gaps and overlaps are the smallest regions' cells.
    """

    kind: str
    rows: tuple[str, ...]
    regions: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cell(self, row: str, region: str) -> Cell:
        return self.cells[(row, region)]

    @property
    def gaps(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if not cell.rolled_up and cell.gap]

    @property
    def overlaps(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if not cell.rolled_up and cell.overlap]


@dataclass(frozen=True)
class ArLoad:
    """How many accounts of one tier a person holds as AR, against the tier's bounds."""

    person: str
    tier: str
    accounts: tuple[str, ...]
    minimum: int | None
    maximum: int | None
    #: The accounts held in the simplified model (standing in, or kept by a supported regional team).
    supported: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        return self.maximum is not None and len(self.accounts) > self.maximum

    @property
    def under(self) -> bool:
        """Below the tier's minimum, which a key-account team's ratio sets and the simplified model is spared."""
        spared = bool(self.accounts) and set(self.accounts) <= set(self.supported)
        return self.minimum is not None and len(self.accounts) < self.minimum and not spared


@dataclass(frozen=True)
class Coverage:
    commercial: Matrix
    government: Matrix
    regions_without_regional_team: tuple[str, ...]
    load: tuple[ArLoad, ...] = field(default=())


def compute(playbook: Playbook) -> Coverage:
    """The coverage of the playbook as it stands."""
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    tree = region_tree(playbook)
    industries = tuple(term.id for term in taxonomy.industries) if taxonomy else ()
    domains = tuple(term.id for term in taxonomy.government_domains) if taxonomy else ()
    teams = sorted((team.model for team in playbook.teams), key=lambda team: team.id)
    reach = {team.id: tree.leaves_of(team.scope.regions) for team in teams}
    regional = {
        leaf: tuple(t.id for t in teams if t.type == "regional" and leaf in reach[t.id]) for leaf in _leaves(tree)
    }
    counts: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    for account in playbook.accounts:
        model = account.model
        owner = playbook.team_by_id.get(model.owner)
        kind = "domain" if owner is not None and owner.model.type == "government" and model.domain else "industry"
        row = model.domain if kind == "domain" and model.domain else model.industry
        if tree.known(model.region):
            for region in (model.region, *tree.ancestors(model.region)):
                counts[(kind, row, region)][model.owner] += 1
    commercial = _matrix("industry", industries, "key_account", teams, reach, regional, counts, tree)
    government = _matrix("domain", domains, "government", teams, reach, regional, counts, tree)
    return Coverage(commercial, government, regions_without_regional_team(playbook), tuple(ar_load(playbook)))


def _leaves(tree: RegionTree) -> list[str]:
    return [region for region in tree.parents if tree.is_leaf(region)]


def _matrix(
    kind: str,
    rows: tuple[str, ...],
    team_type: str,
    teams: list[Team],
    reach: dict[str, frozenset[str]],
    regional: dict[str, tuple[str, ...]],
    counts: dict[tuple[str, str, str], Counter[str]],
    tree: RegionTree,
) -> Matrix:
    section = NAMED_SCOPES[team_type]
    named = [team for team in teams if team.type == team_type]
    cells: dict[tuple[str, str], Cell] = {}
    for row in rows:
        claiming = [team for team in named if row in getattr(team.scope, section)]
        for top in tree.top_level:
            order = tree.subtree(top)
            for region in reversed(order):  # the regions below first: a roll-up reads their cells
                leaves = tree.leaves(region)
                owning = _union(team.id for team in claiming if not team.supports and reach[team.id] & leaves)
                backing = _union(team.id for team in claiming if team.supports and reach[team.id] & leaves)
                defaults = _union(team for leaf in leaves for team in regional.get(leaf, ()))
                counted = tuple(sorted(counts.get((kind, row, region), Counter()).items()))
                gaps: tuple[str, ...] | None = None
                overlaps: tuple[str, ...] | None = None
                if not tree.is_leaf(region):
                    below = [cells[(row, leaf)] for leaf in sorted(leaves) if (row, leaf) in cells]
                    gaps = tuple(leaf.region for leaf in below if leaf.gap)
                    overlaps = tuple(leaf.region for leaf in below if leaf.overlap)
                cells[(row, region)] = Cell(row, region, owning, defaults, counted, backing, gaps, overlaps)
            for region in order:  # every region's cell in the order of the tree, the region before those below
                cells[(row, region)] = cells.pop((row, region))
    children = {region: kids for region, kids in tree.children.items() if kids}
    return Matrix(kind, rows, tree.top_level, cells, children)


def _union(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(ids)))


def focus(coverage: Coverage, region: str) -> Coverage:
    """The coverage with the regions right below ``region`` as the columns (itself when it has none)."""

    def focused(matrix: Matrix) -> Matrix:
        columns = matrix.children.get(region, (region,))
        return Matrix(matrix.kind, matrix.rows, columns, matrix.cells, matrix.children)

    return Coverage(
        focused(coverage.commercial),
        focused(coverage.government),
        coverage.regions_without_regional_team,
        coverage.load,
    )


def ar_load(playbook: Playbook) -> list[ArLoad]:
    """Accounts per AR and tier, sorted by person then tier rank."""
    held: dict[tuple[str, str], list[str]] = defaultdict(list)
    supported: dict[tuple[str, str], list[str]] = defaultdict(list)
    for account in playbook.accounts:
        model = account.model
        overlays = [overlay.team for overlay in model.overlays]
        for person in model.iron_triangle.ar:
            held[(person, model.tier)].append(model.id)
            if held_in_support(playbook, model.owner, overlays, person):
                supported[(person, model.tier)].append(model.id)
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
                tuple(sorted(supported.get((person, tier_id), ()))),
            )
        )
    rank = {tier_id: tier.rank for tier_id, tier in tiers.items()}
    return sorted(loads, key=lambda load: (load.person, rank.get(load.tier, 999), load.tier))
