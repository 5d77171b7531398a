"""Finding the data files of a playbook repository and loading them into a typed playbook."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path as FsPath
from typing import Any, Generic, NamedTuple, TypeVar, cast

from pydantic import BaseModel

from playbook import documents, layout, schema
from playbook.collector import no_garbage_collection
from playbook.documents import Document
from playbook.errors import PlaybookError
from playbook.findings import Finding, Severity
from playbook.layout import DATA, SETTINGS, TAXONOMY, TIERS
from playbook.models import FILE_KINDS, Account, Assessment, Settings, Taxonomy, Team, TiersFile
from playbook.models.common import TriangleRole
from playbook.models.team import Member
from playbook.models.tiers import Tier
from playbook.reading import limit

ModelT = TypeVar("ModelT", bound=BaseModel)
T = TypeVar("T")

_TEAM = re.compile(r"^data/teams/([^/]+)\.yaml$")
_ACCOUNT = re.compile(r"^data/accounts/([^/]+)/account\.yaml$")
_ASSESSMENT = re.compile(r"^data/accounts/([^/]+)/assessments/([^/]+)\.yaml$")


@dataclass(frozen=True)
class Sourced(Generic[ModelT]):
    """A validated model with the document it came from (for line and column)."""

    model: ModelT
    document: Document

    @cached_property
    def stem(self) -> str:
        """The id the file's name or folder gives it."""
        parts = self.document.path.split("/")
        return parts[2] if parts[1] == "accounts" else parts[-1].removesuffix(".yaml")


@dataclass(frozen=True)
class Person:
    """A member of a team, found by person id."""

    member: Member
    team: Sourced[Team]
    index: int

    @property
    def at(self) -> tuple[str | int, ...]:
        return ("members", self.index)


class AccountSummary(NamedTuple):
    """What the rules that compare accounts with one another know of each account.

    Those rules (duplicate account ids, AR load, KPIs across teams) see every account, so an
    incremental run keeps this much of each account and no more; they read nothing else of
    an account's file.
    """

    document: Document
    id: str
    tier: str
    owner: str
    ar: tuple[str, ...]
    sr: tuple[str, ...]
    fr: tuple[str, ...]
    #: The overlay teams (a supporting team among them marks an account of the simplified model).
    overlays: tuple[str, ...] = ()

    @classmethod
    def of(cls, account: Sourced[Account]) -> AccountSummary:
        model, triangle = account.model, account.model.iron_triangle
        seats = (*triangle.ar,), (*triangle.sr,), (*triangle.fr,)
        overlays = tuple(overlay.team for overlay in model.overlays)
        return cls(account.document, model.id, model.tier, model.owner, *seats, overlays)

    def seats(self) -> Iterator[tuple[TriangleRole, int, str]]:
        """Each iron-triangle seat: role, position in the role's list, person id."""
        roles: tuple[tuple[TriangleRole, tuple[str, ...]], ...] = (("ar", self.ar), ("sr", self.sr), ("fr", self.fr))
        for role, people in roles:
            for index, person in enumerate(people):
                yield role, index, person

    def as_row(self) -> list[Any]:
        """The summary as plain data, for the cache (the document is kept as its path)."""
        return [
            self.document.path,
            self.id,
            self.tier,
            self.owner,
            list(self.ar),
            list(self.sr),
            list(self.fr),
            list(self.overlays),
        ]

    @classmethod
    def from_row(cls, row: list[Any], root: str) -> AccountSummary:
        """A summary from ``as_row`` (``root`` ends in a separator); positions come from the file when wanted."""
        path, identifier, tier, owner, ar, sr, fr, overlays = row
        document = Document(path, None, origin=root + path)
        return cls(document, identifier, tier, owner, tuple(ar), tuple(sr), tuple(fr), tuple(overlays))


#: The indexes of a playbook that come from its shared files alone.
_SHARED_INDEXES = ("team_by_id", "person_by_id", "tier_by_id")


