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
    #: Other places the finding concerns, as ``path:line:column``: a rule that relates two files
    #: points at one and names the other, and a narrowed run shows it at whichever was asked about.
    related: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, str | int | list[str]]:
        """The finding as CONTRACT.md's JSON gives it (with ``related`` when it names other places)."""
        found: dict[str, str | int | list[str]] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "rule": self.rule,
            "message": self.message,
        }
        if self.related:
            found["related"] = list(self.related)
        return found

    def at(self, place: str) -> "Finding":
        """The same finding shown at one of its related places (``path:line:column``), naming this one."""
        path, line, column = _place(place)
        others = tuple(other for other in self.related if other != place)
        return Finding(path, line, column, self.rule, self.severity, self.message, (self.place, *others))

    @property
    def place(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


def _place(place: str) -> tuple[str, int, int]:
    path, line, column = place.rsplit(":", 2)
    return path, int(line), int(column)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Findings in a stable order: by file, position, rule code, then message."""
    return sorted(set(findings))


def count_errors(findings: list[Finding]) -> int:
    return sum(1 for finding in findings if finding.is_error)


def narrowed(findings: list[Finding], paths: list[str]) -> list[Finding]:
    """The findings about the given root-relative files or folders (all when none given).

    A finding that relates two places and was asked about only at its other place is shown
    there: a run narrowed to the file just changed says what to fix in that file.
    """
    if not paths:
        return findings
    wanted = [path.rstrip("/") for path in paths]

    def asked(path: str) -> bool:
        return any(path == want or path.startswith(f"{want}/") for want in wanted)

    shown = []
    for finding in findings:
        if asked(finding.path):
            shown.append(finding)
            continue
        place = next((place for place in finding.related if asked(_place(place)[0])), None)
        if place is not None:
            shown.append(finding.at(place))
    return sort_findings(shown)
