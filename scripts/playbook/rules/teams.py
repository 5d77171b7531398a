"""Teams: who leads them and how people and teams report to one another."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from playbook.documents import Document, Path
from playbook.models.common import ReportingLines
from playbook.repository import Playbook
from playbook.rules.registry import Hit, rule


@dataclass(frozen=True)
class SolidLine:
    """A solid reporting line: who reports, to whom, and where the line is written."""

    source: str
    target: str
    document: Document
    at: Path


def _person_lines(playbook: Playbook) -> dict[str, SolidLine]:
    """Each person's solid line to another known person."""
    people = playbook.person_by_id
    lines = {}
    for person_id, person in people.items():
        solid = person.member.reports_to.solid if person.member.reports_to else None
        if solid is not None and solid in people:
            lines[person_id] = SolidLine(person_id, solid, person.team.document, (*person.at, "reports_to", "solid"))
    return lines


def _team_lines(playbook: Playbook) -> dict[str, SolidLine]:
    """Each team's solid line to another known team."""
    teams = playbook.team_by_id
    lines = {}
    for team_id, team in teams.items():
        solid = team.model.reports_to.solid if team.model.reports_to else None
        if solid is not None and solid in teams:
            lines[team_id] = SolidLine(team_id, solid, team.document, ("reports_to", "solid"))
    return lines


def cycles(lines: dict[str, SolidLine]) -> list[list[str]]:
    """The cycles of two or more ids the lines form, each once, starting at its smallest id.

    Each id has at most one solid line, so one walk from every id not yet seen finds every
    cycle in time linear in the number of lines.
    """
    found: list[list[str]] = []
    done: set[str] = set()
    for start in sorted(lines):
        walk: list[str] = []
        on_walk: dict[str, int] = {}
        node: str | None = start
        while node is not None and node not in done and node not in on_walk:
            on_walk[node] = len(walk)
            walk.append(node)
            line = lines.get(node)
            node = line.target if line is not None else None
        if node is not None and node in on_walk:
            cycle = walk[on_walk[node] :]
            if len(cycle) > 1:
                top = cycle.index(min(cycle))
                found.append(cycle[top:] + cycle[:top])
        done.update(walk)
    return found


@rule("TEAM001", "lead-not-member", shared=True)
def lead_not_member(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A team's lead is not one of its members.

    ## What it does
    Checks that a team's `lead` is among its `members`. A lead who is nobody at all is
    reported by REF002.

    ## Why is this bad?
    The lead answers for the team's customers, assigns its people and carries its KPIs. A
    lead who belongs to another team answers to that team's targets first, and the team's
    own people have nobody on it to take their accounts to.

    ## Example
    ```yaml
    # data/teams/north-region.yaml
    # expect: lead
    lead: sue-south
    ```

    ## Use instead
    ```yaml
    # data/teams/north-region.yaml
    lead: nick-north
    ```
    """
    people = playbook.person_by_id
    for team in playbook.teams:
        lead, own = team.model.lead, team.model.id
        if lead in people and lead not in {member.id for member in team.model.members}:
            person = people[lead]
            home = person.team.model.id
            yield Hit(
                team.document,
                ("lead",),
                f"lead '{lead}' of team '{own}' is a member of '{home}', not of '{own}': "
                f"add '{lead}' to the members of '{own}', or choose a lead among them",
                related=((person.team.document, person.at),),
            )


@rule("TEAM002", "reporting-cycle", shared=True)
def reporting_cycle(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """Solid reporting lines go round in a circle.

    ## What it does
    Follows the solid lines between people (`members[].reports_to.solid`) and between
    teams (`reports_to.solid`) and reports every circle of two or more once, at the solid
    line of its smallest id, naming the other lines of the circle (a run narrowed to another
    team's file shows it there). Someone reporting to themselves is TEAM003.

    ## Why is this bad?
    A solid line says who assigns the work, assesses it and answers for it upwards. In a
    circle nobody is at the top: an escalation about a customer comes back to where it
    started, and no one can settle a conflict between owner and overlay.

    ## Example
    ```yaml
    # data/teams/finance-key-accounts.yaml
    # expect: members.1.reports_to.solid
    members:
      - {id: nina-lead, name: {en: Nina Lead}, roles: [ar], reports_to: {solid: amy-ar}}
      - {id: amy-ar, name: {en: Amy Chen, zh: 陈艾米}, roles: [ar], reports_to: {solid: nina-lead}}
    ```

    ## Use instead
    ```yaml
    # data/teams/finance-key-accounts.yaml
    members:
      - {id: nina-lead, name: {en: Nina Lead}, roles: [ar]}
      - {id: amy-ar, name: {en: Amy Chen, zh: 陈艾米}, roles: [ar], reports_to: {solid: nina-lead}}
    ```
    """
    for what, lines in (("people", _person_lines(playbook)), ("teams", _team_lines(playbook))):
        for cycle in cycles(lines):
            first = lines[cycle[0]]
            circle = " -> ".join([*cycle, cycle[0]])
            yield Hit(
                first.document,
                first.at,
                f"solid reporting lines between {what} go round in a circle ({circle}): "
                "point one of them at someone outside it, so the chain has a top",
                related=tuple((lines[link].document, lines[link].at) for link in cycle[1:]),
            )


def _self_lines(own: str, lines: ReportingLines | None, at: Path) -> Iterator[tuple[Path, str]]:
    """Where ``lines`` name ``own``, and whether solid or dotted."""
    if lines is None:
        return
    if lines.solid == own:
        yield (*at, "solid"), "solid"
    for index, dotted in enumerate(lines.dotted):
        if dotted == own:
            yield (*at, "dotted", index), "dotted"


@rule("TEAM003", "reports-to-self", shared=True)
def reports_to_self(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A person or a team reports to itself.

    ## What it does
    Checks that no member's `reports_to` and no team's `reports_to`, solid or dotted,
    names the member or team itself.

    ## Why is this bad?
    A reporting line is meant to bring guidance, assessment and resources from someone
    else; in the simplified model the dotted line to a key-account director is how key
    accounts get that help. A line back to oneself gives nothing, and it usually hides a
    copied file whose real manager was never filled in.

    ## Example
    ```yaml
    # data/teams/north-region.yaml
    # expect: members.0.reports_to.dotted.0
    members:
      - {id: nick-north, name: {en: Nick North}, roles: [ar], reports_to: {dotted: [nick-north]}}
    ```

    ## Use instead
    ```yaml
    # data/teams/north-region.yaml
    members:
      - {id: nick-north, name: {en: Nick North}, roles: [ar], reports_to: {dotted: [nina-lead]}}
    ```
    """
    for team in playbook.teams:
        own = team.model.id
        for at, kind in _self_lines(own, team.model.reports_to, ("reports_to",)):
            yield Hit(
                team.document,
                at,
                f"team '{own}' reports to itself on a {kind} line: name the team it reports to, or remove the line",
            )
        for index, member in enumerate(team.model.members):
            for at, kind in _self_lines(member.id, member.reports_to, ("members", index, "reports_to")):
                yield Hit(
                    team.document,
                    at,
                    f"'{member.id}' reports to themselves on a {kind} line: "
                    "name the person they report to, or remove the line",
                )
