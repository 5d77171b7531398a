"""The rule registry: every cross-file rule, keyed by its stable code.

A rule is a function that walks the typed playbook and yields hits; the registry gives it
a code, a kebab-case name and a default severity, and takes its documentation from the
function's docstring: a one-line summary, then four sections headed ``## What it does``,
``## Why is this bad?``, ``## Example`` and ``## Use instead``. The site's rule reference
and ``playbook rules CODE`` are made from that text, and the tests run each Example (must
fire) and Use instead (must not fire).

Most rules look at one account folder at a time (with the shared files: settings, taxonomy,
tiers, teams): what they find about a folder depends on that folder alone, so an incremental
run checks only the folders that changed. A rule that compares accounts with one another
(duplicate ids, AR load) is registered with ``across=True``, or adds such a part with
``across_accounts``; that part reads accounts only through ``playbook.summaries``. The tests
hold every rule to this (tests/test_rule_scopes.py).
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from playbook.collector import no_garbage_collection
from playbook.documents import Document, Path
from playbook.findings import Finding, Severity
from playbook.layout import account_folder
from playbook.repository import AccountSummary, Playbook

SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead")
_CODE = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
_NAME = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
#: Where a finding must point, for the tests that run the examples; readers do not need them.
_TEST_MARKER = re.compile(r"^[ \t]*# expect:.*(?:\n|$)", flags=re.MULTILINE)


@dataclass(frozen=True)
class Hit:
    """Where a rule fires: a document, the path of the value concerned, and what is wrong."""

    document: Document
    at: Path
    message: str
    on_key: bool = False
    #: Other places the finding concerns (a document and the path of a value in it): a narrowed
    #: run that asks about one of those files shows the finding there.
    related: tuple[tuple[Document, Path], ...] = ()


Check = Callable[[Playbook, date], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    sections: dict[str, str]
    #: The part that looks at each account folder on its own (with the shared files).
    check: Check | None
    #: Where the code is found: 'file' (reading and shape checks), 'rules' (cross-file rules
    #: over one playbook) or 'gate' (a change between two revisions, in coverage --base).
    stage: str = "rules"
    #: The part that compares accounts with one another, through ``playbook.summaries`` only.
    across: Check | None = None
    #: The part that looks at the shared files alone (settings, taxonomy, tiers, teams).
    shared_check: Check | None = None

    def run(self, playbook: Playbook, as_of: date) -> list[Finding]:
        """Every finding of the rule over the playbook."""
        return self.run_each(playbook, as_of) + self.run_across(playbook, as_of)

    def run_each(self, playbook: Playbook, as_of: date) -> list[Finding]:
        """The findings of the parts that look at each account folder on its own, and at the shared files."""
        return self.run_accounts(playbook, as_of) + self.run_shared(playbook, as_of)

    def run_accounts(self, playbook: Playbook, as_of: date) -> list[Finding]:
        """The findings of the part that looks at each account folder on its own."""
        return self._findings(self.check, playbook, as_of)

    def run_shared(self, playbook: Playbook, as_of: date) -> list[Finding]:
        """The findings of the part that looks at the shared files alone."""
        return self._findings(self.shared_check, playbook, as_of)

    def run_across(self, playbook: Playbook, as_of: date) -> list[Finding]:
        """The findings of the part that compares accounts with one another."""
        return self._findings(self.across, playbook, as_of)

    def _findings(self, check: Check | None, playbook: Playbook, as_of: date) -> list[Finding]:
        if check is None:
            return []
        findings = []
        for hit in check(playbook, as_of):
            line, column = hit.document.locate_key(hit.at) if hit.on_key else hit.document.locate(hit.at)
            related = tuple(_place(document, at) for document, at in hit.related)
            findings.append(Finding(hit.document.path, line, column, self.code, self.severity, hit.message, related))
        return findings

    def shown(self, section: str) -> str:
        """A section as readers see it: the examples without the test markers (``# expect: ...``)."""
        return _TEST_MARKER.sub("", self.sections.get(section, "")).strip("\n")

    @property
    def examples(self) -> list[str]:
        """The YAML blocks of the Example section (each must make the rule fire)."""
        return _yaml_blocks(self.sections.get("Example", ""))

    @property
    def counter_examples(self) -> list[str]:
        """The YAML blocks of the Use instead section (none may make the rule fire)."""
        return _yaml_blocks(self.sections.get("Use instead", ""))


def _place(document: Document, at: Path) -> str:
    line, column = document.locate(at)
    return f"{document.path}:{line}:{column}"


RULES: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity = Severity.ERROR, *, across: bool = False, shared: bool = False
) -> Callable[[Check], Check]:
    """Register a rule under a stable code. Codes are never reused.

    ``across=True`` says the rule compares accounts with one another: it then reads accounts
    only through ``playbook.summaries``. ``shared=True`` says it looks at the shared files
    alone, never at an account.
    """

    def register(check: Check) -> Check:
        if not _CODE.match(code) or code in RULES:
            raise ValueError(f"rule code {code!r} is malformed or taken")
        if not _NAME.match(name):
            raise ValueError(f"rule name {name!r} is not kebab-case")
        summary, sections = parse_docstring(inspect.getdoc(check) or "")
        if across:
            RULES[code] = Rule(code, name, severity, summary, sections, None, across=check)
        elif shared:
            RULES[code] = Rule(code, name, severity, summary, sections, None, shared_check=check)
        else:
            RULES[code] = Rule(code, name, severity, summary, sections, check)
        return check

    return register


