"""The whole check of a repository: load, shape checks, cross-file rules, sorted findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path as FsPath

from playbook import repository
from playbook.findings import Finding, count_errors, narrowed, sort_findings
from playbook.repository import Playbook
from playbook.rules import run_all


@dataclass
class Validation:
    """Everything one validation run found."""

    playbook: Playbook
    findings: list[Finding]
    files: list[str]

    @property
    def errors(self) -> int:
        return count_errors(self.findings)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def narrowed(self, paths: list[str]) -> list[Finding]:
        """The findings about the given root-relative files or folders (all when none given)."""
        return narrowed(self.findings, paths)


def validate(root: FsPath, as_of: date | None = None, jobs: int | None = None) -> Validation:
    """Check every data file and every cross-file rule of the repository at ``root``."""
    return validate_loaded(repository.load(root, jobs), as_of)


def validate_loaded(loaded: repository.Loaded, as_of: date | None = None) -> Validation:
    """Run the cross-file rules over files already read (from disk or from a git revision)."""
    findings = loaded.findings + run_all(loaded.playbook, as_of or date.today())
    return Validation(loaded.playbook, sort_findings(findings), loaded.files)
