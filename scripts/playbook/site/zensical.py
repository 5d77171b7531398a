"""What a Zensical build of the staged site needs that a MkDocs build does not.

Zensical reads the mkdocs.yml format, so its config is the staged MkDocs config with a few
settings changed: the docs and site folders named relative to the config file (Zensical
refuses folders outside the config's folder, and an absolute ``docs_dir`` stops it with an
internal error), web fonts turned off whatever mkdocs.yml says, so that the site loads
nothing from another host, and ``md_in_html`` added. Its messages come back as
``path:line:column: message`` lines.

Zensical's search index (0.0.73) packs an entry's number, its field (title, text or path)
and a word's position into one 32-bit integer, so no field of an entry (a page section) may
hold more than 2 ** (30 - ceil(log2(entries))) words, and Zensical refuses to build one that
does. With a ``separator`` of the site's own, as mkdocs.yml sets for Chinese, it counts the
UTF-8 bytes of the text as the index stores it instead of words: 32 KB at 17,000 entries
(1,000 accounts), 4 KB at 131,073 to 262,144 (10,000 accounts). A listing
(``playbook.site.tables.listing``) grows with the playbook, so the staged pages are
rewritten before Zensical builds them: each listing's table goes into
``<div data-search-exclude markdown>``, which Zensical leaves out of search and shows as it
would the table alone. What a listing names has its own page, which search finds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from playbook.errors import PlaybookError
from playbook.site.tables import LISTING

#: The Zensical config, written beside the staged mkdocs.yml (any name but *.toml is read as mkdocs.yml).
CONFIG = "zensical.yml"
#: The Markdown extension that reads Markdown inside the HTML block a listing is put in.
_MD_IN_HTML = "md_in_html"
#: What a listing's table is put in: Zensical's search skips the block, and drops the attribute.
_EXCLUDED = ("<div data-search-exclude markdown>", "</div>")
#: How many message lines a failure shows at most.
_SHOWN_LINES = 30
_COLOUR = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
#: ``Warning: page does not exist`` or ``Error: ...``: the start of one of Zensical's reports.
_REPORT = re.compile(r"^\s*(?:Warning|Error|error|[\w.]+Error|[\w.]+Exception):\s*(?P<message>.+)$")
#: ``╭─[ guide.md:3:15 ]``: where the report before it points.
_PLACE = re.compile(r"\[\s*(?P<place>[^\s\]]+:\d+:\d+)\s*\]")
_PANIC = re.compile(r"panicked at|^invariant:")


def prepare(mkdocs_config: Path) -> Path:
    """Make a staged folder ready for Zensical; return the path of the config written for it.

    The config goes beside the staged mkdocs.yml, and the staged pages that hold listings are
    rewritten in place (``exclude_listings``): the folder is then Zensical's, and staging into
    it again gives back the pages MkDocs builds.
    """
    try:
        staged = yaml.safe_load(mkdocs_config.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PlaybookError(f"cannot read the staged {mkdocs_config.name}: {error}") from None
    if not isinstance(staged, dict):
        raise PlaybookError(f"the staged {mkdocs_config.name} is not a mapping of settings")
    folder = mkdocs_config.parent
    adapted = config(staged, folder)
    exclude_listings(folder / adapted["docs_dir"])
    target = folder / CONFIG
    target.write_text(yaml.safe_dump(adapted, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    return target


def config(staged: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The staged MkDocs config as Zensical builds it from ``folder``."""
    adapted = dict(staged)
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        adapted[key] = _inside(folder, str(staged.get(key) or default), key)
    theme = staged.get("theme")
    adapted["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"}), "font": False}
    adapted["markdown_extensions"] = _with_extension(staged.get("markdown_extensions"), _MD_IN_HTML)
    return adapted


def exclude_listings(docs: Path) -> int:
    """Rewrite every page under ``docs`` that holds a listing with ``without_listings``; return how many."""
    rewritten = 0
    for page in sorted(docs.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PlaybookError(f"cannot read the staged {page.name}: {error}") from None
        if LISTING in text:
            page.write_text(without_listings(text), encoding="utf-8")
            rewritten += 1
    return rewritten


def without_listings(markdown: str) -> str:
    """``markdown`` with each listing marker and the table after it turned into a block search skips.

    A listing can also be a marker the theme replaces with one (``<!-- material/tags -->``), and
    it can be indented inside a block (a folded admonition's): the block it is put in is too.
    """
    lines = markdown.split("\n")
    result: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != LISTING:
            result.append(lines[index])
            index += 1
            continue
        indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
        index += 1
        while index < len(lines) and not lines[index].strip():
            index += 1
        start = index
        if index < len(lines) and lines[index].lstrip().startswith("<!--"):
            index += 1  # a listing the theme writes in place of its marker (the tags page)
        while index < len(lines) and lines[index].lstrip().startswith("|"):
            index += 1
        if index > start:
            opening, closing = _EXCLUDED
            result += ["", indent + opening, "", *lines[start:index], "", indent + closing, ""]
    return "\n".join(result)


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


def _with_extension(extensions: Any, name: str) -> Any:
    """mkdocs.yml's ``markdown_extensions`` (a list, or a mapping of names to options) with ``name`` in it."""
    if isinstance(extensions, dict):
        return extensions if name in extensions else {**extensions, name: {}}
    listed = list(extensions) if isinstance(extensions, list) else []
    names = {next(iter(entry)) if isinstance(entry, dict) and entry else entry for entry in listed}
    return listed if name in names else [*listed, name]


def _inside(folder: Path, path: str, key: str) -> str:
    """``path`` (absolute, or relative to ``folder``) relative to ``folder``; refused outside it."""
    resolved = (folder / path).resolve()
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        raise PlaybookError(f"Zensical builds only inside the staging folder, and {key} {path} is outside it") from None
