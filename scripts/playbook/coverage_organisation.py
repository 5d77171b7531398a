"""What a change does to the organisation: teams, scopes, taxonomy terms, people, key relationships.

A rename is told from a move: a team that is gone and a new one with the same members (or,
of the same type, most of them), a
person gone and a new id with the same name on the same team, a term gone and a new one
with the same name, are renames. The rest of the diff (accounts, load, findings) sees the
base revision through these renames, so an account that only followed its team's new id
has not moved, and a finding that only names the new id is not new.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from playbook.layout import ACCOUNTS
from playbook.repository import Playbook

TEAMS = "data/teams"
#: The taxonomy's vocabularies a diff follows, with the singular word for a term.
VOCABULARIES = {"regions": "region", "industries": "industry", "government_domains": "domain"}
#: A team's scope field and the vocabulary it names terms of.
_SCOPES = (("regions", "regions"), ("industries", "industries"), ("domains", "government_domains"))


@dataclass(frozen=True)
class Renamed:
    before: str
    after: str


@dataclass(frozen=True)
class ScopeChange:
    """Regions, industries or domains a team's scope gained and lost."""

    team: str
    what: str
    gained: tuple[str, ...]
    lost: tuple[str, ...]


@dataclass(frozen=True)
class Transfer:
    """A person now on another team."""

    person: str
    before: str
    after: str


@dataclass(frozen=True)
class TermChange:
    """A taxonomy term added, removed, renamed or given another parent."""

    vocabulary: str
    term: str
    change: str
    detail: str = ""


@dataclass(frozen=True)
class ContactDrop:
    """A key contact whose relationship level in the account's latest assessment is lower than it was."""

    account: str
    contact: str
    before: int
    after: int


@dataclass
class Renames:
    """Ids that were renamed between the base and the head, by kind."""

    teams: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    accounts: dict[str, str] = field(default_factory=dict)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)

    def team(self, identifier: str) -> str:
        return self.teams.get(identifier, identifier)

    def person(self, identifier: str) -> str:
        return self.people.get(identifier, identifier)

    def term(self, vocabulary: str, identifier: str) -> str:
        return self.terms.get(vocabulary, {}).get(identifier, identifier)

    def path(self, path: str) -> str:
        """A base revision's file path as the head names it."""
        parts = path.split("/")
        if path.startswith(f"{ACCOUNTS}/") and len(parts) > 2 and parts[2] in self.accounts:
            parts[2] = self.accounts[parts[2]]
            return "/".join(parts)
        if path.startswith(f"{TEAMS}/") and parts[-1].removesuffix(".yaml") in self.teams:
            return f"{TEAMS}/{self.teams[parts[-1].removesuffix('.yaml')]}.yaml"
        return path

    def message(self, text: str) -> str:
        """A finding's message with every renamed id that it quotes ('id') in its new name."""
        names: dict[str, str] = {**self.people, **self.accounts, **self.teams}
        for renamed in self.terms.values():
            names.update(renamed)
        if not names or "'" not in text:
            return text
        return _quoted(names).sub(lambda match: f"'{names[match.group(1)]}'", text)

    def __bool__(self) -> bool:
        return bool(self.teams or self.people or self.accounts or any(self.terms.values()))


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _quoted(names: dict[str, str]) -> re.Pattern[str]:
    key = tuple(sorted(names))
    if key not in _PATTERNS:
        _PATTERNS.clear()
        _PATTERNS[key] = re.compile("'(" + "|".join(re.escape(name) for name in sorted(names, key=len)[::-1]) + ")'")
    return _PATTERNS[key]


def _paired(gone: Mapping[str, Hashable], new: Mapping[str, Hashable]) -> dict[str, str]:
    """Old id -> new id for each gone item whose signature exactly one new item shares."""
    by_signature: dict[Hashable, list[str]] = {}
    for identifier, signature in new.items():
        by_signature.setdefault(signature, []).append(identifier)
    paired = {}
    for identifier, signature in gone.items():
        candidates = by_signature.get(signature, [])
        if len(candidates) == 1:
            paired[identifier] = candidates[0]
    return paired


def _teams_paired(
    gone: dict[str, frozenset[str]], new: dict[str, frozenset[str]], base: Playbook, head: Playbook
) -> dict[str, str]:
    """Renamed teams: the same members under a new id, or, failing that, a team of the same type
    that kept most of them (more than half of the larger team: a split keeps its old team renamed)."""
    paired = _paired(gone, new)
    rest = {team: members for team, members in new.items() if team not in paired.values()}
    for old, members in sorted(gone.items()):
        if old in paired:
            continue
        kind = base.team_by_id[old].model.type
        candidates = [
            (len(members & other), team)
            for team, other in rest.items()
            if head.team_by_id[team].model.type == kind and 2 * len(members & other) > max(len(members), len(other))
        ]
        if len(candidates) == 1:
            paired[old] = candidates[0][1]
            del rest[candidates[0][1]]
    return paired


def _terms(playbook: Playbook, vocabulary: str) -> dict[str, object]:
    if playbook.taxonomy is None:
        return {}
    return {term.id: term for term in getattr(playbook.taxonomy.model, vocabulary)}


