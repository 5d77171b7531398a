"""``playbook new team ID --lead PERSON``: a complete team charter, its lead moved over from their team.

The new file is written as the sample's charters are: the schema line, the name as a flow
mapping, the scope as flow lists, the lead's entry as it stood in their former team (its
comments with it), the charter. The team the lead leaves is mended as ``playbook move
--person`` mends it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from playbook.documents import Path
from playbook.edit import blocks, people, scopes
from playbook.edit.change import Before, Plan
from playbook.edit.rename import TEAMS, existing_ids
from playbook.errors import PlaybookError
from playbook.jsonschemas import schema_path
from playbook.scaffold import check_id


@dataclass(frozen=True)
class NewTeam:
    """What the new team is: its id, type, names, scope, lead and charter."""

    id: str
    type: str
    lead: str
    scope: tuple[str, ...] = ()
    zh: str | None = None
    en: str | None = None
    charter: str | None = None
    new_lead: str | None = None
    reports_to: str | None = None


def _charter(team: NewTeam, names: list[str]) -> str:
    covered = ", ".join(names) or "its scope"
    if team.type in ("regional", "key_account", "government"):
        return f"Owns the accounts of {covered} that are not named to another team."
    return f"Works alongside the owning teams of {covered}."


def plan(before: Before, team: NewTeam) -> Plan:
    """The plan of the new team; PlaybookError for a bad argument."""
    playbook = before.validation.playbook
    check_id(team.id)
    if team.id in existing_ids(playbook, "team"):
        raise PlaybookError(f"there is already a team '{team.id}'")
    path = f"{TEAMS}/{team.id}.yaml"
    if (before.root / path).exists():
        raise PlaybookError(f"{path} already exists; it was left as it is")
    resolved = scopes.resolve(playbook, list(team.scope))
    move = people.PersonMove(team.lead, team.id, team.reports_to, lead=True, new_lead=team.new_lead)
    people.check(playbook, move, new_team=True)
    left = people.leave(before, move)
    newline = blocks.newline_of(left.text)
    name, given = blocks.name(team.zh, team.en)
    if not given:
        raise PlaybookError("a team needs a name: --zh NAME and/or --en NAME")
    lines = [
        f"# yaml-language-server: $schema=../../{schema_path('team')}",
        f"id: {team.id}",
        f"name: {name}",
        f"type: {team.type}",
        "scope:" if team.scope else "scope: {}",
    ]
    scope: dict[str, list[str]] = {}
    for field in ("regions", "industries", "domains"):
        listed = [identifier for kind, identifier in resolved if scopes.FIELDS[kind] == field]
        if listed:
            scope[field] = listed
            lines.append(f"  {field}: [{', '.join(listed)}]")
    lines += [f"lead: {team.lead}", "members:"]
    head = newline.join(lines) + newline
    members = blocks.reindent(left.lines, left.column, 2, newline)
    if not members.endswith(newline):
        members += newline
    names = [scopes.name_of(playbook, kind, identifier) for kind, identifier in resolved]
    charter = f"charter: {blocks.scalar(team.charter or _charter(team, names))}{newline}"
    text = head + members + charter
    data: dict[str, Any] = {"id": team.id, "name": given}
    data |= {"type": team.type, "scope": scope, "lead": team.lead, "members": [copy.deepcopy(left.entry)]}
    data["charter"] = team.charter or _charter(team, names)
    changes: dict[Path, Any] = {}
    line = people.joining_line(playbook, move, None)
    old_line = left.entry["reports_to"].get("solid") if isinstance(left.entry.get("reports_to"), dict) else None
    said = [f"new team {team.id} ({team.type}), led by {team.lead}: {left.path} -> {path}"]
    if line is not None and line != old_line:
        at, value = people.solid_line(left.entry, 0, line)
        changes[at] = value
        said.append(f"{team.lead} reports to {line}" + (f" (was {old_line})" if old_line else ""))
    change = Plan()
    people.write(change, left.path, left.text, left.bom, people.without(before, left, move), left.changes)
    people.write(change, path, text, False, data, changes)
    change.described += said + left.said
    return change
