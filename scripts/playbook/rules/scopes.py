"""Team scopes: no two teams claim the same customers, and no region is left without an owner."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from playbook.documents import Document, Path
from playbook.models import Team
from playbook.models.team import OWNING_TEAM_TYPES
from playbook.ownership import regions_without_regional_team
from playbook.regions import region_tree
from playbook.repository import Playbook, Sourced
from playbook.rules.coverage import NAMED_SCOPES, team_type_word
from playbook.rules.registry import Hit, rule


@dataclass(frozen=True)
class Clash:
    """A later team's scope entry that takes in customers an earlier team of the same type covers."""

    team: Sourced[Team]
    #: The industry or domain (None for a regional team) and its position in the scope.
    row: str | None
    row_index: int | None
    #: The later team's scope region and its position; the earlier team and its scope region.
    region: str
    region_index: int
    other: str
    other_region: str
    #: The smallest regions both cover.
    leaves: tuple[str, ...]

    @property
    def nested(self) -> bool:
        """The two scope entries are different regions, one lying in the other."""
        return self.region != self.other_region


def clashes(playbook: Playbook) -> list[Clash]:
    """Every clash between teams of one type, worked out on the smallest regions, in file order."""
    return playbook.derived("scope-clashes", _clashes)


def _clashes(playbook: Playbook) -> list[Clash]:
    tree = region_tree(playbook)
    found: list[Clash] = []
    for kind in ("key_account", "government", "regional"):
        section = NAMED_SCOPES.get(kind)
        claimed: dict[tuple[str | None, str], tuple[str, str]] = {}
        for team in playbook.teams:
            if team.model.type != kind:
                continue
            scope, own = team.model.scope, team.model.id
            rows: list[tuple[int | None, str | None]] = (
                list(enumerate(getattr(scope, section))) if section else [(None, None)]
            )
            for row_index, row in rows:
                for region_index, region in enumerate(scope.regions):
                    shared: dict[tuple[str, str], list[str]] = {}
                    for leaf in sorted(tree.leaves(region)):
                        first = claimed.setdefault((row, leaf), (own, region))
                        if first[0] != own:
                            shared.setdefault(first, []).append(leaf)
                    for (other, other_region), leaves in shared.items():
                        found.append(
                            Clash(team, row, row_index, region, region_index, other, other_region, tuple(leaves))
                        )
    return found


def _other_place(playbook: Playbook, clash: Clash) -> tuple[tuple[Document, Path], ...]:
    """Where the earlier team of a clash covers the same customers: its scope entry, for a finding's related places."""
    other = next((team for team in playbook.teams if team.model.id == clash.other), None)
    if other is None:
        return ()
    scope = other.model.scope
    if clash.row is not None and clash.row_index is not None:
        section = NAMED_SCOPES[other.model.type]
        rows = list(getattr(scope, section))
        if clash.row in rows:
            return ((other.document, ("scope", section, rows.index(clash.row))),)
    if clash.other_region in scope.regions:
        return ((other.document, ("scope", "regions", scope.regions.index(clash.other_region))),)
    return ()


