"""Where things are in a playbook repository (kept free of heavy imports: the CLI starts here)."""

from __future__ import annotations

import os
from pathlib import Path

DATA = "data"
SETTINGS = "playbook.yaml"
TAXONOMY = "data/taxonomy.yaml"
TIERS = "data/tiers.yaml"
#: Each account's folder: its account.yaml and its assessments.
ACCOUNTS = "data/accounts"
#: Review owners, written by `playbook codeowners`; validation reports it when it is stale.
CODEOWNERS = ".github/CODEOWNERS"
#: Where validation keeps its cache, inside the repository (git-ignored).
CACHE = ".playbook-cache"


Status = os.stat_result | None
#: A folder as last listed: its status then (inode, size, modification and change time), the
#: names of the files in it and the names of the folders in it.
Listing = tuple[list[int], list[str], list[str]]


def data_files(root: Path) -> list[str]:
    """The settings file and every file below data/ (hidden ones left out), as sorted root-relative paths.

    Links to folders are not followed; a link to a file is listed like a file.
    """
    return [path for path, _ in scan(root)[0]]


def scan(
    root: Path, known: dict[str, Listing] | None = None, seen: dict[str, Status] | None = None
) -> tuple[list[tuple[str, Status]], dict[str, tuple[Status, list[str], list[str]]]]:
    """``data_files`` with each file's status (a link's target's; None when it cannot be had), and
    every folder (data/ and those below it) with its own status and what it holds.

    A folder in ``known`` whose status is the one given there is not listed again: adding,
    removing or renaming anything in a folder changes its status. ``seen`` holds statuses
    just taken, by root-relative path, which are not taken again.
    """
    seen = seen or {}
    base = os.fspath(root)
    files: list[tuple[str, Status]] = []
    folders: dict[str, tuple[Status, list[str], list[str]]] = {}
    pending = [DATA]
    while pending:
        relative = pending.pop()
        full = os.path.join(base, relative)
        status = seen[relative] if relative in seen else _status(full, follow=relative == DATA)
        listing = known.get(relative) if known is not None else None
        if listing is not None and status is not None and stamp(status) == listing[0]:
            names, inner = listing[1], listing[2]
        else:
            names, inner = _list(full)
        folders[relative] = (status, names, inner)
        pending += [f"{relative}/{name}" for name in inner]
        for name in names:
            path = f"{relative}/{name}"
            if path in seen:
                files.append((path, seen[path]))
                continue
            try:
                files.append((path, os.stat(f"{full}{os.sep}{name}")))
            except OSError:
                files.append((path, None))
    settings = os.path.join(base, SETTINGS)
    if os.path.isfile(settings):
        files.append((SETTINGS, _status(settings, follow=True)))
    files.sort(key=lambda entry: entry[0])
    return files, folders


def stamp(status: os.stat_result) -> list[int]:
    """What tells one state of a file or folder from another: inode, size, modification and change time."""
    return [status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]


def _list(folder: str) -> tuple[list[str], list[str]]:
    """The names of the files and of the folders in a folder (hidden ones and links to folders left out)."""
    names: list[str] = []
    inner: list[str] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return names, inner
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            inner.append(entry.name)
        elif not (entry.is_symlink() and entry.is_dir()):
            names.append(entry.name)
    return names, inner


def _status(path: str, follow: bool) -> Status:
    try:
        return os.stat(path, follow_symlinks=follow)
    except OSError:
        return None


def account_folder(path: str) -> str | None:
    """The account folder (``data/accounts/NAME``) a root-relative file path lies in, if any."""
    if not path.startswith(_ACCOUNTS_PREFIX):
        return None
    end = path.find("/", len(_ACCOUNTS_PREFIX))
    return path[:end] if end > 0 else None


_ACCOUNTS_PREFIX = ACCOUNTS + "/"
