"""``playbook new region|industry|domain ID``: a taxonomy term added where a person would add it.

A region with a parent goes after the last region below that parent (its provinces and
their cities); ``--after`` puts a term after another one (and the regions below it); else
the term goes at the end of its list. The term is written in the list's own layout:
``- id:``, the name as a flow mapping (``{zh: ..., en: ...}``), then the parent and the
description.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playbook import documents
from playbook.edit import blocks, files
from playbook.edit.change import Before, Plan
from playbook.edit.rename import existing_ids, unknown
from playbook.errors import PlaybookError
from playbook.layout import TAXONOMY
from playbook.regions import RegionTree
from playbook.scaffold import check_id

#: Kind of term -> its list in data/taxonomy.yaml.
LISTS = {"region": "regions", "industry": "industries", "domain": "government_domains"}


@dataclass(frozen=True)
class NewTerm:
    """The term: its kind, id, names, and where it goes."""

    kind: str
    id: str
    zh: str | None = None
    en: str | None = None
    parent: str | None = None
    after: str | None = None
    description: str | None = None


def _below(tree: RegionTree, region: str, order: list[str]) -> int:
    """The position in ``order`` of the last region at or below ``region``."""
    last = order.index(region)
    for index, identifier in enumerate(order):
        node: str | None = identifier
        seen: set[str] = set()
        while node is not None and node not in seen:
            if node == region:
                last = max(last, index)
                break
            seen.add(node)
            node = tree.parents.get(node)
    return last


def plan(before: Before, term: NewTerm) -> Plan:
    """The plan of the new term; PlaybookError for a bad argument."""
    playbook = before.validation.playbook
    check_id(term.id)
    if playbook.taxonomy is None:
        raise PlaybookError(f"{TAXONOMY} does not read: fix it first")
    for kind in LISTS:
        if term.id in existing_ids(playbook, kind):
            raise PlaybookError(f"there is already a {kind} '{term.id}'")
    if not term.zh and not term.en:
        raise PlaybookError("a term needs a name: --zh NAME and/or --en NAME")
    if term.parent is not None and term.kind != "region":
        raise PlaybookError("only regions have a parent")
    known = existing_ids(playbook, term.kind)
    for identifier in (term.parent, term.after):
        if identifier is not None and identifier not in known:
            raise unknown(term.kind, identifier, known)
    terms = getattr(playbook.taxonomy.model, LISTS[term.kind])
    order = [item.id for item in terms]
    tree = RegionTree.of(playbook.taxonomy.model.regions)
    anchor = term.after or term.parent
    after = None if anchor is None else (_below(tree, anchor, order) if term.kind == "region" else order.index(anchor))
    path = playbook.taxonomy.document.path
    text, bom = files.text_of((before.root / path).read_bytes())
    listed = blocks.find(path, text, (LISTS[term.kind],))
    if len(listed.items) != len(order):
        raise PlaybookError(f"{path}: the list {LISTS[term.kind]} does not read as it is written; fix it first")
    name, names = blocks.name(term.zh, term.en)
    fields = [("id", term.id), ("name", name)]
    entry: dict[str, Any] = {"id": term.id, "name": names}
    if term.parent is not None:
        fields.append(("parent", term.parent))
        entry["parent"] = term.parent
    if term.description:
        fields.append(("description", blocks.scalar(term.description)))
        entry["description"] = term.description
    lines = blocks.item_lines(listed, fields, blocks.newline_of(text))
    new_text = blocks.put(path, text, (LISTS[term.kind],), lines, listed.column, after)
    data = files.data_of(before.root, path)
    data[LISTS[term.kind]].insert(len(order) if after is None else after + 1, entry)
    change = Plan()
    change.write(path, files.checked(path, files.bytes_of(new_text, bom), data))
    where = f"after {order[after]}" if after is not None else "at the end"
    inside = f" in {term.parent}" if term.parent else ""
    change.described.append(f"new {term.kind} {term.id}{inside} {name}, {where} of {LISTS[term.kind]}")
    return change


def reparent(before: Before, region: str, parent: str | None) -> Plan:
    """The plan of putting ``region`` under ``parent`` (None: on top); PlaybookError for a bad argument or a cycle."""
    playbook = before.validation.playbook
    if playbook.taxonomy is None:
        raise PlaybookError(f"{TAXONOMY} does not read: fix it first")
    known = existing_ids(playbook, "region")
    for identifier in (region, parent):
        if identifier is not None and identifier not in known:
            raise unknown("region", identifier, known)
    if parent == region:
        raise PlaybookError(f"'{region}' cannot lie in itself")
    tree = RegionTree.of(playbook.taxonomy.model.regions)
    node: str | None = parent
    chain: list[str] = []
    while node is not None and node not in chain:
        chain.append(node)
        if node == region:
            raise PlaybookError(
                f"'{parent}' lies in '{region}' ({' in '.join(chain)}): putting '{region}' in it would make a cycle"
            )
        node = tree.parents.get(node)
    regions = playbook.taxonomy.model.regions
    index = next(position for position, item in enumerate(regions) if item.id == region)
    old = regions[index].parent
    change = Plan()
    if old == parent:
        return change
    path = playbook.taxonomy.document.path
    raw = (before.root / path).read_bytes()
    was = "top level" if old is None else "in " + old
    if parent is None:
        change.write(path, _without_parent(path, raw, index))
        change.described.append(f"region {region} is a top-level region (was {was})")
    else:
        change.write(path, files.rewrite(path, raw, {("regions", index, "parent"): parent}))
        change.described.append(f"region {region} lies in {parent} (was {was})")
    return change


def _without_parent(path: str, raw: bytes, index: int) -> files.Written:
    """The taxonomy with the ``parent:`` line of the region at ``index`` taken out, every other line kept."""
    document, _ = documents.load(path, raw)
    if document is None:
        raise PlaybookError(f"{path} does not read: fix it first")
    line = document.locate_key(("regions", index, "parent"))[0]
    text, bom = files.text_of(raw)
    lines = text.splitlines(keepends=True)
    if not lines[line - 1].lstrip().startswith("parent:") or "#" in lines[line - 1]:
        raise PlaybookError(
            f"{path}:{line}: the parent is not on a line of its own, or carries a comment: take it out by hand"
        )
    data = files.data_of_bytes(path, raw)
    del data["regions"][index]["parent"]
    return files.checked(path, files.bytes_of("".join(lines[: line - 1] + lines[line:]), bom), data)