def across_accounts(code: str) -> Callable[[Check], Check]:
    """Add to a registered rule the part that compares accounts with one another (through summaries)."""

    def register(check: Check) -> Check:
        RULES[code] = dataclasses.replace(_with_account_part(code, "across"), across=check)
        return check

    return register


def shared_files_part(code: str) -> Callable[[Check], Check]:
    """Add to a registered rule the part that looks at the shared files alone (run once, not per block)."""

    def register(check: Check) -> Check:
        RULES[code] = dataclasses.replace(_with_account_part(code, "shared_check"), shared_check=check)
        return check

    return register


def _with_account_part(code: str, part: str) -> Rule:
    """The rule registered under ``code`` with a part for each account folder and not yet ``part``."""
    registered = RULES.get(code)
    if registered is None or registered.check is None or getattr(registered, part) is not None:
        raise ValueError(f"rule {code!r} is not registered, or already has that part")
    return registered


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
    """Every rule over the playbook."""
    return run_each(playbook, as_of) + run_across(playbook, as_of)


#: How many account folders the rules go over at a time: every rule looks at one block before
#: the next block is read, so that the block's models are still in the processor's cache.
BLOCK = 1000


def run_each(playbook: Playbook, as_of: date) -> list[Finding]:
    """The parts of every rule that look at each account folder on its own, a block of folders at a time.

    What a rule finds about a folder depends on that folder and the shared files alone, so a
    block keeps the findings about its own folders, and the first block those about shared
    files (the parts of rules that look at the shared files alone run on the first block only).
    Garbage collection is paused meanwhile: rules only add objects that live on.
    """
    findings: list[Finding] = []
    summaries: list[AccountSummary] = []
    with no_garbage_collection():
        for number, (block, folders) in enumerate(playbook.in_blocks(BLOCK)):
            for registered in RULES.values():
                found = registered.run_accounts(block, as_of)
                if number == 0:
                    found += registered.run_shared(block, as_of)
                for finding in found:
                    folder = account_folder(finding.path)
                    if folder in folders or (folder is None and number == 0):
                        findings.append(finding)
            summaries += block.summaries  # summed up while the block's accounts are at hand
        if "summaries" not in playbook.__dict__:
            playbook.summaries = summaries  # the blocks keep the accounts' order
    return findings


def run_across(playbook: Playbook, as_of: date) -> list[Finding]:
    """The parts of every rule that compare accounts with one another."""
    with no_garbage_collection():
        return [finding for registered in RULES.values() for finding in registered.run_across(playbook, as_of)]