@rule("COV004", "named-scope-overlap", shared=True)
def named_scope_overlap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Two named-account teams cover the same industry or domain in the same region.

    ## What it does
    Checks that no two key-account teams share an (industry, region) pair and no two
    government teams share a (domain, region) pair, whether they own their named customers
    or support the regional owners. The later team (by file name) is reported at the
    industry or domain entry of its scope, naming the team that covers the pair first. A
    region that lies in another team's region (a province of its big region) is COV012's.

    ## Why is this bad?
    A named customer in that industry and region could be claimed by both teams: two account
    plans, two sets of people calling the same executives, and a fight over the credit. Each
    pair belongs to one team.

    ## Example
    ```yaml
    # data/teams/finance-north.yaml
    # expect: scope.industries.0
    id: finance-north
    name: {en: Finance North}
    type: key_account
    scope: {regions: [north], industries: [banking, energy]}
    lead: nora-north
    members:
      - {id: nora-north, name: {en: Nora North}, roles: [ar]}
    charter: Owns the named banks and utilities of the north.
    ```

    ## Use instead
    ```yaml
    # data/teams/energy-north.yaml
    id: energy-north
    name: {en: Energy North}
    type: key_account
    scope: {regions: [north], industries: [energy]}
    lead: nora-north
    members:
      - {id: nora-north, name: {en: Nora North}, roles: [ar]}
    charter: Owns the named utilities of the north.
    ```
    """
    grouped: dict[tuple[int, str, int], list[Clash]] = {}
    for clash in clashes(playbook):
        if clash.row_index is not None and not clash.nested:
            grouped.setdefault((id(clash.team), clash.other, clash.row_index), []).append(clash)
    for found in grouped.values():
        first = found[0]
        section = NAMED_SCOPES[first.team.model.type]
        where = ", ".join(dict.fromkeys(clash.region for clash in found))
        yield Hit(
            first.team.document,
            ("scope", section, first.row_index or 0),
            f"'{first.team.model.id}' covers '{first.row}' in {where}, which '{first.other}' already covers: a named"
            f" customer there would have two owners; keep '{first.row}' in {where} in one team's scope only",
            related=_other_place(playbook, first),
        )


@rule("COV005", "regional-overlap", shared=True)
def regional_overlap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Two regional teams cover the same region.

    ## What it does
    Checks that each region appears in the scope of at most one regional team. The later
    team (by file name) is reported at the region entry of its scope. A region that lies in
    another team's region (a province of its big region) is COV012's.

    ## Why is this bad?
    The regional team owns, by default, every customer in its region that no named-account
    team owns. With two regional teams on one region, every such customer has two default
    owners, and neither feels bound to serve it.

    ## Example
    ```yaml
    # data/teams/south-region.yaml
    # expect: scope.regions.1
    scope: {regions: [south, north]}
    ```

    ## Use instead
    ```yaml
    # data/teams/south-region.yaml
    scope: {regions: [south]}
    ```
    """
    for clash in clashes(playbook):
        if clash.row_index is None and not clash.nested:
            yield Hit(
                clash.team.document,
                ("scope", "regions", clash.region_index),
                f"regional teams '{clash.other}' and '{clash.team.model.id}' both cover region '{clash.region}': its"
                " customers would have two default owners; keep the region in one regional team's scope",
                related=_other_place(playbook, clash),
            )


