"""The staging folder: the hand-written chapters, the generated pages and a config to build them.

The staging folder is what any engine that reads ``mkdocs.yml`` can build. It holds a copy
of the repository's docs folder with the generated pages added, a theme folder (the theme's
``custom_dir``: the repository's own, if mkdocs.yml names one, with the playbook's partials
added where it has none of that name), and a copy of the root ``mkdocs.yml`` that points at
both and lists the generated pages in its navigation.
Nothing is ever written into the repository's own docs folder. Built sites are published
into place only once the build has worked, and only over a folder that is empty or holds an
earlier site.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from playbook.errors import PlaybookError
from playbook.layout import DATA, SETTINGS
from playbook.site.pages import Page

CONFIG = "mkdocs.yml"
#: Where the copy of the docs folder and the generated pages go, inside the staging folder.
STAGED_DOCS = "docs"
#: Where the engine builds, inside the staging folder, before the site is published.
STAGED_SITE = "site"
#: The theme's ``custom_dir``, inside the staging folder.
STAGED_THEME = "theme"
#: The playbook's own theme partials (tags linked to the pages that list what they tag).
THEME = Path(__file__).parent / "theme"
#: Settings of mkdocs.yml that hold paths relative to the config file (docs_dir aside).
_PATH_SETTINGS = ("INHERIT",)
_PATH_LIST_SETTINGS = ("hooks", "watch")


def read_config(root: Path) -> dict[str, Any]:
    """The root mkdocs.yml, read with the safe loader (no tags that build objects)."""
    path = root / CONFIG
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlaybookError(f"no {CONFIG} at {root}: the site needs one") from None
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError(f"cannot read {CONFIG}: {error}") from None
    try:
        config = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PlaybookError(f"{CONFIG} is not valid YAML (tags such as !!python/name are refused): {error}") from None
    if not isinstance(config, dict):
        raise PlaybookError(f"{CONFIG} must be a mapping of settings")
    return config


def docs_folder(root: Path, config: dict[str, Any]) -> Path:
    """The repository's folder of hand-written chapters (mkdocs.yml's docs_dir, default docs)."""
    return (root / str(config.get("docs_dir") or "docs")).resolve()


def stage(
    root: Path, staging: Path, pages: list[Page], site_dir: Path | None = None, language: str | None = None
) -> Path:
    """Write (or bring up to date) the staging folder; return the staged config's path.

    Staging again into the same folder rewrites only what changed and removes what is gone,
    so a running preview sees exactly the pages that differ.
    """
    config = read_config(root)
    docs = docs_folder(root, config)
    files = _chapters(root, docs)
    generated = {page.path for page in pages}
    folders = {_top(page.path) for page in pages if "/" in page.path}
    for path in files:
        if path in generated:
            raise PlaybookError(f"{_shown(root, docs)}/{path} would replace a page the build generates: rename it")
        if "/" in path and _top(path) in folders:
            raise PlaybookError(
                f"{_shown(root, docs)}/{path} is in a place reserved for generated pages "
                f"({', '.join(f'{folder}/' for folder in sorted(folders))}): move it elsewhere"
            )
    files.update((page.path, page.markdown.encode("utf-8")) for page in pages)
    staged_docs = staging / STAGED_DOCS
    sync(staged_docs, files)
    staged = staged_config(root, config, staged_docs, site_dir or staging / STAGED_SITE, pages)
    theme = staged.get("theme")
    staged_theme = staging / STAGED_THEME
    sync(staged_theme, _theme(root, theme))
    staged["theme"] = {**(theme if isinstance(theme, dict) else {"name": theme or "material"})}
    staged["theme"]["custom_dir"] = str(staged_theme.resolve())
    if language is not None:
        staged["theme"]["language"] = language
    target = staging / CONFIG
    text = yaml.safe_dump(staged, sort_keys=False, allow_unicode=True, width=120)
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target


def staged_config(
    root: Path, config: dict[str, Any], docs_dir: Path, site_dir: Path, pages: Iterable[Page]
) -> dict[str, Any]:
    """The root config, pointed at the staged docs and site, with the generated pages in its nav."""
    staged = dict(config)
    staged["docs_dir"] = str(docs_dir.resolve())
    staged["site_dir"] = str(site_dir.resolve())
    for key in _PATH_SETTINGS:
        if isinstance(staged.get(key), str):
            staged[key] = str((root / staged[key]).resolve())
    for key in _PATH_LIST_SETTINGS:
        if isinstance(staged.get(key), list):
            staged[key] = [str((root / str(item)).resolve()) for item in staged[key]]
    theme = staged.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        staged["theme"] = {**theme, "custom_dir": str((root / theme["custom_dir"]).resolve())}
    pages = list(pages)
    if isinstance(staged.get("nav"), list):
        listed = set(_nav_paths(staged["nav"]))
        staged["nav"] = [*staged["nav"], *generated_nav(page for page in pages if page.path not in listed)]
    patterns = not_in_nav(pages)
    if patterns:
        existing = str(staged.get("not_in_nav") or "")
        staged["not_in_nav"] = "\n".join(filter(None, [existing, *patterns]))
    return staged


def _nav_paths(nav: Any) -> list[str]:
    """Every page path a configured nav names."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    return []


