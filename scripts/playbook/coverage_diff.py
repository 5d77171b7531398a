"""What a change does to coverage: the playbook at a base revision against the working tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.coverage import Coverage, Matrix
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
    """Members added to and removed from a set (overlay teams, people in a role)."""

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
    overlay_changes: list[SetChange] = field(default_factory=list)
    triangle_changes: list[SetChange] = field(default_factory=list)
    load_changes: list[LoadChange] = field(default_factory=list)
    gaps_opened: list[str] = field(default_factory=list)
    gaps_closed: list[str] = field(default_factory=list)
    overlaps_opened: list[str] = field(default_factory=list)
    overlaps_closed: list[str] = field(default_factory=list)
    errors_introduced: list[Finding] = field(default_factory=list)
    errors_fixed: list[Finding] = field(default_factory=list)
    base_errors: int = 0

    @property
    def coverage_changed(self) -> bool:
        return any(
            (
                self.added,
                self.removed,
                self.renamed,
                self.moved,
                self.tier_changes,
                self.overlay_changes,
                self.triangle_changes,
                self.load_changes,
                self.gaps_opened,
                self.gaps_closed,
                self.overlaps_opened,
                self.overlaps_closed,
            )
        )


def compare(base: Validation, head: Validation, base_coverage: Coverage, head_coverage: Coverage) -> CoverageDiff:
    diff = CoverageDiff()
    before = {account.model.id: account.model for account in base.playbook.accounts}
    after = {account.model.id: account.model for account in head.playbook.accounts}
    _accounts(diff, before, after)
    _load(diff, base_coverage, head_coverage)
    _cells(diff, base_coverage, head_coverage)
    base_keys = {_key(finding) for finding in base.findings if finding.is_error}
    head_keys = {_key(finding) for finding in head.findings if finding.is_error}
    diff.errors_introduced = [f for f in head.findings if f.is_error and _key(f) not in base_keys]
    diff.errors_fixed = [f for f in base.findings if f.is_error and _key(f) not in head_keys]
    diff.base_errors = len(base_keys)
    return diff


def _key(finding: Finding) -> tuple[str, str, str]:
    """A finding's identity across revisions: lines move when other lines change."""
    return (finding.rule, finding.path, finding.message)


def _accounts(diff: CoverageDiff, before: dict[str, Account], after: dict[str, Account]) -> None:
    gone = {key: before[key] for key in sorted(set(before) - set(after))}
    new = {key: after[key] for key in sorted(set(after) - set(before))}
    by_name = {(account.name.zh, account.name.en): key for key, account in new.items()}
    for old_id, account in list(gone.items()):
        new_id = by_name.get((account.name.zh, account.name.en))
        if new_id is not None and new_id in new:
            diff.renamed.append(Move(new_id, old_id, new_id))
            after_account = new.pop(new_id)
            del gone[old_id]
            _account_changes(diff, new_id, account, after_account)
    diff.removed = [(key, account.owner) for key, account in gone.items()]
    diff.added = [(key, account.owner) for key, account in new.items()]
    for key in sorted(set(before) & set(after)):
        _account_changes(diff, key, before[key], after[key])


def _account_changes(diff: CoverageDiff, key: str, old: Account, new: Account) -> None:
    if old.owner != new.owner:
        diff.moved.append(Move(key, old.owner, new.owner))
    if old.tier != new.tier:
        diff.tier_changes.append(Move(key, old.tier, new.tier))
    _set_change(diff.overlay_changes, key, "overlays", {o.team for o in old.overlays}, {o.team for o in new.overlays})
    for role in ("ar", "sr", "fr"):
        old_people = set(getattr(old.iron_triangle, role))
        new_people = set(getattr(new.iron_triangle, role))
        _set_change(diff.triangle_changes, key, role.upper(), old_people, new_people)


def _set_change(changes: list[SetChange], key: str, what: str, old: set[str], new: set[str]) -> None:
    if old != new:
        changes.append(SetChange(key, what, tuple(sorted(new - old)), tuple(sorted(old - new))))


def _load(diff: CoverageDiff, base: Coverage, head: Coverage) -> None:
    before = {(load.person, load.tier): load for load in base.load}
    after = {(load.person, load.tier): load for load in head.load}
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        old_count = len(old.accounts) if old else 0
        new_count = len(new.accounts) if new else 0
        if old_count != new_count:
            maximum = new.maximum if new else (old.maximum if old else None)
            diff.load_changes.append(LoadChange(key[0], key[1], old_count, new_count, maximum))


def _problems(coverage: Coverage) -> tuple[set[str], set[str]]:
    gaps = {f"region {region} has no regional team" for region in coverage.regions_without_regional_team}
    overlaps: set[str] = set()
    for matrix in (coverage.commercial, coverage.government):
        gaps |= {_cell_name(matrix, cell.row, cell.region) for cell in matrix.gaps}
        for cell in matrix.overlaps:
            teams = ", ".join((*cell.named_teams, *cell.regional_teams))
            overlaps.add(f"{_cell_name(matrix, cell.row, cell.region)} is claimed by {teams}")
    return gaps, overlaps


def _cell_name(matrix: Matrix, row: str, region: str) -> str:
    return f"{matrix.kind} {row} in region {region}"


def _cells(diff: CoverageDiff, base: Coverage, head: Coverage) -> None:
    base_gaps, base_overlaps = _problems(base)
    head_gaps, head_overlaps = _problems(head)
    diff.gaps_opened = sorted(head_gaps - base_gaps)
    diff.gaps_closed = sorted(base_gaps - head_gaps)
    diff.overlaps_opened = sorted(head_overlaps - base_overlaps)
    diff.overlaps_closed = sorted(base_overlaps - head_overlaps)
