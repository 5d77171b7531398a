"""``playbook rename KIND OLD NEW``: a new id for a team, person, region, industry, domain or account.

Every field that refers to the id (``playbook.edit.references``) gets the new one, the team
file or the account folder takes the new name, and CODEOWNERS follows (see ``change.check``).
"""

from __future__ import annotations

import re

from playbook import layout
from playbook.edit import files, references
from playbook.edit.change import Before, Plan
from playbook.errors import PlaybookError
from playbook.models.common import SLUG_PATTERN
from playbook.repository import Playbook
from playbook.spelling import did_you_mean

_SLUG = re.compile(SLUG_PATTERN)
TEAMS = "data/teams"
_VOCABULARIES = {"region": "regions", "industry": "industries", "domain": "government_domains"}


def existing_ids(playbook: Playbook, kind: str) -> set[str]:
    """The ids of ``kind`` the playbook defines."""
    if kind == "team":
        return set(playbook.team_by_id)
    if kind == "person":
        return set(playbook.person_by_id)
    if kind == "account":
        return set(playbook.account_by_id)
    if playbook.taxonomy is None:
        return set()
    return {term.id for term in getattr(playbook.taxonomy.model, _VOCABULARIES[kind])}


def unknown(kind: str, identifier: str, known: set[str]) -> PlaybookError:
    """The error for an id that is not defined, with the nearest one as a hint."""
    return PlaybookError(f"there is no {kind} '{identifier}'{did_you_mean(identifier, sorted(known))}")


def plan(before: Before, kind: str, old: str, new: str) -> Plan:
    """The plan of the rename; PlaybookError for a bad argument."""
    playbook = before.validation.playbook
    if not _SLUG.match(new) or len(new) > 80:
        raise PlaybookError(f"'{new}' is not an id: lowercase letters, digits and hyphens, starting with one of them")
    if old == new:
        raise PlaybookError(f"'{old}' is already called '{new}'")
    known = existing_ids(playbook, kind)
    if old not in known:
        raise unknown(kind, old, known)
    if new in known:
        raise PlaybookError(f"there is already a {kind} '{new}': a rename cannot merge two {kind}s")
    renamed = _renamed_path(playbook, kind, old, new)
    if renamed is not None and (before.root / renamed[1]).exists():
        raise PlaybookError(f"{renamed[1]} already exists: a rename never overwrites")
    change = Plan()
    found = references.find(playbook, kind, old)
    items = [(path, (before.root / path).read_bytes(), dict.fromkeys(found[path], new)) for path in sorted(found)]
    for (path, _, _), written in zip(items, files.rewrite_all(items), strict=True):
        change.write(path, written)
    if renamed is not None:
        change.renames.append(renamed)
    places = sum(len(paths) for paths in found.values())
    change.described.append(f"renamed {kind} '{old}' to '{new}': {places} reference(s) in {len(found)} file(s)")
    return change


def _renamed_path(playbook: Playbook, kind: str, old: str, new: str) -> tuple[str, str] | None:
    """The file or folder that takes the new name, if the kind has one."""
    if kind == "team":
        path = playbook.team_by_id[old].document.path
        return (path, f"{TEAMS}/{new}.yaml") if path != f"{TEAMS}/{new}.yaml" else None
    if kind == "account":
        folder = f"{layout.ACCOUNTS}/{playbook.account_by_id[old].stem}"
        return (folder, f"{layout.ACCOUNTS}/{new}") if folder != f"{layout.ACCOUNTS}/{new}" else None
    return None