@dataclass
class Playbook:
    """Every file of the repository that passed its shape checks, typed."""

    root: FsPath
    settings: Sourced[Settings] | None = None
    taxonomy: Sourced[Taxonomy] | None = None
    tiers: Sourced[TiersFile] | None = None
    teams: list[Sourced[Team]] = field(default_factory=list)
    accounts: list[Sourced[Account]] = field(default_factory=list)
    assessments: list[Sourced[Assessment]] = field(default_factory=list)
    #: The text of .github/CODEOWNERS, None when the repository has none.
    codeowners: str | None = None
    _derived: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, name: str, work_out: Callable[[Playbook], T]) -> T:
        """A value several rules derive from the playbook, worked out once (the playbook is not changed)."""
        if name not in self._derived:
            self._derived[name] = work_out(self)
        return cast(T, self._derived[name])

    def shared_part(self) -> Playbook:
        """The playbook without its account folders: settings, taxonomy, tiers and teams."""
        shared = Playbook(self.root, self.settings, self.taxonomy, self.tiers, list(self.teams))
        shared.codeowners = self.codeowners
        for index in _SHARED_INDEXES:  # already worked out here: the same in every part
            if index in self.__dict__:
                shared.__dict__[index] = self.__dict__[index]
        return shared

    def in_blocks(self, size: int) -> list[tuple[Playbook, set[str]]]:
        """The playbook in parts of at most ``size`` account folders each, with the folders of each part.

        Each part has every shared file, and the accounts and assessments of its folders.
        """
        for index in _SHARED_INDEXES:
            getattr(self, index)  # worked out once, for every part
        block_of: dict[str, int] = {}
        parts: list[tuple[Playbook, set[str]]] = []
        for items, kind in ((self.accounts, "accounts"), (self.assessments, "assessments")):
            for item in items:
                folder = f"{layout.ACCOUNTS}/{item.stem}"
                if folder not in block_of:
                    block_of[folder] = len(block_of) // size
                    if block_of[folder] == len(parts):
                        parts.append((self.shared_part(), set()))
                part, folders = parts[block_of[folder]]
                folders.add(folder)
                getattr(part, kind).append(item)
        return parts or [(self.shared_part(), set())]

    @cached_property
    def team_by_id(self) -> dict[str, Sourced[Team]]:
        return {team.model.id: team for team in reversed(self.teams)}

    @cached_property
    def account_by_id(self) -> dict[str, Sourced[Account]]:
        return {account.model.id: account for account in reversed(self.accounts)}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        people: dict[str, Person] = {}
        for team in self.teams:
            for index, member in enumerate(team.model.members):
                people.setdefault(member.id, Person(member, team, index))
        return people

    @cached_property
    def summaries(self) -> list[AccountSummary]:
        """Every account, as the rules that compare accounts with one another see it."""
        return [AccountSummary.of(account) for account in self.accounts]

    @cached_property
    def tier_by_id(self) -> dict[str, int]:
        """Tier id to its index in tiers.yaml."""
        if self.tiers is None:
            return {}
        return {tier.id: index for index, tier in reversed(list(enumerate(self.tiers.model.tiers)))}

    def tier_of(self, account: Account | AccountSummary) -> Tier | None:
        """The tier an account is in, or None when tiers.yaml or the tier is missing."""
        index = self.tier_by_id.get(account.tier)
        if self.tiers is None or index is None:
            return None
        return self.tiers.model.tiers[index]

    @cached_property
    def assessments_by_account(self) -> dict[str, list[Sourced[Assessment]]]:
        """Assessments per account folder, oldest first."""
        grouped: dict[str, list[Sourced[Assessment]]] = {}
        for assessment in sorted(self.assessments, key=lambda item: (item.stem, item.model.date)):
            grouped.setdefault(assessment.stem, []).append(assessment)
        return grouped


@dataclass
class Loaded:
    """The outcome of loading: the typed playbook and every load and shape finding."""

    playbook: Playbook
    findings: list[Finding]
    files: list[str]
    #: Each file's own result, in the order of ``files`` (kept by ``load`` for comparing with a revision).
    results: list[FileResult] | None = None