@rule("COV012", "nested-scope-overlap", shared=True)
def nested_scope_overlap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A team's scope names a region that lies in, or holds, a region another team of its type covers.

    ## What it does
    Regions nest (big region, province, city), and a team on a region covers every region
    below it. For two regional teams, or two named-account teams of one type on the same
    industry or domain, checks that no scope region of one lies in or holds a scope region of
    the other. The later team (by file name) is reported at the region entry of its scope,
    naming the other team, its region and the smallest regions both cover.

    ## Why is this bad?
    This is how a reorganisation leaves an overlap behind: a province gets an office of its
    own while the big region's team keeps the big region in its scope, or a key-account team
    is split by province while the old team still names the big region. Every customer in
    the province then has two default owners (or two named owners), and neither file looks
    wrong on its own.

    ## Example
    ```yaml
    # data/taxonomy.yaml
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: fujian, name: {en: Fujian, zh: 福建}, parent: south}
    # data/teams/fujian-office.yaml
    id: fujian-office
    name: {en: Fujian Office, zh: 福建办事处}
    type: regional
    scope: {regions: [fujian]}
    lead: fei-fujian
    members:
      - {id: fei-fujian, name: {en: Fei Fujian}, roles: [ar]}
    charter: Owns every customer in Fujian that no named-account team owns.
    # data/teams/south-region.yaml
    # expect: scope.regions.0
    ```

    ## Use instead
    ```yaml
    # data/taxonomy.yaml
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: fujian, name: {en: Fujian, zh: 福建}, parent: south}
      - {id: guangdong, name: {en: Guangdong, zh: 广东}, parent: south}
    # data/teams/south-region.yaml
    scope: {regions: [guangdong]}
    # data/teams/fujian-office.yaml
    id: fujian-office
    name: {en: Fujian Office, zh: 福建办事处}
    type: regional
    scope: {regions: [fujian]}
    lead: fei-fujian
    members:
      - {id: fei-fujian, name: {en: Fei Fujian}, roles: [ar]}
    charter: Owns every customer in Fujian that no named-account team owns.
    ```
    """
    tree = region_tree(playbook)
    for clash in clashes(playbook):
        if not clash.nested:
            continue
        own = clash.team.model.id
        what = "regional team" if clash.row is None else f"{team_type_word(clash.team.model.type)} team"
        on = "" if clash.row is None else f" for '{clash.row}'"
        where = ", ".join(f"'{region}'" for region in tree.maximal(clash.leaves))
        relation = "lies in" if clash.other_region in tree.ancestors(clash.region) else "holds"
        yield Hit(
            clash.team.document,
            ("scope", "regions", clash.region_index),
            f"{what} '{own}' covers '{clash.region}'{on}, which {relation} '{clash.other_region}' that '{clash.other}'"
            f" covers: both cover {where}, so its customers there would have two owners; keep each region in one"
            " team's scope",
            related=_other_place(playbook, clash),
        )


@rule("COV006", "region-without-regional-team", shared=True)
def region_without_regional_team(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A region of the taxonomy that no regional team covers.

    ## What it does
    Checks that every region in `data/taxonomy.yaml` is covered by a regional team, itself
    or through the region it lies in. Regions nest, so this is worked out on the smallest
    regions; a whole big region left uncovered is reported once, at the big region.

    ## Why is this bad?
    Regional teams are the default owners: they catch every customer that is not named to a
    key-account or government team. A region without one is a gap, where the customers
    nobody named are served by nobody.

    ## Example
    ```yaml
    # data/taxonomy.yaml
    # expect: regions.2.id
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: west, name: {en: West, zh: 西区}}
    ```

    ## Use instead
    ```yaml
    # data/taxonomy.yaml
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: west, name: {en: West, zh: 西区}}
    # data/teams/south-region.yaml
    scope: {regions: [south, west]}
    ```
    """
    if playbook.taxonomy is None:
        return
    uncovered = set(regions_without_regional_team(playbook))
    reported: set[str] = set()
    for index, region in enumerate(playbook.taxonomy.model.regions):
        if region.id in uncovered and region.id not in reported:
            reported.add(region.id)
            yield Hit(
                playbook.taxonomy.document,
                ("regions", index, "id"),
                f"no regional team covers region '{region.id}': customers there that no named-account team owns "
                "have no owner; add the region to a regional team's scope",
            )


@rule("COV008", "owning-team-without-scope", shared=True)
def owning_team_without_scope(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A regional or named-account team whose scope is missing a part it needs.

    ## What it does
    Checks that a regional team lists regions, a key-account team lists industries and
    regions, and a government team lists domains and regions.

    ## Why is this bad?
    Scopes are how customers find their owner. A regional team without regions owns nothing
    by default, and a named-account team without industries or domains claims no market, so
    the coverage map cannot tell who should own what.

    ## Example
    ```yaml
    # data/teams/north-region.yaml
    # expect: scope.regions
    scope: {regions: []}
    ```

    ## Use instead
    ```yaml
    # data/teams/north-region.yaml
    scope: {regions: [north]}
    ```
    """
    for team in playbook.teams:
        kind = team.model.type
        if kind not in OWNING_TEAM_TYPES:
            continue
        needed = [NAMED_SCOPES[kind], "regions"] if kind in NAMED_SCOPES else ["regions"]
        missing = [section for section in needed if not getattr(team.model.scope, section)]
        if not missing:
            continue
        values = team.document.values
        at = next(
            (place for place in [("scope", section) for section in missing] + [("scope",)] if place in values),
            ("type",),
        )
        yield Hit(
            team.document,
            at,
            f"{team_type_word(kind)} team '{team.model.id}' lists no {' and no '.join(missing)} in its scope: "
            f"add what it covers under scope.{missing[0]}",
        )
