"""The one thing every stage emits: a finding about a place in a file.

Like ``reporters`` and ``cache``, this module is imported by every run, warm ones included, so
it does without ``from __future__ import annotations``: its NamedTuple's annotations would
otherwise be compiled from strings on every start.
"""

from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


class Finding(NamedTuple):
    """A problem found in the data, pointing at the line and column to fix.

    ``path`` is relative to the playbook root, with forward slashes. ``line`` and
    ``column`` are 1-based; A finding about a whole file (or a missing one) points at line 1, column 1.
    """

    path: str
    line: int
    column: int
    rule: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, str | int]:
        """The finding as CONTRACT.md's JSON gives it."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": self.rule,
            "message": self.message,
        }


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in a stable order: by file, position, rule code, then message."""
    return sorted(set(findings))


def count_errors(findings: list[Finding]) -> int:
    return sum(1 for finding in findings if finding.is_error)


def narrowed(findings: list[Finding], paths: list[str]) -> list[Finding]:
    """The findings about the given root-relative files or folders (all when none given)."""
    if not paths:
        return findings
    wanted = [path.rstrip("/") for path in paths]
    return [f for f in findings if any(f.path == path or f.path.startswith(f"{path}/") for path in wanted)]