def data_files(root: FsPath) -> list[str]:
    """The settings file and every file below data/, as sorted root-relative paths with forward slashes."""
    if not (root / DATA).is_dir():
        raise PlaybookError(f"no playbook repository at {root}: there is no {DATA}/ folder")
    return layout.data_files(root)


#: Below this many files, reading in one process is faster than starting workers.
PARALLEL_FROM = 400


def load(root: FsPath, jobs: int | None = None) -> Loaded:
    """Read, parse and shape-check every data file below ``root``.

    Parsing is spread over ``jobs`` processes (default: one per core) when there are many
    files; the shape checks then run here, in file order, so the result is the same as
    reading everything in one process.
    """
    files = data_files(root)
    with no_garbage_collection():
        results = read_files(root, files, jobs)
        loaded = assemble(root, files, results)
        loaded.results = results
        return loaded


def read_files(root: FsPath, files: list[str], jobs: int | None = None) -> list[FileResult]:
    """Read and shape-check the given files, in their order, in ``jobs`` processes when there are many.

    A file over the size limit (``max_file_mb`` in playbook.yaml) is refused with a finding, unparsed.
    """
    workers = min(jobs or os.cpu_count() or 1, 8)
    size_limit = limit.file_limit(root)
    with no_garbage_collection():
        if workers > 1 and len(files) >= PARALLEL_FROM:
            return _read_in_parallel(root, files, workers, size_limit)
        return _read_chunk(str(root), files, size_limit)


@dataclass(frozen=True)
class ParsedFile:
    """One file read and parsed (not yet shape-checked)."""

    path: str
    kind: str | None
    document: Document | None
    findings: list[Finding]


def parse_file(path: str, read: Callable[[], bytes], size_limit: int = documents.MAX_FILE_BYTES) -> ParsedFile:
    """Read and parse one data file through ``read``."""
    kind = _kind(path)
    if kind is None:
        return ParsedFile(path, None, None, [_unread(path)])
    try:
        raw = read()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        return ParsedFile(path, kind, None, [_whole_file(path, "FILE003", message)])
    document, findings = documents.load(path, raw, size_limit)
    return ParsedFile(path, kind, document, findings)


def _read_chunk(root: str, paths: list[str], size_limit: int = documents.MAX_FILE_BYTES) -> list[FileResult]:
    """Read and check files; each checked document lets go of its data and text (the model has it)."""
    base = FsPath(root)
    return [read_working_file(base, path, size_limit)[0] for path in paths]


def read_working_file(
    root: FsPath, path: str, size_limit: int
) -> tuple[FileResult, tuple[str, Any, frozenset[int]] | None]:
    """One file of the working tree read and checked; its document lets go of its data and text (the model has
    them). With it, the file's text, data and the lines of its top-level entries when it was read plainly (no
    finding, positions left for later)."""
    full = root / path
    parsed = parse_file(path, partial(limit.read_at_most, full, size_limit), size_limit)
    document = parsed.document
    plain = None
    if document is not None and document.text is not None and not parsed.findings and not document.positioned:
        plain = (document.text, document.data, document.entry_lines or frozenset())
    result = check_parsed(parsed)
    if result.sourced is not None:
        result.sourced.document.release(str(full))
    return result, plain


