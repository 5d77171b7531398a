"""What a change does to coverage: the playbook at a base revision against the working tree.

Renames are told first (``playbook.coverage_organisation``): the rest of the comparison
sees the base through them, so a team renamed with its accounts is one rename, not a
move of each account, and needs no approval of a move.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook import coverage_organisation as organisation
from playbook.coverage import Coverage, Matrix
from playbook.coverage_organisation import ContactDrop, Renamed, Renames, ScopeChange, TermChange, Transfer
from playbook.findings import Finding
from playbook.models.account import Account
from playbook.validation import Validation


@dataclass(frozen=True)
class Move:
    account: str
    before: str
    after: str


@dataclass(frozen=True)
class SetChange:
    """Members added to and removed from a set (overlay teams, people in a role, a team's scope)."""

    account: str
    what: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class LoadChange:
    person: str
    tier: str
    before: int
    after: int
    maximum: int | None

    @property
    def over(self) -> bool:
        return self.maximum is not None and self.after > self.maximum


@dataclass
class CoverageDiff:
    """Every coverage change between two playbooks, and the errors the change brings or removes."""

    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    renamed: list[Move] = field(default_factory=list)
    moved: list[Move] = field(default_factory=list)
    tier_changes: list[Move] = field(default_factory=list)
    region_changes: list[Move] = field(default_factory=list)
    industry_changes: list[Move] = field(default_factory=list)
    overlay_changes: list[SetChange] = field(default_factory=list)
    triangle_changes: list[SetChange] = field(default_factory=list)
    load_changes: list[LoadChange] = field(default_factory=list)
    teams_added: list[str] = field(default_factory=list)
    teams_removed: list[str] = field(default_factory=list)
    teams_renamed: list[Renamed] = field(default_factory=list)
    scope_changes: list[ScopeChange] = field(default_factory=list)
    term_changes: list[TermChange] = field(default_factory=list)
    people_renamed: list[Renamed] = field(default_factory=list)
    people_moved: list[Transfer] = field(default_factory=list)
    contact_drops: list[ContactDrop] = field(default_factory=list)
    gaps_opened: list[str] = field(default_factory=list)
    gaps_closed: list[str] = field(default_factory=list)
    overlaps_opened: list[str] = field(default_factory=list)
    overlaps_closed: list[str] = field(default_factory=list)
    errors_introduced: list[Finding] = field(default_factory=list)
    errors_fixed: list[Finding] = field(default_factory=list)
    base_errors: int = 0
    #: Which team owns each account after the change (and before, for one removed): to group the details.
    owners: dict[str, str] = field(default_factory=dict)
    #: Which team each person is on after the change (and before, for one who left).
    teams_of: dict[str, str] = field(default_factory=dict)

    @property
    def team_renames(self) -> dict[str, str]:
        return {renamed.before: renamed.after for renamed in self.teams_renamed}

    @property
    def coverage_changed(self) -> bool:
        ignored = {"errors_introduced", "errors_fixed", "base_errors", "owners", "teams_of"}
        return any(value for name, value in vars(self).items() if name not in ignored)


def compare(base: Validation, head: Validation, base_coverage: Coverage, head_coverage: Coverage) -> CoverageDiff:
    diff = CoverageDiff()
    renames = organisation.detect(base.playbook, head.playbook)
    _organisation(diff, base, head, renames)
    before = {account.model.id: account.model for account in base.playbook.accounts}
    after = {account.model.id: account.model for account in head.playbook.accounts}
    diff.owners = {key: renames.team(account.owner) for key, account in before.items()}
    diff.owners |= {key: account.owner for key, account in after.items()}
    _accounts(diff, before, after, renames)
    _load(diff, base_coverage, head_coverage, renames)
    _cells(diff, base_coverage, head_coverage, renames)
    base_keys = {_key(finding, renames) for finding in base.findings if finding.is_error}
    head_keys = {_key(finding) for finding in head.findings if finding.is_error}
    diff.errors_introduced = [f for f in head.findings if f.is_error and _key(f) not in base_keys]
    fixed = [f for f in base.findings if f.is_error and _key(f, renames) not in head_keys]
    diff.errors_fixed = fixed
    diff.base_errors = len(base_keys)
    return diff


def _organisation(diff: CoverageDiff, base: Validation, head: Validation, renames: Renames) -> None:
    diff.teams_added, diff.teams_removed, diff.teams_renamed = organisation.team_changes(
        base.playbook, head.playbook, renames
    )
    diff.scope_changes = organisation.scope_changes(base.playbook, head.playbook, renames)
    diff.term_changes = organisation.term_changes(base.playbook, head.playbook, renames)
    diff.people_renamed = [Renamed(old, new) for old, new in sorted(renames.people.items())]
    diff.people_moved = organisation.people_moved(base.playbook, head.playbook, renames)
    diff.contact_drops = organisation.contact_drops(base.playbook, head.playbook, renames)
    diff.teams_of = {renames.person(p): renames.team(f.team.model.id) for p, f in base.playbook.person_by_id.items()}
    diff.teams_of |= {person: found.team.model.id for person, found in head.playbook.person_by_id.items()}


def _key(finding: Finding, renames: Renames | None = None) -> tuple[str, str, str]:
    """A finding's identity across revisions: lines move when other lines change; renamed ids are followed."""
    if renames:
        return (finding.rule, renames.path(finding.path), renames.message(finding.message))
    return (finding.rule, finding.path, finding.message)


def _accounts(diff: CoverageDiff, before: dict[str, Account], after: dict[str, Account], renames: Renames) -> None:
    gone = {key: before[key] for key in sorted(set(before) - set(after))}
    new = {key: after[key] for key in sorted(set(after) - set(before))}
    for old_id, new_id in sorted(renames.accounts.items()):
        if old_id in gone and new_id in new:
            diff.renamed.append(Move(new_id, old_id, new_id))
            _account_changes(diff, new_id, gone.pop(old_id), new.pop(new_id), renames)
    diff.removed = [(key, account.owner) for key, account in gone.items()]
    diff.added = [(key, account.owner) for key, account in new.items()]
    for key in sorted(set(before) & set(after)):
        _account_changes(diff, key, before[key], after[key], renames)


def _account_changes(diff: CoverageDiff, key: str, old: Account, new: Account, renames: Renames) -> None:
    owner = renames.team(old.owner)
    if owner != new.owner:
        diff.moved.append(Move(key, owner, new.owner))
    if old.tier != new.tier:
        diff.tier_changes.append(Move(key, old.tier, new.tier))
    region = renames.term("regions", old.region)
    if region != new.region:
        diff.region_changes.append(Move(key, region, new.region))
    industry = renames.term("industries", old.industry)
    if industry != new.industry:
        diff.industry_changes.append(Move(key, industry, new.industry))
    old_overlays = organisation.mapped((o.team for o in old.overlays), renames.teams)
    _set_change(diff.overlay_changes, key, "overlays", old_overlays, {o.team for o in new.overlays})
    for role in ("ar", "sr", "fr"):
        old_people = organisation.mapped(getattr(old.iron_triangle, role), renames.people)
        new_people = set(getattr(new.iron_triangle, role))
        _set_change(diff.triangle_changes, key, role.upper(), old_people, new_people)


def _set_change(changes: list[SetChange], key: str, what: str, old: set[str], new: set[str]) -> None:
    if old != new:
        changes.append(SetChange(key, what, tuple(sorted(new - old)), tuple(sorted(old - new))))


def _load(diff: CoverageDiff, base: Coverage, head: Coverage, renames: Renames) -> None:
    before = {(renames.person(load.person), load.tier): load for load in base.load}
    after = {(load.person, load.tier): load for load in head.load}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_count = len(old.accounts) if old else 0
        new_count = len(new.accounts) if new else 0
        if old_count != new_count:
            maximum = new.maximum if new else (old.maximum if old else None)
            diff.load_changes.append(LoadChange(key[0], key[1], old_count, new_count, maximum))


def _problems(coverage: Coverage, renames: Renames | None = None) -> tuple[set[str], set[str]]:
    def region(identifier: str) -> str:
        return renames.term("regions", identifier) if renames else identifier

    def row(matrix: Matrix, identifier: str) -> str:
        vocabulary = "industries" if matrix.kind == "industry" else "government_domains"
        return renames.term(vocabulary, identifier) if renames else identifier

    gaps = {f"region {region(name)} has no regional team" for name in coverage.regions_without_regional_team}
    overlaps: set[str] = set()
    for matrix in (coverage.commercial, coverage.government):
        gaps |= {_cell_name(matrix, row(matrix, cell.row), region(cell.region)) for cell in matrix.gaps}
        for cell in matrix.overlaps:
            claimants = (*cell.named_teams, *cell.regional_teams)
            teams = ", ".join(renames.team(team) for team in claimants) if renames else ", ".join(claimants)
            name = _cell_name(matrix, row(matrix, cell.row), region(cell.region))
            overlaps.add(f"{name} is claimed by {teams}")
    return gaps, overlaps


def _cell_name(matrix: Matrix, row: str, region: str) -> str:
    return f"{matrix.kind} {row} in region {region}"


def _cells(diff: CoverageDiff, base: Coverage, head: Coverage, renames: Renames) -> None:
    base_gaps, base_overlaps = _problems(base, renames)
    head_gaps, head_overlaps = _problems(head)
    diff.gaps_opened = sorted(head_gaps - base_gaps)
    diff.gaps_closed = sorted(base_gaps - head_gaps)
    diff.overlaps_opened = sorted(head_overlaps - base_overlaps)
    diff.overlaps_closed = sorted(base_overlaps - head_overlaps)
