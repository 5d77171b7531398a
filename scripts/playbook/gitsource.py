"""Reading the data files of a git revision without touching the working tree or the index."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from playbook.collector import no_garbage_collection
from playbook.errors import PlaybookError
from playbook.layout import CODEOWNERS, DATA, SETTINGS
from playbook.reading import limit, patched
from playbook.repository import (
    PARALLEL_FROM,
    FileResult,
    Loaded,
    ParsedFile,
    assemble,
    check_file,
    check_parsed,
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
    #: The working tree's results of the changed files, read alongside (for ``repository.load``'s ``known``).
    working: dict[str, FileResult] = field(default_factory=dict)


def read_at(root: Path, ref: str, against_working_tree: bool = False, jobs: int | None = None) -> Revision:
    """List the data files at ``ref`` and parse them, or, ``against_working_tree``, only those git finds changed.

    The files are parsed in ``jobs`` processes when there are many; done before the working
    tree is loaded, the workers start small. Against the working tree, each changed file is read
    there too (``Revision.working``), and a revision's file that differs from it only in a few
    top-level values is made from it rather than parsed again (see reading.patched).
    """
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
    revision = Revision(root, entries, commit, prefix, changed)
    wanted = [(path, sha) for path, mode, sha in entries if changed is None or path in changed]
    _parse(revision, wanted, jobs, alongside_working=against_working_tree)
    return revision


def _parse(
    revision: Revision, wanted: list[tuple[str, str]], jobs: int | None = None, alongside_working: bool = False
) -> None:
    kinds = {path: mode for path, mode, _ in revision.entries}
    to_parse = [(path, sha) for path, sha in wanted if kinds[path] != "120000" and kind_of(path)]
    blobs = _blobs(revision.root, [sha for _, sha in to_parse])
    working = (str(revision.root), limit.file_limit(revision.root)) if alongside_working else None
    for path, result, working_result in _check_all([(path, blobs[sha]) for path, sha in to_parse], jobs, working):
        revision.results[path] = result
        if working_result is not None:
            revision.working[path] = working_result


def load_revision(revision: Revision, working: Loaded | None = None) -> Loaded:
    """The revision's playbook; a file unchanged in ``working`` (the working tree, loaded) is its result there."""
    same = {result.path: result for result in working.results} if working and working.results else {}
    missing = [
        (path, sha)
        for path, mode, sha in revision.entries
        if path not in revision.results and path not in same and mode != "120000" and kind_of(path)
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


def _check_chunk(
    items: Sequence[tuple[str, bytes]], working: tuple[str, int] | None = None
) -> list[tuple[str, FileResult, FileResult | None]]:
    """Each file's result and, with ``working`` (the working tree's root and size limit), its result there."""
    results: list[tuple[str, FileResult, FileResult | None]] = []
    for path, raw in items:
        kind = kind_of(path)
        assert kind is not None
        working_result = None
        document = None
        if working is not None:
            working_result, plain = read_working_file(Path(working[0]), path, working[1])
            document = patched.document_like(path, raw, *plain) if plain is not None else None
        result = check_file(path, kind, raw) if document is None else check_parsed(ParsedFile(path, kind, document, []))
        if result.sourced is not None:
            result.sourced.document.forget_data()  # the model has it; sent back without it
        results.append((path, result, working_result))
    return results


def _check_all(
    items: list[tuple[str, bytes]], jobs: int | None, working: tuple[str, int] | None = None
) -> list[tuple[str, FileResult, FileResult | None]]:
    """Parse and check files' bytes, in worker processes when there are many (as the working tree is read)."""
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