def _read_in_parallel(root: FsPath, files: list[str], workers: int, size_limit: int) -> list[FileResult]:
    """Read in worker processes, in contiguous chunks, keeping the files' order."""
    size = max(1, -(-len(files) // (workers * 4)))
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            done = pool.map(_read_chunk, [str(root)] * len(chunks), chunks, [size_limit] * len(chunks))
            return [result for chunk in done for result in chunk]
    except (BrokenProcessPool, OSError):
        # Workers could not be started or died: read everything here instead.
        return _read_chunk(str(root), files, size_limit)


def check_parsed(parsed: ParsedFile) -> FileResult:
    """Shape-check a parsed file against its kind's model."""
    if parsed.kind is None or parsed.document is None or any(f.is_error for f in parsed.findings):
        return FileResult(parsed.path, parsed.kind, None, parsed.findings)
    value, more = schema.check(parsed.document, FILE_KINDS[parsed.kind])
    sourced = Sourced(value, parsed.document) if value is not None else None
    return FileResult(parsed.path, parsed.kind, sourced, parsed.findings + more)


@dataclass(frozen=True)
class FileResult:
    """One file read and shape-checked: a pure function of its path and bytes."""

    path: str
    kind: str | None
    sourced: Sourced[Any] | None
    findings: list[Finding]


def read_file(path: str, read: Callable[[], bytes]) -> FileResult:
    """Read one data file through ``read`` and check its shape."""
    return check_parsed(parse_file(path, read))


def check_file(path: str, kind: str, raw: bytes) -> FileResult:
    """Parse and shape-check the bytes of a data file of a known kind."""
    document, findings = documents.load(path, raw)
    return check_parsed(ParsedFile(path, kind, document, findings))


def assemble(root: FsPath, files: list[str], results: list[FileResult]) -> Loaded:
    """The typed playbook from the files' results, plus the findings about the layout."""
    playbook = Playbook(root, codeowners=_codeowners(root))
    findings: list[Finding] = []
    for required in (TAXONOMY, TIERS):
        if required not in files:
            findings.append(_whole_file(required, "FILE002", f"{required} is missing: the playbook needs it"))
    for result in results:
        findings.extend(result.findings)
        if result.sourced is None:
            continue
        if result.kind == "settings":
            playbook.settings = result.sourced
        elif result.kind == "taxonomy":
            playbook.taxonomy = result.sourced
        elif result.kind == "tiers":
            playbook.tiers = result.sourced
        elif result.kind == "team":
            playbook.teams.append(result.sourced)
        elif result.kind == "account":
            playbook.accounts.append(result.sourced)
        else:
            playbook.assessments.append(result.sourced)
    for folder, first in _account_folders_without_plan(files):
        message = f"{folder}/ has no account.yaml: add one, or move this file to the right account"
        findings.append(_whole_file(first, "FILE002", message))
    return Loaded(playbook, findings, files)


def _codeowners(root: FsPath) -> str | None:
    """The text of the repository's CODEOWNERS file, if it has one that reads as text."""
    try:
        return limit.read_at_most(root / layout.CODEOWNERS, documents.MAX_FILE_BYTES).decode("utf-8", "replace")
    except OSError:
        return None


def _kind(path: str) -> str | None:
    if path == SETTINGS:
        return "settings"
    if path == TAXONOMY:
        return "taxonomy"
    if path == TIERS:
        return "tiers"
    if _TEAM.match(path):
        return "team"
    if _ACCOUNT.match(path):
        return "account"
    if _ASSESSMENT.match(path):
        return "assessment"
    return None


def kind_of(path: str) -> str | None:
    """The file kind (a key of models.FILE_KINDS) a root-relative path holds, if any."""
    return _kind(path)


def _account_folders_without_plan(files: list[str]) -> Iterator[tuple[str, str]]:
    """Account folders with files but no account.yaml, each with its first file."""
    plans = {path.rsplit("/", 1)[0] for path in files if _ACCOUNT.match(path)}
    first: dict[str, str] = {}
    for path in files:
        folder = layout.account_folder(path)
        if folder is not None:
            first.setdefault(folder, path)
    for folder in sorted(set(first) - plans):
        yield folder, first[folder]


def _unread(path: str) -> Finding:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".yml"):
        hint = "it is not read: data files end in .yaml"
    else:
        hint = "it is not read: see the layout in the README"
    return Finding(path, 1, 1, "FILE001", Severity.WARNING, f"not a playbook data file; {hint}")


def _whole_file(path: str, rule: str, message: str) -> Finding:
    return Finding(path, 1, 1, rule, Severity.ERROR, message)
