"""Reading the data files of a git revision without touching the working tree or the index."""

from __future__ import annotations

import subprocess
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.layout import CODEOWNERS, DATA, SETTINGS
from playbook.repository import FileResult, Loaded, assemble, check_file, kind_of, read_file


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


def load_at(root: Path, ref: str) -> Loaded:
    """Read, parse and shape-check every data file as it was at ``ref``."""
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
    blobs = _blobs(root, [sha for path, mode, sha in entries if mode != "120000" and kind_of(path)])
    results: list[FileResult] = []
    for path, mode, sha in entries:
        file_kind = kind_of(path)
        if file_kind is None or mode == "120000":
            results.append(read_file(path, _unreadable if file_kind else bytes))
        else:
            results.append(check_file(path, file_kind, blobs[sha]))
    loaded = assemble(root, [path for path, _, _ in entries], results)
    try:
        owners = _git(root, "cat-file", "blob", f"{commit}:{prefix}{CODEOWNERS}")
        loaded.playbook.codeowners = owners.decode("utf-8", "replace")
    except PlaybookError:
        loaded.playbook.codeowners = None  # the revision has no CODEOWNERS
    return loaded


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