def detect(base: Playbook, head: Playbook) -> Renames:
    """The renames between the two playbooks."""
    renames = Renames()
    before_teams, after_teams = base.team_by_id, head.team_by_id
    gone = {t: frozenset(m.id for m in before_teams[t].model.members) for t in set(before_teams) - set(after_teams)}
    new = {t: frozenset(m.id for m in after_teams[t].model.members) for t in set(after_teams) - set(before_teams)}
    renames.teams = _teams_paired(gone, new, base, head)
    before_people, after_people = base.person_by_id, head.person_by_id
    gone_people = {
        p: (str(before_people[p].member.name), renames.team(before_people[p].team.model.id))
        for p in set(before_people) - set(after_people)
    }
    new_people = {
        p: (str(after_people[p].member.name), after_people[p].team.model.id)
        for p in set(after_people) - set(before_people)
    }
    renames.people = _paired(gone_people, new_people)
    if renames.people:  # a team whose members were renamed keeps its id: look again with the new ids
        gone = {t: frozenset(renames.person(p) for p in members) for t, members in gone.items()}
        renames.teams = _teams_paired(gone, new, base, head)
    before_accounts, after_accounts = base.account_by_id, head.account_by_id
    gone_accounts = {a: _name(before_accounts[a].model.name) for a in set(before_accounts) - set(after_accounts)}
    new_accounts = {a: _name(after_accounts[a].model.name) for a in set(after_accounts) - set(before_accounts)}
    renames.accounts = _paired(gone_accounts, new_accounts)
    for vocabulary in VOCABULARIES:
        before, after = _terms(base, vocabulary), _terms(head, vocabulary)
        gone_terms = {t: _name(before[t].name) for t in set(before) - set(after)}  # type: ignore[attr-defined]
        new_terms = {t: _name(after[t].name) for t in set(after) - set(before)}  # type: ignore[attr-defined]
        renames.terms[vocabulary] = _paired(gone_terms, new_terms)
    return renames


def _name(name: object) -> Hashable:
    return (getattr(name, "zh", None), getattr(name, "en", None))


def term_changes(base: Playbook, head: Playbook, renames: Renames) -> list[TermChange]:
    changes: list[TermChange] = []
    for vocabulary, word in VOCABULARIES.items():
        before, after = _terms(base, vocabulary), _terms(head, vocabulary)
        renamed = renames.terms.get(vocabulary, {})
        for old, new in sorted(renamed.items()):
            changes.append(TermChange(word, new, "renamed", f"from {old}"))
        for term in sorted(set(before) - set(after) - set(renamed)):
            changes.append(TermChange(word, term, "removed"))
        for term in sorted(set(after) - set(before) - set(renamed.values())):
            changes.append(TermChange(word, term, "added"))
        for old_id, old_term in before.items():
            new_id = renamed.get(old_id, old_id)
            new_term = after.get(new_id)
            if new_term is None:
                continue
            old_parent = getattr(old_term, "parent", None)
            old_parent = renames.term(vocabulary, old_parent) if old_parent else None
            new_parent = getattr(new_term, "parent", None)
            if old_parent != new_parent:
                detail = f"from {old_parent or '(top level)'} to {new_parent or '(top level)'}"
                changes.append(TermChange(word, new_id, "re-parented", detail))
    return changes


def team_changes(base: Playbook, head: Playbook, renames: Renames) -> tuple[list[str], list[str], list[Renamed]]:
    """Teams added, removed and renamed."""
    before, after = set(base.team_by_id), set(head.team_by_id)
    renamed = [Renamed(old, new) for old, new in sorted(renames.teams.items())]
    added = sorted(after - before - set(renames.teams.values()))
    removed = sorted(before - after - set(renames.teams))
    return added, removed, renamed


def scope_changes(base: Playbook, head: Playbook, renames: Renames) -> list[ScopeChange]:
    """Each team whose scope changed (teams in both revisions)."""
    changes = []
    for old_id, old_team in sorted(base.team_by_id.items()):
        new_team = head.team_by_id.get(renames.team(old_id))
        if new_team is None:
            continue
        for what, vocabulary in _SCOPES:
            old = {renames.term(vocabulary, item) for item in getattr(old_team.model.scope, what)}
            new = set(getattr(new_team.model.scope, what))
            if old != new:
                changes.append(ScopeChange(new_team.model.id, what, tuple(sorted(new - old)), tuple(sorted(old - new))))
    return changes


def people_moved(base: Playbook, head: Playbook, renames: Renames) -> list[Transfer]:
    """Each person now on another team."""
    moved = []
    for person, found in sorted(base.person_by_id.items()):
        now = head.person_by_id.get(renames.person(person))
        if now is None:
            continue
        before_team = renames.team(found.team.model.id)
        if before_team != now.team.model.id:
            moved.append(Transfer(renames.person(person), before_team, now.team.model.id))
    return moved


def _key_roles(playbook: Playbook) -> set[str]:
    if playbook.taxonomy is None:
        return set()
    return {role.id for role in playbook.taxonomy.model.buying_roles if role.needs_backup or role.decides}


def _latest_levels(playbook: Playbook) -> dict[str, dict[str, int]]:
    """Account folder -> contact -> level in the latest assessment."""
    grouped = playbook.assessments_by_account
    return {folder: dict(found[-1].model.contacts) for folder, found in grouped.items() if found}


def contact_drops(base: Playbook, head: Playbook, renames: Renames) -> list[ContactDrop]:
    """Key contacts whose level in the latest assessment dropped."""
    roles = _key_roles(head)
    before, after = _latest_levels(base), _latest_levels(head)
    back = {new: old for old, new in renames.accounts.items()}
    drops = []
    for account in head.accounts:
        folder = account.stem
        old_folder = back.get(folder, folder)
        old_levels, new_levels = before.get(old_folder, {}), after.get(folder, {})
        if old_levels is new_levels or not old_levels:
            continue
        for contact in account.model.contacts:
            if contact.buying_role not in roles:
                continue
            old, new = old_levels.get(contact.id), new_levels.get(contact.id)
            if old is not None and new is not None and new < old:
                drops.append(ContactDrop(account.model.id, contact.id, old, new))
    return sorted(drops, key=lambda drop: (drop.account, drop.contact))


def mapped(items: Iterable[str], rename: dict[str, str]) -> set[str]:
    return {rename.get(item, item) for item in items}
