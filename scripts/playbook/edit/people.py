"""``playbook move --person PERSON --to TEAM``: one of our people joins another team.

The member's entry leaves one team file for the other with its lines and comments as they
are; the person's id stays, so every account, contact and action that names them is left
alone. The lines of reporting follow the move:

- the person reports (solid line) to the new team's lead; with ``--lead`` they lead the new
  team, report where its former lead reported, and the former lead reports to them; a new
  team's lead reports where the lead of the team they left reports; ``--reports-to`` says it;
- whoever reported to them in the team they left reports to that team's lead from now on;
- a team's lead leaves only with ``--new-lead`` naming who leads it from now on, and the last
  member of a team cannot leave it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from playbook.documents import Path
from playbook.edit import blocks, files
from playbook.edit.change import Before, Plan
from playbook.edit.rename import existing_ids, unknown
from playbook.errors import PlaybookError
from playbook.models.team import Team
from playbook.repository import Playbook, Sourced


@dataclass(frozen=True)
class PersonMove:
    """Who moves where, and the lines of reporting the command cannot work out alone."""

    person: str
    to: str
    reports_to: str | None = None
    lead: bool = False
    new_lead: str | None = None


@dataclass
class Leaving:
    """The team a person leaves, as it will be, and the person's entry on its way."""

    path: str
    text: str
    bom: bool
    changes: dict[Path, Any]
    lines: str
    column: int
    entry: dict[str, Any]
    said: list[str] = field(default_factory=list)


def solid_line(entry: dict[str, Any], index: int, person: str | None) -> tuple[Path, Any]:
    """The change that makes a member report (solid line) to ``person``, written as the sample writes it."""
    if isinstance(entry.get("reports_to"), dict):
        return ("members", index, "reports_to", "solid"), person
    lines = CommentedMap({"solid": person})
    lines.fa.set_flow_style()
    return ("members", index, "reports_to"), lines


def check(playbook: Playbook, move: PersonMove, new_team: bool) -> None:
    """PlaybookError for a bad argument."""
    people = existing_ids(playbook, "person")
    if move.person not in people:
        raise unknown("person", move.person, people)
    teams = existing_ids(playbook, "team")
    if not new_team and move.to not in teams:
        raise unknown("team", move.to, teams)
    team = playbook.person_by_id[move.person].team.model
    if team.id == move.to:
        raise PlaybookError(f"{move.person} is on {move.to} already")
    for identifier in (move.reports_to, move.new_lead):
        if identifier is not None and identifier not in people:
            raise unknown("person", identifier, people)
    if move.reports_to == move.person:
        raise PlaybookError(f"{move.person} cannot report to themselves")
    if len(team.members) == 1:
        raise PlaybookError(f"{move.person} is the only member of {team.id}: a team needs at least one member")
    members = {member.id for member in team.members}
    if team.lead == move.person and move.new_lead is None:
        others = ", ".join(sorted(members - {move.person}))
        raise PlaybookError(
            f"{move.person} leads {team.id}: name who leads it from now on with --new-lead PERSON (one of {others})"
        )
    if move.new_lead is not None:
        if team.lead != move.person:
            raise PlaybookError(f"--new-lead is for a team's lead who leaves; {move.person} does not lead {team.id}")
        if move.new_lead == move.person or move.new_lead not in members:
            raise PlaybookError(f"the new lead of {team.id} must be another of its members, not {move.new_lead}")


