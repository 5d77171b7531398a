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
#: Where validation keeps its cache, inside the repository (git-ignored).
CACHE = ".playbook-cache"


Status = os.stat_result | None


def data_files(root: Path) -> list[str]:
    """The settings file and every file below data/ (hidden ones left out), as sorted root-relative paths.

    Links to folders are not followed; a link to a file is listed like a file.
    """
    return sorted(path for path, _ in _walk(root, with_status=False, folders=None))


def scan(root: Path) -> tuple[list[tuple[str, Status]], list[tuple[str, Status]]]:
    """``data_files`` with each file's status (a link's target's; None when it cannot be had), and
    every folder walked (data/ and those below it) with its own status."""
    folders: list[tuple[str, Status]] = [(DATA, _status(os.path.join(root, DATA)))]
    files = sorted(_walk(root, with_status=True, folders=folders), key=lambda entry: entry[0])
    return files, folders


def _walk(root: Path, with_status: bool, folders: list[tuple[str, Status]] | None) -> list[tuple[str, Status]]:
    found: list[tuple[str, Status]] = []
    base = os.fspath(root)
    pending = [(os.path.join(base, DATA), DATA)]
    while pending:
        folder, relative = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                inner = f"{relative}/{entry.name}"
                pending.append((entry.path, inner))
                if folders is not None:
                    folders.append((inner, _entry_status(entry, follow=False)))
            elif not (entry.is_symlink() and entry.is_dir()):
                found.append((f"{relative}/{entry.name}", _entry_status(entry, follow=True) if with_status else None))
    settings = os.path.join(base, SETTINGS)
    if os.path.isfile(settings):
        found.append((SETTINGS, _status(settings) if with_status else None))
    return found


def _entry_status(entry: os.DirEntry[str], follow: bool) -> Status:
    try:
        return entry.stat(follow_symlinks=follow)
    except OSError:
        return None


def _status(path: str) -> Status:
    try:
        return os.stat(path)
    except OSError:
        return None


def account_folder(path: str) -> str | None:
    """The account folder (``data/accounts/NAME``) a root-relative file path lies in, if any."""
    if not path.startswith(ACCOUNTS + "/"):
        return None
    parts = path.split("/", 3)
    return "/".join(parts[:3]) if len(parts) > 3 else None
