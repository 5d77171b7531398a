"""Where things are in a playbook repository (kept free of heavy imports: the CLI starts here)."""

from __future__ import annotations

import os
from pathlib import Path

DATA = "data"
SETTINGS = "playbook.yaml"
TAXONOMY = "data/taxonomy.yaml"
TIERS = "data/tiers.yaml"
#: Where validation keeps its cache, inside the repository (git-ignored).
CACHE = ".playbook-cache"


def data_files(root: Path) -> list[str]:
    """The settings file and every file below data/ (hidden ones left out), as sorted root-relative paths."""
    found: list[str] = []
    base = os.fspath(root)
    start = len(base) + 1
    for folder, folders, names in os.walk(os.path.join(base, DATA), followlinks=False):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = folder[start:].replace(os.sep, "/")
        found.extend(f"{relative}/{name}" for name in names if not name.startswith("."))
    if os.path.isfile(os.path.join(base, SETTINGS)):
        found.append(SETTINGS)
    return sorted(found)
