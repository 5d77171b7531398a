"""Team scopes: no two teams claim the same customers, and no region is left without an owner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.documents import Document, Path
from playbook.models.team import OWNING_TEAM_TYPES
from playbook.repository import Playbook
from playbook.rules.coverage import NAMED_SCOPES, team_type_word
from playbook.rules.registry import Hit, rule


@rule("COV004", "named-scope-overlap", shared=True)
def named_scope_overlap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Two named-account teams cover the same industry or domain in the same region.

    ## What it does
    Checks that no two key-account teams share an (industry, region) pair and no two
    government teams share a (domain, region) pair. The later team (by file name) is
    reported at the industry or domain entry of its scope, naming the team that covers the
    pair first.

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
    for kind, section in NAMED_SCOPES.items():
        claimed: dict[tuple[str, str], str] = {}
        places: dict[str, tuple[Document, Path]] = {}
        for team in playbook.teams:
            if team.model.type != kind:
                continue
            scope, own = team.model.scope, team.model.id
            for index, named in enumerate(getattr(scope, section)):
                places.setdefault(f"{own}\0{named}", (team.document, ("scope", section, index)))
                clashes: dict[str, dict[str, None]] = {}
                for region in scope.regions:
                    first = claimed.setdefault((named, region), own)
                    if first != own:
                        clashes.setdefault(first, {})[region] = None
                for other, regions in clashes.items():
                    where = ", ".join(regions)
                    yield Hit(
                        team.document,
                        ("scope", section, index),
                        f"'{own}' covers '{named}' in {where}, which '{other}' already covers: a named customer "
                        f"there would have two owners; keep '{named}' in {where} in one team's scope only",
                        related=(places[f"{other}\0{named}"],),
                    )


@rule("COV005", "regional-overlap", shared=True)
def regional_overlap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Two regional teams cover the same region.

    ## What it does
    Checks that each region appears in the scope of at most one regional team. The later
    team (by file name) is reported at the region entry of its scope.

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
    claimed: dict[str, str] = {}
    places: dict[str, tuple[Document, Path]] = {}
    for team in playbook.teams:
        if team.model.type != "regional":
            continue
        own = team.model.id
        for index, region in enumerate(team.model.scope.regions):
            first = claimed.setdefault(region, own)
            places.setdefault(region, (team.document, ("scope", "regions", index)))
            if first != own:
                yield Hit(
                    team.document,
                    ("scope", "regions", index),
                    f"regional teams '{first}' and '{own}' both cover region '{region}': its customers would have "
                    "two default owners; keep the region in one regional team's scope",
                    related=(places[region],),
                )


@rule("COV006", "region-without-regional-team", shared=True)
def region_without_regional_team(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A region of the taxonomy that no regional team covers.

    ## What it does
    Checks that every region in `data/taxonomy.yaml` is in the scope of a regional team,
    and reports the region's id otherwise.

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
    covered = {
        region for team in playbook.teams if team.model.type == "regional" for region in team.model.scope.regions
    }
    reported: set[str] = set()
    for index, region in enumerate(playbook.taxonomy.model.regions):
        if region.id not in covered and region.id not in reported:
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
