"""The rule registry: every cross-file rule, keyed by its stable code.

A rule is a function that walks the typed playbook and yields hits; the registry gives it
a code, a kebab-case name and a default severity, and takes its documentation from the
function's docstring: a one-line summary, then four sections headed ``## What it does``,
``## Why is this bad?``, ``## Example`` and ``## Use instead``. The site's rule reference
and ``playbook rules CODE`` are made from that text, and the tests run each Example (must
fire) and Use instead (must not fire).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from playbook.documents import Document, Path
from playbook.findings import Finding, Severity
from playbook.repository import Playbook, no_garbage_collection

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


@dataclass(frozen=True)
class Hit:
    """Where a rule fires: a document, the path of the value concerned, and what is wrong."""

    document: Document
    at: Path
    message: str
    on_key: bool = False


Check = Callable[[Playbook, date], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    sections: dict[str, str]
    check: Check | None
    #: Where the code is found: 'file' (reading and shape checks), 'rules' (cross-file rules
    #: over one playbook) or 'gate' (a change between two revisions, in coverage --base).
    stage: str = "rules"

    def run(self, playbook: Playbook, as_of: date) -> list[Finding]:
        if self.check is None:
            return []
        findings = []
        for hit in self.check(playbook, as_of):
            line, column = hit.document.locate_key(hit.at) if hit.on_key else hit.document.locate(hit.at)
            findings.append(Finding(hit.document.path, line, column, self.code, self.severity, hit.message))
        return findings

    @property
    def examples(self) -> list[str]:
        """The YAML blocks of the Example section (each must make the rule fire)."""
        return _yaml_blocks(self.sections.get("Example", ""))

    @property
    def counter_examples(self) -> list[str]:
        """The YAML blocks of the Use instead section (none may make the rule fire)."""
        return _yaml_blocks(self.sections.get("Use instead", ""))


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity = Severity.ERROR) -> Callable[[Check], Check]:
    """Register a rule under a stable code. Codes are never reused."""

    def register(check: Check) -> Check:
        if not _CODE.match(code) or code in RULES:
            raise ValueError(f"rule code {code!r} is malformed or taken")
        if not _NAME.match(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        summary, sections = parse_docstring(inspect.getdoc(check) or "")
        RULES[code] = Rule(code, name, severity, summary, sections, check)
        return check

    return register


def describe(code: str, name: str, severity: Severity, doc: str, stage: str = "file") -> None:
    """Register a code emitted outside the rules registry (reading, shape checks, the gate)."""
    if not _CODE.match(code) or code in RULES:
        raise ValueError(f"code {code!r} is malformed or taken")
    summary, sections = parse_docstring(inspect.cleandoc(doc))
    RULES[code] = Rule(code, name, severity, summary, sections, None, stage)


def parse_docstring(text: str) -> tuple[str, dict[str, str]]:
    """Split a rule docstring into its one-line summary and its named sections."""
    lines = text.splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, str] = {}
    current: str | None = None
    body: list[str] = []
    for line in lines[1:]:
        heading = line.strip().removeprefix("## ")
        if line.strip().startswith("## ") and heading in SECTIONS:
            if current is not None:
                sections[current] = "\n".join(body).strip("\n")
            current, body = heading, []
        elif current is not None:
            body.append(line)
    if current is not None:
        sections[current] = "\n".join(body).strip("\n")
    return summary, sections


def _yaml_blocks(text: str) -> list[str]:
    return [block.strip("\n") + "\n" for block in re.findall(r"```yaml\n(.*?)```", text, flags=re.S)]


def run_all(playbook: Playbook, as_of: date) -> list[Finding]:
    """Every rule over the playbook, garbage collection paused: rules only add objects that live on."""
    findings: list[Finding] = []
    with no_garbage_collection():
        for registered in RULES.values():
            findings.extend(registered.run(playbook, as_of))
    return findings
