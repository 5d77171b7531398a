"""``playbook scope TEAM... --add ID... --remove ID...``: what teams cover, changed in their charters.

An id says by itself whether it is a region, an industry or a government domain: the
taxonomy knows each. An id two vocabularies share is written ``region:ID``,
``industry:ID`` or ``domain:ID``; the kind may always be written so.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedSeq

from playbook.documents import Path
from playbook.edit import files
from playbook.edit.change import Before, Plan
from playbook.edit.rename import existing_ids, unknown
from playbook.errors import PlaybookError
from playbook.repository import Playbook

#: Kind of taxonomy term -> the scope field that lists it.
FIELDS = {"region": "regions", "industry": "industries", "domain": "domains"}
_VOCABULARIES = {"region": "regions", "industry": "industries", "domain": "government_domains"}


def resolve(playbook: Playbook, words: list[str]) -> list[tuple[str, str]]:
    """Each word as (kind, id); PlaybookError for an unknown or ambiguous id."""
    known = {kind: existing_ids(playbook, kind) for kind in FIELDS}
    resolved: list[tuple[str, str]] = []
    for word in words:
        kind, colon, identifier = word.partition(":")
        if colon:
            if kind not in FIELDS:
                raise PlaybookError(f"'{word}': the kind is region, industry or domain, not '{kind}'")
            if identifier not in known[kind]:
                raise unknown(kind, identifier, known[kind])
            resolved.append((kind, identifier))
            continue
        kinds = [kind for kind, ids in known.items() if word in ids]
        if not kinds:
            raise unknown("region, industry or domain", word, set().union(*known.values()))
        if len(kinds) > 1:
            named = " and ".join(f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}" for kind in kinds)
            raise PlaybookError(f"'{word}' is both {named}: write {kinds[0]}:{word} or {kinds[1]}:{word}")
        resolved.append((kinds[0], word))
    return resolved


def flow_list(items: list[str]) -> CommentedSeq:
    """A new list, written ``[a, b]`` as the sample writes scopes."""
    listed = CommentedSeq(items)
    listed.fa.set_flow_style()
    return listed


def name_of(playbook: Playbook, kind: str, identifier: str) -> str:
    """The term's display name (English, else Chinese, else its id)."""
    if playbook.taxonomy is None:
        return identifier
    for term in getattr(playbook.taxonomy.model, _VOCABULARIES[kind]):
        if term.id == identifier:
            return str(term.name.en or term.name.zh or identifier)
    return identifier


def plan(before: Before, teams: list[str], add: list[str], remove: list[str]) -> Plan:
    """The plan of the scope change; PlaybookError for a bad argument."""
    playbook = before.validation.playbook
    if not add and not remove:
        raise PlaybookError("say what changes: --add ID... and/or --remove ID...")
    known = existing_ids(playbook, "team")
    for identifier in teams:
        if identifier not in known:
            raise unknown("team", identifier, known)
    if len(set(teams)) != len(teams):
        raise PlaybookError("a team is named twice")
    added, removed = resolve(playbook, add), resolve(playbook, remove)
    both = set(added) & set(removed)
    if both:
        raise PlaybookError(f"'{sorted(both)[0][1]}' is both added and removed")
    change = Plan()
    for team_id in teams:
        team = playbook.team_by_id[team_id]
        scope = team.model.scope
        changes: dict[Path, Any] = {}
        said: list[str] = []
        for kind, field in FIELDS.items():
            now: list[str] = list(getattr(scope, field))
            gained = [identifier for k, identifier in added if k == kind and identifier not in now]
            lost = [identifier for k, identifier in removed if k == kind and identifier in now]
            if not gained and not lost:
                continue
            listed = [identifier for identifier in now if identifier not in lost] + gained
            written = files.data_of(before.root, team.document.path).get("scope") or {}
            changes[("scope", field)] = listed if field in written else flow_list(listed)
            said += [f"+{identifier}" for identifier in gained] + [f"-{identifier}" for identifier in lost]
        if not changes:
            continue
        path = team.document.path
        change.write(path, files.rewrite(path, (before.root / path).read_bytes(), changes))
        change.described.append(f"scope of {team_id}: {' '.join(said)}")
    return change