def not_in_nav(pages: list[Page]) -> list[str]:
    """Patterns (gitignore style, as MkDocs reads them) for the pages left out of the nav.

    One pattern per folder, with the folder's navigation pages excepted, so that the list
    stays short however many pages a folder holds.
    """
    folders = sorted({page.path.rsplit("/", 1)[0] for page in pages if not page.in_nav and "/" in page.path})
    patterns = []
    for folder in folders:
        patterns.append(f"/{folder}/*.md")
        patterns += [f"!/{page.path}" for page in pages if page.in_nav and page.path.rsplit("/", 1)[0] == folder]
    return patterns


def generated_nav(pages: Iterable[Page]) -> list[dict[str, Any]]:
    """Navigation entries for the generated pages: one per top folder, its index first.

    A folder with one page is a single entry; otherwise it is a section whose index page
    (with the navigation.indexes feature) is the section's own page.
    """
    sections: dict[str, list[Page]] = {}
    for page in pages:
        if page.in_nav:
            sections.setdefault(_top(page.path), []).append(page)
    entries: list[dict[str, Any]] = []
    for grouped in sections.values():
        first, rest = grouped[0], grouped[1:]
        if not rest:
            entries.append({first.title: first.path})
        else:
            entries.append({first.title: [first.path, *({page.title: page.path} for page in rest)]})
    return entries


def sync(target: Path, files: dict[str, bytes]) -> None:
    """Make the folder ``target`` hold exactly ``files`` (relative path to content)."""
    target.mkdir(parents=True, exist_ok=True)
    for existing in sorted(target.rglob("*"), reverse=True):
        relative = existing.relative_to(target).as_posix()
        if existing.is_file() and relative not in files:
            existing.unlink()
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    for relative, content in sorted(files.items()):
        path = target / relative
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def sources(root: Path) -> tuple[tuple[str, int, int], ...]:
    """A fingerprint of everything a site is made from: data/, the docs folder, mkdocs.yml, playbook.yaml."""
    try:
        docs = docs_folder(root, read_config(root))
    except PlaybookError:
        docs = root / "docs"
    found: list[tuple[str, int, int]] = []
    for folder in (root / DATA, docs):
        for path in folder.rglob("*") if folder.is_dir() else ():
            try:
                status = path.stat()
            except OSError:
                continue
            found.append((str(path), status.st_mtime_ns, status.st_size))
    for single in (root / CONFIG, root / SETTINGS):
        if single.is_file():
            status = single.stat()
            found.append((str(single), status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse a site folder whose replacement would destroy anything but an earlier site."""
    site = site_dir.resolve()
    root = root.resolve()
    if site == root or root.is_relative_to(site):
        raise PlaybookError(f"--site-dir {site_dir} would replace the repository itself")
    try:
        docs = docs_folder(root, read_config(root))
    except PlaybookError:
        docs = root / "docs"
    for source in (root / DATA, docs):
        if site.is_relative_to(source.resolve()) or source.resolve().is_relative_to(site):
            raise PlaybookError(f"--site-dir {site_dir} overlaps {_shown(root, source)}/, which holds sources")
    if site.exists() and not site.is_dir():
        raise PlaybookError(f"--site-dir {site_dir} is a file, not a folder")
    if site.is_dir() and any(site.iterdir()) and not (site / "index.html").is_file():
        raise PlaybookError(f"--site-dir {site_dir} is not empty and holds no built site; choose a new or empty folder")


def publish(built: Path, site_dir: Path) -> None:
    """Move a built site into place, replacing an earlier one (checked by check_site_dir)."""
    site = site_dir.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    if not site.exists():
        shutil.move(str(built), str(site))
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site.name}-old-", dir=site.parent))
    site.replace(old / site.name)
    try:
        shutil.move(str(built), str(site))
    except OSError:
        (old / site.name).replace(site)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _chapters(root: Path, docs: Path) -> dict[str, bytes]:
    """Every file of the docs folder (none when it does not exist), by relative path."""
    if not docs.is_dir():
        return {}
    files: dict[str, bytes] = {}
    for path in sorted(docs.rglob("*")):
        if path.is_file():
            try:
                files[path.relative_to(docs).as_posix()] = path.read_bytes()
            except OSError as error:
                raise PlaybookError(f"cannot read {_shown(root, path)}: {error.strerror or error}") from None
    return files


def _theme(root: Path, theme: Any) -> dict[str, bytes]:
    """The staged theme folder: the repository's ``custom_dir`` (staged_config resolves it), then
    the playbook's partials where it has none of that name."""
    own = theme.get("custom_dir") if isinstance(theme, dict) else None
    files: dict[str, bytes] = {}
    if isinstance(own, str):
        folder = Path(own)
        if not folder.is_dir():
            raise PlaybookError(f"the theme's custom_dir {_shown(root, folder)} in mkdocs.yml is not a folder")
        files = _chapters(root, folder)
    for path in sorted(THEME.rglob("*.html")):
        files.setdefault(path.relative_to(THEME).as_posix(), path.read_bytes())
    return files


def _top(path: str) -> str:
    return path.split("/", 1)[0]


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
