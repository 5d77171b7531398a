"""Where things are in a playbook repository (kept free of heavy imports: the CLI starts here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

DATA = "data"
SETTINGS = "playbook.yaml"
TAXONOMY = "data/taxonomy.yaml"
TIERS = "data/tiers.yaml"
#: Each account's folder: its account.yaml and its assessments.
ACCOUNTS = "data/accounts"
#: Where validation keeps its cache, inside the repository (git-ignored).
CACHE = ".playbook-cache"


def data_files(root: Path) -> list[str]:
    """The settings file and every file below data/ (hidden ones left out), as sorted root-relative paths.

    Links to folders are not followed; a link to a file is listed like a file.
    """
    return sorted(path for path, _ in _walk(root, with_status=False))


def data_files_with_status(root: Path) -> list[tuple[str, os.stat_result | None]]:
    """``data_files``, each with its status (that of a link's target; None when it cannot be had)."""
    return sorted(_walk(root, with_status=True), key=lambda entry: entry[0])


def _walk(root: Path, with_status: bool) -> list[tuple[str, os.stat_result | None]]:
    found: list[tuple[str, os.stat_result | None]] = []
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
                pending.append((entry.path, f"{relative}/{entry.name}"))
            elif not (entry.is_symlink() and entry.is_dir()):
                found.append((f"{relative}/{entry.name}", _status(entry.stat) if with_status else None))
    settings = os.path.join(base, SETTINGS)
    if os.path.isfile(settings):
        found.append((SETTINGS, _status(lambda: os.stat(settings)) if with_status else None))
    return found


def _status(stat: Callable[[], os.stat_result]) -> os.stat_result | None:
    try:
        return stat()
    except OSError:
        return None

def account_folder(path: str) -> str | None:
    """The account folder (``data/accounts/NAME``) a root-relative file path lies in, if any."""
    if not path.startswith(ACCOUNTS + "/"):
        return None
    parts = path.split("/", 3)
    return "/".join(parts[:3]) if len(parts) > 3 else None
