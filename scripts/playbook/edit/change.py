"""A change to the data as a plan (new file contents, renamed files and folders), checked in memory.

The playbook is read once. The plan's new contents are read and checked like files on disk,
every other file's result is reused, and the rules run over the playbook as it would be:
what the change does to coverage and to the findings is known before anything is written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FsPath

from playbook import codeowners, coverage, coverage_diff, policy, repository
from playbook.coverage import Coverage
from playbook.coverage_diff import CoverageDiff
from playbook.edit.files import Written
from playbook.repository import FileResult
from playbook.validation import Validation, validate_loaded


@dataclass
class Plan:
    """What a command changes: new contents of files (by their path before renames), renamed files and folders."""

    writes: dict[str, bytes] = field(default_factory=dict)
    #: What the validator's reader made of the new contents, when they were read back already.
    read_back: dict[str, Written] = field(default_factory=dict)
    renames: list[tuple[str, str]] = field(default_factory=list)
    #: What the change does, one line each, in words.
    described: list[str] = field(default_factory=list)

    def write(self, path: str, written: Written) -> None:
        """Write a file's new contents (by its path before renames)."""
        self.writes[path] = written.raw
        self.read_back[path] = written

    def path_after(self, path: str) -> str:
        """Where a root-relative path is once the renames are made."""
        for old, new in self.renames:
            if path == old:
                return new
            if path.startswith(f"{old}/"):
                return new + path[len(old) :]
        return path


@dataclass
class Before:
    """The repository as it is: every file's result and the validation over them."""

    root: FsPath
    files: list[str]
    results: list[FileResult]
    validation: Validation


@dataclass
class Checked:
    """The plan checked: the validation before and after, and what the change does to coverage."""

    plan: Plan
    before: Validation
    after: Validation
    diff: CoverageDiff
    after_coverage: Coverage

    @property
    def adds_errors(self) -> bool:
        return bool(self.diff.errors_introduced)


def read(root: FsPath, today: date | None) -> Before:
    """Read and validate the repository."""
    files = repository.data_files(root)
    results = repository.read_files(root, files)
    loaded = repository.assemble(root, files, results)
    return Before(root, files, results, validate_loaded(loaded, today))


def _results_after(before: Before, plan: Plan) -> dict[str, FileResult]:
    """Every file's result as the plan would leave it, by its path then: the plan's contents, the rest reused."""
    results: dict[str, FileResult] = {}
    for result in before.results:
        path = plan.path_after(result.path)
        written = plan.read_back.get(result.path)
        if written is not None and path == result.path:
            parsed = repository.ParsedFile(path, result.kind, written.document, written.findings)
            results[path] = repository.check_parsed(parsed)
        elif result.path in plan.writes:
            results[path] = repository.read_file(path, functools.partial(bytes, plan.writes[result.path]))
        elif path != result.path:
            source = before.root / result.path
            results[path] = repository.read_file(path, source.read_bytes)
        else:
            results[path] = result
    existing = set(before.files)
    for path, raw in plan.writes.items():  # new files
        kind = repository.kind_of(path)
        if path in existing or path in results or kind is None:
            continue
        written = plan.read_back.get(path)
        if written is None:
            results[path] = repository.read_file(path, functools.partial(bytes, raw))
        else:
            results[path] = repository.check_parsed(
                repository.ParsedFile(path, kind, written.document, written.findings)
            )
    return results


def _loaded_after(before: Before, plan: Plan) -> tuple[list[str], list[FileResult], repository.Loaded]:
    """The files, their results and the loaded playbook as the plan would leave them."""
    results = _results_after(before, plan)
    files = sorted(results)
    ordered = [results[path] for path in files]
    return files, ordered, repository.assemble(before.root, files, ordered)


def left_by(before: Before, plan: Plan) -> Before:
    """The repository as the plan would leave it, to plan a next step on, without writing it.

    Only the files' own findings come with it: the rules run once, over the whole change
    (``check``). Read the plan's files from ``before.root`` before the plan is written there.
    """
    files, ordered, loaded = _loaded_after(before, plan)
    return Before(before.root, files, ordered, Validation(loaded.playbook, loaded.findings, loaded.files))


def check(before: Before, plan: Plan, today: date | None, progress: Callable[[str], None]) -> Checked:
    """Validate the playbook as the plan would leave it, and compare it with the playbook as it is."""
    progress("checking the change")
    _, _, loaded = _loaded_after(before, plan)
    owners = before.root / codeowners.PATH
    if owners.is_file():  # the command writes CODEOWNERS anew: the change is checked with the file it writes
        rendered = codeowners.render(loaded.playbook).encode("utf-8")
        loaded.playbook.codeowners = rendered.decode("utf-8")
        if owners.read_bytes() != rendered:
            plan.writes[codeowners.PATH] = rendered
    after = validate_loaded(loaded, today)
    before_coverage = coverage.compute(before.validation.playbook)
    after_coverage = coverage.compute(after.playbook)
    diff = coverage_diff.compare(before.validation, after, before_coverage, after_coverage)
    diff.errors_introduced = sorted(
        diff.errors_introduced + policy.check(before.validation.playbook, after.playbook, diff.team_renames)
    )
    return Checked(plan, before.validation, after, diff, after_coverage)
