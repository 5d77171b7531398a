"""What a Zensical build of the staged site needs that a MkDocs build does not.

Zensical reads the mkdocs.yml format, so its config is the staged MkDocs config with a few
settings changed: the docs and site folders named relative to the config file (Zensical
refuses folders outside the config's folder, and an absolute ``docs_dir`` stops it with an
internal error), and web fonts turned off whatever mkdocs.yml says, so that the site loads
nothing from another host. Its messages come back as ``path:line:column: message`` lines.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from playbook.errors import PlaybookError

#: The Zensical config, written beside the staged mkdocs.yml (any name but *.toml is read as mkdocs.yml).
CONFIG = "zensical.yml"
#: How many message lines a failure shows at most.
_SHOWN_LINES = 30
_COLOUR = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: ``Warning: page does not exist`` or ``Error: ...``: the start of one of Zensical's reports.
_REPORT = re.compile(r"^\s*(?:Warning|Error|error|[\w.]+Error|[\w.]+Exception):\s*(?P<message>.+)$")
#: ``╭─[ guide.md:3:15 ]``: where the report before it points.
_PLACE = re.compile(r"\[\s*(?P<place>[^\s\]]+:\d+:\d+)\s*\]")
_PANIC = re.compile(r"panicked at|^invariant:")


def write_config(mkdocs_config: Path) -> Path:
    """Write the Zensical config beside a staged mkdocs.yml; return its path."""
    try:
        staged = yaml.safe_load(mkdocs_config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PlaybookError(f"cannot read the staged {mkdocs_config.name}: {error}") from None
    if not isinstance(staged, dict):
        raise PlaybookError(f"the staged {mkdocs_config.name} is not a mapping of settings")
    target = mkdocs_config.parent / CONFIG
    text = yaml.safe_dump(config(staged, mkdocs_config.parent), sort_keys=False, allow_unicode=True, width=120)
    target.write_text(text, encoding="utf-8")
    return target


def config(staged: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The staged MkDocs config as Zensical builds it from ``folder``."""
    adapted = dict(staged)
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        adapted[key] = _inside(folder, str(staged.get(key) or default), key)
    theme = staged.get("theme")
    adapted["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "font": False}
    return adapted


def messages(output: str, staging: Path) -> list[str]:
    """Zensical's warnings and errors as ``path:line:column: message`` lines (or its last lines)."""
    lines = [_COLOUR.sub("", line).rstrip() for line in output.splitlines()]
    found: list[str] = []
    pending: str | None = None
    for line in lines:
        place = _PLACE.search(line)
        if pending is not None and place:
            found.append(f"{place['place']}: {pending}")
            pending = None
            continue
        report = _REPORT.match(line)
        if report or _PANIC.search(line):
            if pending is not None:
                found.append(pending)
            pending = report["message"].strip() if report else line.strip()
    if pending is not None:
        found.append(pending)
    found = list(dict.fromkeys(line for line in found if "Aborted because --strict" not in line)) or found
    if not found:
        found = [line for line in lines if line.strip()][-_SHOWN_LINES:]
    prefix = str(staging.resolve())
    shown = [line.replace(prefix + os.sep, "").replace(prefix, ".") for line in found]
    return shown[:_SHOWN_LINES] or ["(Zensical gave no message)"]


def _inside(folder: Path, path: str, key: str) -> str:
    """``path`` (absolute, or relative to ``folder``) relative to ``folder``; refused outside it."""
    resolved = (folder / path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise PlaybookError(f"Zensical builds only inside the staging folder, and {key} {path} is outside it") from None
