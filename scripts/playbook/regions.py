"""The region hierarchy: big regions over provinces over cities, to any depth.

Regions nest through their ``parent``. Team scopes name any level and an account names the
most specific level known; coverage is worked out on the *leaves* (regions with no region
below them), so a team on a big region covers every province and city in it. A parent that
is not defined, or a chain of parents that comes back on itself, is cut where it goes wrong:
the region then counts as a top-level region, and the rules report the cause.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from playbook.models.taxonomy import Region

if TYPE_CHECKING:
    from playbook.repository import Playbook


@dataclass(frozen=True)
class RegionTree:
    """Every region of the taxonomy with its parent; the first definition of a repeated id counts."""

    #: Region id to its parent's id (None for a top-level region), in taxonomy order.
    parents: dict[str, str | None]

    @classmethod
    def of(cls, regions: Iterable[Region]) -> RegionTree:
        parents: dict[str, str | None] = {}
        for region in regions:
            parents.setdefault(region.id, region.parent)
        return cls(parents)

    @cached_property
    def cycles(self) -> list[list[str]]:
        """Each chain of parents that comes back on itself, once, from its smallest id (a self-parent too)."""
        found: list[list[str]] = []
        done: set[str] = set()
        for start in self.parents:
            walk: list[str] = []
            on_walk: dict[str, int] = {}
            node: str | None = start
            while node is not None and node in self.parents and node not in done and node not in on_walk:
                on_walk[node] = len(walk)
                walk.append(node)
                node = self.parents[node]
            if node is not None and node in on_walk:
                cycle = walk[on_walk[node] :]
                top = cycle.index(min(cycle))
                found.append(cycle[top:] + cycle[:top])
            done.update(walk)
        return found

    @cached_property
    def unknown_parents(self) -> dict[str, str]:
        """Region id to the parent it names that the taxonomy does not define."""
        return {
            region: parent
            for region, parent in self.parents.items()
            if parent is not None and parent not in self.parents
        }

    @cached_property
    def parent_of(self) -> dict[str, str | None]:
        """Each region's parent, with broken links cut: an unknown parent, or the link that closes a cycle."""
        cut = {cycle[-1] for cycle in self.cycles}  # the region whose parent closes the cycle
        return {
            region: None if parent not in self.parents or region in cut else parent
            for region, parent in self.parents.items()
        }

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        """Each region's direct children, in taxonomy order (an empty tuple for a leaf)."""
        found: dict[str, list[str]] = {region: [] for region in self.parents}
        for region, parent in self.parent_of.items():
            if parent is not None:
                found[parent].append(region)
        return {region: tuple(kids) for region, kids in found.items()}

    @cached_property
    def top_level(self) -> tuple[str, ...]:
        """The regions with no parent, in taxonomy order."""
        return tuple(region for region, parent in self.parent_of.items() if parent is None)

    def known(self, region: str) -> bool:
        return region in self.parents

    def is_leaf(self, region: str) -> bool:
        return not self.children.get(region)

    def ancestors(self, region: str) -> tuple[str, ...]:
        """The regions ``region`` lies in, nearest first (none for a top-level or unknown region)."""
        found: list[str] = []
        parent = self.parent_of.get(region)
        while parent is not None:
            found.append(parent)
            parent = self.parent_of.get(parent)
        return tuple(found)

    def top(self, region: str) -> str:
        """The top-level region ``region`` lies in (itself when it is top-level or unknown)."""
        above = self.ancestors(region)
        return above[-1] if above else region

    def depth(self, region: str) -> int:
        """0 for a top-level region, 1 for its children, and so on."""
        return len(self.ancestors(region))

    def leaves(self, region: str) -> frozenset[str]:
        """The leaves at or below ``region`` (itself for a leaf or an unknown region)."""
        return self._leaves.get(region, frozenset({region}))

    @cached_property
    def _leaves(self) -> dict[str, frozenset[str]]:
        found: dict[str, frozenset[str]] = {}
        for region in reversed(self._preorder):  # every region after the regions below it
            kids = self.children.get(region, ())
            found[region] = frozenset().union(*(found[kid] for kid in kids)) if kids else frozenset({region})
        return found

    @cached_property
    def _preorder(self) -> tuple[str, ...]:
        """Every region, each before the regions below it, top-level regions in taxonomy order (no recursion)."""
        order: list[str] = []
        for top in self.top_level:
            stack = [top]
            while stack:
                region = stack.pop()
                order.append(region)
                stack.extend(reversed(self.children.get(region, ())))
        return tuple(order)

    def leaves_of(self, regions: Iterable[str]) -> frozenset[str]:
        """The leaves at or below any of ``regions``."""
        return frozenset().union(*(self.leaves(region) for region in regions))

    def within(self, region: str, scope: Iterable[str]) -> bool:
        """Whether ``region`` lies at or below one of the ``scope`` regions."""
        wanted = set(scope)
        return region in wanted or any(above in wanted for above in self.ancestors(region))

    def subtree(self, region: str) -> tuple[str, ...]:
        """``region`` and every region below it, depth first in taxonomy order."""
        found: list[str] = []
        stack = [region]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children.get(current, ())))
        return tuple(found)

    def maximal(self, leaves: Iterable[str]) -> tuple[str, ...]:
        """The fewest regions whose leaves are exactly ``leaves``: whole subtrees named by their root."""
        wanted = frozenset(leaves)
        found: list[str] = []
        stack = list(reversed(self.top_level))
        while stack:
            region = stack.pop()
            covered = self.leaves(region)
            if covered and covered <= wanted:
                found.append(region)
            elif covered & wanted:
                stack.extend(reversed(self.children.get(region, ())))
        return tuple(found)


def region_tree(playbook: Playbook) -> RegionTree:
    """The hierarchy of the playbook's regions (empty without a taxonomy), worked out once per playbook."""
    return playbook.derived(
        "region-tree", lambda book: RegionTree.of(book.taxonomy.model.regions if book.taxonomy else ())
    )
