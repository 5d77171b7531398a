"""Reading the data files of a git revision without touching the working tree or the index."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from playbook import documents
from playbook.collector import no_garbage_collection
from playbook.documents import Document
from playbook.errors import PlaybookError
from playbook.layout import CODEOWNERS, DATA, SETTINGS
from playbook.reading import limit, patched
from playbook.repository import (
    PARALLEL_FROM,
    FileResult,
    Loaded,
    ParsedFile,
    Sourced,
    assemble,
    check_file,
    check_parsed,
    data_files,
    kind_of,
    read_file,
    read_working_file,
)


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise PlaybookError("git is not installed; --base needs it") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PlaybookError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return result.stdout


def resolve(root: Path, ref: str) -> str:
    """The commit id of ``ref``, or a PlaybookError that says it is not one."""
    if ref.startswith("-"):
        raise PlaybookError(f"'{ref}' is not a git revision")
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except PlaybookError:
        raise PlaybookError(f"'{ref}' is not a commit in the git repository at {root}") from None


@dataclass
class Revision:
    """The data files of a revision: every entry, and the results of those that differ from the working tree."""

    root: Path
    entries: list[tuple[str, str, str]]
    #: The revision's commit id, and the repository's folder within the git work tree ("" at its top).
    commit: str
    prefix: str
    #: Files git finds different in the working tree (None: every file is read from the revision).
    changed: set[str] | None
    results: dict[str, FileResult] = field(default_factory=dict)


def read_at(root: Path, ref: str, jobs: int | None = None) -> Revision:
    """List the data files at ``ref`` and parse them, in ``jobs`` processes when there are many."""
    revision = _listed(root, ref, against_working_tree=False)
    _parse(revision, _wanted(revision), jobs)
    return revision


def read_with_working_tree(root: Path, ref: str, jobs: int | None = None) -> tuple[Revision, Loaded]:
    """The files of ``ref`` that differ from the working tree, and the working tree loaded, read at once.

    Git lists the revision while the working tree is listed here; then one set of workers reads
    every file of the working tree and, for each changed file, the revision's version, made from
    the working copy when they differ only in a few top-level values (see reading.patched). The
    working tree's playbook is what ``repository.load`` gives.
    """
    with ThreadPoolExecutor(max_workers=1) as side:  # git runs in its own processes: the thread only waits
        listing = side.submit(_listed, root, ref, True)
        files = data_files(root)
        revision = listing.result()
    changed = dict(_wanted(revision))
    blobs = _blobs(root, list(changed.values()))
    items = [(path, blobs[changed[path]] if path in changed else None) for path in files]
    present = set(files)
    items += [(path, blobs[sha]) for path, sha in changed.items() if path not in present]  # deleted since
    with no_garbage_collection():
        results: dict[str, FileResult] = {}
        for path, result, working_result in _check_all(items, jobs, (str(root), limit.file_limit(root))):
            if isinstance(result, Derived):
                assert working_result is not None
                revision.results[path] = derived(result, working_result, blobs[changed[path]])
            elif result is not None:
                revision.results[path] = result
            if working_result is not None:
                results[path] = working_result
        ordered = [results[path] for path in files]
        loaded = assemble(root, files, ordered)
        loaded.results = ordered
    return revision, loaded


def _listed(root: Path, ref: str, against_working_tree: bool) -> Revision:
    """The revision's data files, unread, and those git finds changed in the working tree."""
    commit = resolve(root, ref)
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", f"{prefix}{DATA}", f"{prefix}{SETTINGS}")
    entries: list[tuple[str, str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = name.decode("utf-8", "replace").removeprefix(prefix)
        if kind == "blob" and not path.rsplit("/", 1)[-1].startswith("."):
            entries.append((path, mode, sha))
    entries.sort()
    changed = _changed(root, commit, prefix) if against_working_tree else None
    return Revision(root, entries, commit, prefix, changed)


def _wanted(revision: Revision, every: bool = False) -> list[tuple[str, str]]:
    """The revision's files to parse (its changed ones, or all when none were told or ``every``), as paths and
    blob ids: links and files of no known kind are left out."""
    changed = None if every else revision.changed
    return [
        (path, sha)
        for path, mode, sha in revision.entries
        if (changed is None or path in changed) and mode != "120000" and kind_of(path)
    ]


def _parse(revision: Revision, wanted: list[tuple[str, str]], jobs: int | None = None) -> None:
    blobs = _blobs(revision.root, [sha for _, sha in wanted])
    for path, result, _ in _check_all([(path, blobs[sha]) for path, sha in wanted], jobs):
        if isinstance(result, FileResult):
            revision.results[path] = result


def load_revision(revision: Revision, working: Loaded | None = None) -> Loaded:
    """The revision's playbook; a file unchanged in ``working`` (the working tree, loaded) is its result there."""
    same = {result.path: result for result in working.results} if working and working.results else {}
    missing = [
        (path, sha) for path, sha in _wanted(revision, every=True) if path not in revision.results and path not in same
    ]
    _parse(revision, missing)
    results: list[FileResult] = []
    for path, mode, _ in revision.entries:
        file_kind = kind_of(path)
        if path in revision.results:
            results.append(revision.results[path])
        elif path in same and file_kind is not None and mode != "120000":
            results.append(same[path])
        else:
            results.append(read_file(path, _unreadable if file_kind else bytes))
    loaded = assemble(revision.root, [path for path, _, _ in revision.entries], results)
    try:
        owners = _git(revision.root, "cat-file", "blob", f"{revision.commit}:{revision.prefix}{CODEOWNERS}")
        loaded.playbook.codeowners = owners.decode("utf-8", "replace")
    except PlaybookError:
        loaded.playbook.codeowners = None  # the revision has no CODEOWNERS
    return loaded


def load_at(root: Path, ref: str) -> Loaded:
    """Read, parse and shape-check every data file as it was at ``ref``."""
    return load_revision(read_at(root, ref))


def _changed(root: Path, commit: str, prefix: str) -> set[str]:
    """The data files git finds different between ``commit`` and the working tree."""
    output = _git(
        root, "diff", "--name-only", "--no-renames", "-z", commit, "--", f"{prefix}{DATA}", f"{prefix}{SETTINGS}"
    )
    return {name.decode("utf-8", "replace").removeprefix(prefix) for name in output.split(b"\0") if name}


class Derived(NamedTuple):
    """A revision's file made from its working copy, sent back from a worker as the fields its model has
    otherwise (``derived``): sending the whole model back costs more than making it again."""

    changes: dict[str, Any]


def derived(result: Derived, working: FileResult, raw: bytes) -> FileResult:
    """The revision's result of a file ``Derived`` from its working copy's result and the revision's bytes."""
    assert working.sourced is not None
    text, _ = documents.decode(working.path, raw)
    model = working.sourced.model.model_copy(update=result.changes)
    return FileResult(working.path, working.kind, Sourced(model, Document(working.path, None, text=text)), [])


def _check_chunk(
    items: Sequence[tuple[str, bytes | None]], working: tuple[str, int] | None = None
) -> list[tuple[str, FileResult | Derived | None, FileResult | None]]:
    """Each file's result from its bytes (None for a file given without) and, with ``working`` (the working
    tree's root and size limit), its result there."""
    results: list[tuple[str, FileResult | Derived | None, FileResult | None]] = []
    for path, raw in items:
        working_result = None
        plain = None
        if working is not None:
            working_result, plain = read_working_file(Path(working[0]), path, working[1])
        result: FileResult | Derived | None = None
        if raw is not None:
            kind = kind_of(path)
            assert kind is not None
            document = patched.document_like(path, raw, *plain) if plain is not None else None
            if document is None:
                result = check_file(path, kind, raw)
            else:
                result = _changes(check_parsed(ParsedFile(path, kind, document, [])), working_result)
            if isinstance(result, FileResult) and result.sourced is not None:
                result.sourced.document.forget_data()  # the model has it; sent back without it
        results.append((path, result, working_result))
    return results


def _changes(result: FileResult, working: FileResult | None) -> FileResult | Derived:
    """``result`` as the fields in which its model differs from the working copy's, when that is all there is
    to it (no finding on either side)."""
    if result.findings or result.sourced is None or working is None or working.findings or working.sourced is None:
        return result
    model, known = result.sourced.model, working.sourced.model
    if type(model) is not type(known):
        return result
    fields = type(model).model_fields
    return Derived({name: getattr(model, name) for name in fields if getattr(model, name) != getattr(known, name)})


def _check_all(
    items: list[tuple[str, bytes | None]], jobs: int | None, working: tuple[str, int] | None = None
) -> list[tuple[str, FileResult | Derived | None, FileResult | None]]:
    """Parse and check files' bytes and, with ``working``, their working copies, in worker processes when there are
    many; in the order of ``items``."""
    workers = min(jobs or os.cpu_count() or 1, 8)
    if workers < 2 or len(items) < PARALLEL_FROM:
        return _check_chunk(items, working)
    size = max(1, -(-len(items) // (workers * 16)))  # small chunks: no worker idles long at the end
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    try:
        with no_garbage_collection(), ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [result for chunk in pool.map(partial(_check_chunk, working=working), chunks) for result in chunk]
    except (BrokenProcessPool, OSError):
        return _check_chunk(items, working)


def _unreadable() -> bytes:
    raise OSError("a link, not a file")


def _blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of many blobs through one ``git cat-file --batch``."""
    if not shas:
        return {}
    unique = sorted(set(shas))
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{sha}\n" for sha in unique).encode())
    blobs: dict[str, bytes] = {}
    position = 0
    for sha in unique:
        header_end = output.index(b"\n", position)
        _, _, size = output[position:header_end].decode().split()
        start = header_end + 1
        blobs[sha] = output[start : start + int(size)]
        position = start + int(size) + 1
    return blobs