def leave(before: Before, move: PersonMove) -> Leaving:
    """The team the person leaves, without them, its lead and lines of reporting mended."""
    playbook = before.validation.playbook
    person = playbook.person_by_id[move.person]
    team = person.team
    path = team.document.path
    text, bom = files.text_of((before.root / path).read_bytes())
    without, lines, column = blocks.take(path, text, ("members",), person.index)
    entries: list[dict[str, Any]] = files.data_of(before.root, path)["members"]
    entry = copy.deepcopy(entries[person.index])
    left = Leaving(path, without, bom, {}, lines, column, entry)
    lead = team.model.lead
    if lead == move.person and move.new_lead is not None:
        lead = move.new_lead
        left.changes[("lead",)] = lead
        left.said.append(f"{move.new_lead} leads {team.model.id}")
    own = person.member.reports_to.solid if person.member.reports_to else None
    for index, member in enumerate(team.model.members):
        if index == person.index or member.reports_to is None or member.reports_to.solid != move.person:
            continue
        now = own if member.id == lead else lead
        if now is None:
            continue
        at = index - 1 if index > person.index else index
        path_to, value = solid_line(entries[index], at, now)
        left.changes[path_to] = value
        left.said.append(f"{member.id} reports to {now} (was {move.person})")
    return left


def _lead_line(playbook: Playbook, team: Team) -> str | None:
    lead = playbook.person_by_id.get(team.lead)
    return lead.member.reports_to.solid if lead and lead.member.reports_to else None


def joining_line(playbook: Playbook, move: PersonMove, joining: Team | None) -> str | None:
    """Whom the person reports to (solid line) in the team they join; None leaves their line as it is."""
    if move.reports_to is not None:
        return move.reports_to
    if not move.lead:
        return joining.lead if joining is not None else None
    if joining is not None and joining.lead != move.person:
        line = _lead_line(playbook, joining)
        if line is not None:
            return line
    person = playbook.person_by_id[move.person]
    own = person.member.reports_to.solid if person.member.reports_to else None
    left = person.team.model
    if own is not None and own in {member.id for member in left.members}:
        return _lead_line(playbook, left) if left.lead != move.person else own
    return own


def plan(before: Before, move: PersonMove) -> Plan:
    """The plan of moving one person to an existing team; PlaybookError for a bad argument."""
    playbook = before.validation.playbook
    check(playbook, move, new_team=False)
    left = leave(before, move)
    joining: Sourced[Team] = playbook.team_by_id[move.to]
    path = joining.document.path
    text, bom = files.text_of((before.root / path).read_bytes())
    with_them = blocks.put(path, text, ("members",), left.lines, left.column)
    index = len(joining.model.members)
    joined = files.data_of(before.root, path)
    changes: dict[Path, Any] = {}
    said = [f"moved {move.person}: {left.path} -> {path}"]
    line = joining_line(playbook, move, joining.model)
    old_line = left.entry.get("reports_to", {}).get("solid") if isinstance(left.entry.get("reports_to"), dict) else None
    if line is not None and line != old_line:
        at, value = solid_line(left.entry, index, line)
        changes[at] = value
        said.append(f"{move.person} reports to {line}" + (f" (was {old_line})" if old_line else ""))
    if move.lead and joining.model.lead != move.person:
        changes[("lead",)] = move.person
        said.append(f"{move.person} leads {move.to} (was {joining.model.lead})")
        former = playbook.person_by_id.get(joining.model.lead)
        if former is not None and former.team is joining:
            at, value = solid_line(joined["members"][former.index], former.index, move.person)
            changes[at] = value
            said.append(f"{joining.model.lead} reports to {move.person}")
    change = Plan()
    write(change, left.path, left.text, left.bom, without(before, left, move), left.changes)
    joined["members"].append(left.entry)
    write(change, path, with_them, bom, joined, changes)
    change.described += said + left.said
    return change


def without(before: Before, left: Leaving, move: PersonMove) -> Any:
    person = before.validation.playbook.person_by_id[move.person]
    data = files.data_of(before.root, person.team.document.path)
    del data["members"][person.index]
    return data


def write(change: Plan, path: str, text: str, bom: bool, moved: Any, changes: dict[Path, Any]) -> None:
    """Check the moved entry landed as intended, then make the other changes of the file."""
    raw = files.bytes_of(text, bom)
    written = files.checked(path, raw, moved)
    change.write(path, files.rewrite(path, raw, changes) if changes else written)
