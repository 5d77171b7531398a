"""Turning findings into text, JSON or GitHub Actions workflow commands.

Reporters are classes in a dict keyed by format name; that dict is the ``--format``
choice list. They return strings; only the CLI prints.

No ``from __future__ import annotations`` here: see ``playbook.findings``.
"""

from typing import NamedTuple

from playbook.findings import Finding


class Summary(NamedTuple):
    files: int
    errors: int
    warnings: int
    #: Errors in files the PATH arguments left out of the report.
    errors_elsewhere: int = 0


class TextReporter:
    """One finding a line: ``path:line:col: severity CODE message``."""

    def findings(self, findings: list[Finding], summary: Summary) -> str:
        return "".join(f"{f.path}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}\n" for f in findings)

    def summary(self, summary: Summary) -> str:
        counts = f"{_plural(summary.errors, 'error')}, {_plural(summary.warnings, 'warning')}"
        text = f"{counts} in {_plural(summary.files, 'file')} checked"
        if summary.errors_elsewhere:
            text += f"; {_plural(summary.errors_elsewhere, 'more error')} in other files (run 'playbook validate')"
        return text + "\n"


class JsonReporter:
    """``{"findings": [{path, line, column, severity, rule, message}], "summary": {...}}``."""

    def findings(self, findings: list[Finding], summary: Summary) -> str:
        payload = {
            "findings": [finding.as_dict() for finding in findings],
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "errors_elsewhere": summary.errors_elsewhere,
            },
        }
        import json

        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"

    def summary(self, summary: Summary) -> str:
        return ""


class GithubReporter:
    """GitHub Actions workflow commands, which annotate the lines of a pull request."""

    def findings(self, findings: list[Finding], summary: Summary) -> str:
        lines = []
        for f in findings:
            properties = f"file={_property(f.path)},line={f.line},col={f.column},title={_property(f.rule)}"
            lines.append(f"::{f.severity} {properties}::{_data(f.message)}\n")
        return "".join(lines)

    def summary(self, summary: Summary) -> str:
        return TextReporter().summary(summary)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


REPORTERS: dict[str, TextReporter | JsonReporter | GithubReporter] = {
    "text": TextReporter(),
    "json": JsonReporter(),
    "github": GithubReporter(),
}
