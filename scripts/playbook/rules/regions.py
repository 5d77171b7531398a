"""The region hierarchy: every parent is a region, and no chain of parents comes back on itself."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.regions import region_tree
from playbook.repository import Playbook
from playbook.rules.references import unknown
from playbook.rules.registry import Hit, rule


def _index_of(playbook: Playbook) -> dict[str, int]:
    """Region id to the position of its first definition in the taxonomy."""
    found: dict[str, int] = {}
    if playbook.taxonomy is not None:
        for index, region in enumerate(playbook.taxonomy.model.regions):
            found.setdefault(region.id, index)
    return found


@rule("TAX001", "region-parent-cycle", shared=True)
def region_parent_cycle(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A region lies in itself: its chain of parents comes back to it.

    ## What it does
    Follows each region's `parent` in `data/taxonomy.yaml` and reports a chain that comes
    back to where it started, a region that is its own parent included. It points at the
    `parent` of every region on the cycle.

    ## Why is this bad?
    Regions nest (big region, province, city) so that a team on a big region covers its
    provinces and an account can sit in a city. In a cycle no region is on top: nothing
    says which big region a province belongs to, so coverage, roll-ups and the matrix
    cannot be worked out. The cycle is cut for the other rules, but where is a guess.

    ## Example
    ```yaml
    # data/taxonomy.yaml
    # expect: regions.1.parent
    regions:
      - {id: north, name: {en: North, zh: 北区}, parent: south}
      - {id: south, name: {en: South, zh: 南区}, parent: north}
    ```

    A region that is its own parent:

    ```yaml
    # data/taxonomy.yaml
    # expect: regions.0.parent
    regions:
      - {id: north, name: {en: North, zh: 北区}, parent: north}
      - {id: south, name: {en: South, zh: 南区}}
    ```

    ## Use instead
    ```yaml
    # data/taxonomy.yaml
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: fujian, name: {en: Fujian, zh: 福建}, parent: south}
    ```
    """
    if playbook.taxonomy is None:
        return
    index = _index_of(playbook)
    for cycle in region_tree(playbook).cycles:
        chain = " → ".join([*cycle, cycle[0]])
        for region in cycle:
            yield Hit(
                playbook.taxonomy.document,
                ("regions", index[region], "parent"),
                f"region '{region}' lies in itself through its parents ({chain}): give the top of the chain no parent",
            )


@rule("TAX002", "unknown-parent-region", shared=True)
def unknown_parent_region(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A region's parent is not a region of the taxonomy.

    ## What it does
    Checks that the `parent` of every region in `data/taxonomy.yaml` is the id of another
    region there.

    ## Why is this bad?
    A province whose big region is misspelt floats on its own: the big region's teams do
    not cover it, its accounts drop out of the big region's totals, and a regional team on
    the big region leaves it without a default owner. The region is treated as top-level
    until the parent is fixed.

    ## Example
    ```yaml
    # data/taxonomy.yaml
    # expect: regions.2.parent
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: fujian, name: {en: Fujian, zh: 福建}, parent: sout}
    ```

    ## Use instead
    ```yaml
    # data/taxonomy.yaml
    regions:
      - {id: north, name: {en: North, zh: 北区}}
      - {id: south, name: {en: South, zh: 南区}}
      - {id: fujian, name: {en: Fujian, zh: 福建}, parent: south}
    ```
    """
    if playbook.taxonomy is None:
        return
    tree = region_tree(playbook)
    index = _index_of(playbook)
    for region, parent in tree.unknown_parents.items():
        yield Hit(
            playbook.taxonomy.document,
            ("regions", index[region], "parent"),
            f"{unknown('parent region', parent, tree.parents)} (region '{region}'): name a region of the taxonomy, "
            "or leave the parent out for a top-level region",
        )
