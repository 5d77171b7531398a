"""Helpers for the page tests: a site context from a repository, and Markdown rendered as the site does.

Rendering uses Python-Markdown with the extensions listed in the project's mkdocs.yml, so
the tests see the HTML MkDocs would produce, without running MkDocs.
"""

from __future__ import annotations

import html
import posixpath
import re
from datetime import date
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import yaml

from playbook import validation
from playbook.site.context import Audience, Language, SiteContext
from playbook.site.pages import Page
from tests.conftest import AS_OF

PROJECT = Path(__file__).resolve().parent.parent
#: A value that would become markup, a link or table structure if it were not escaped.
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) *em* | `code` <script>alert(2)</script>"


def context(root: Path, audience: Audience = "internal", language: Language = "en", as_of: date = AS_OF) -> SiteContext:
    """The context a build of the repository at ``root`` would give the page generators."""
    checked = validation.validate(root, as_of)
    return SiteContext(checked.playbook, tuple(checked.findings), audience, language, as_of)


def _extensions() -> tuple[list[str], dict[str, Any]]:
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    settings: dict[str, Any] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, str):
            names.append(entry)
        else:
            ((name, options),) = entry.items()
            names.append(name)
            settings[name] = options or {}
    return names, settings


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The YAML front matter (read as MkDocs reads it) and the Markdown after it."""
    match = re.match(r"^---[ \t]*\n(.*?\n)---[ \t]*\n", text, flags=re.S)
    if match is None:
        return {}, text
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data, text[match.end() :]


def render(text: str) -> str:
    """The HTML of a page's Markdown (its front matter left out, as MkDocs does)."""
    names, settings = _extensions()
    return str(markdown.markdown(split_front_matter(text)[1], extensions=names, extension_configs=settings))


def visible(rendered: str) -> str:
    """The text a reader sees, on one line: tags removed, entities resolved, spaces collapsed."""
    inline_removed = re.sub(r"</?(a|span|strong|code)\b[^>]*>", "", rendered)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_removed)).split())


def hrefs(rendered: str) -> list[str]:
    return [html.unescape(target) for target in re.findall(r'href="([^"]*)"', rendered)]


def assert_no_injection(rendered: str) -> None:
    """Nothing from the data became an element, an event handler or a link target."""
    assert not re.search(r"<\s*(img|script|em|code)\b", rendered, flags=re.I), rendered
    for tag in re.findall(r"<[a-zA-Z][^>]*>", rendered):
        assert not re.search(r"\son[a-z]+\s*=", tag, flags=re.I), tag
    # A page's Markdown link, or (in a diagram, raw HTML) the page's built address.
    for target in hrefs(rendered):
        assert re.fullmatch(r"(\.\./)?([a-z]+/)?[a-z0-9-]+\.(md|html)(#[a-z0-9-]+)?|#[\w-]+", target), target


def assert_tables_are_regular(rendered: str) -> None:
    """Every row of every table has as many cells as its header: no ``|`` split a cell."""
    for table in re.findall(r"<table>(.*?)</table>", rendered, flags=re.S):
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)}
        assert len(widths) == 1, table


def assert_links_resolve(generated: list[Page]) -> None:
    """Every relative link of every page leads to a generated page (and an anchor it has).

    A diagram's link (raw HTML, which the engine leaves as it is) names the built page, ``x.html``.
    """
    rendered = {page.path: render(page.markdown) for page in generated}
    for path, page_html in rendered.items():
        for target in hrefs(page_html):
            if target.startswith("#"):
                continue
            file, _, anchor = target.partition("#")
            file = file.removesuffix(".html") + ".md" if file.endswith(".html") else file
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), file))
            assert resolved in rendered, f"{path} links to {target}, which is not generated"
            if anchor:
                assert f'id="{anchor}"' in rendered[resolved], f"{path} links to a missing anchor {target}"


def markdown_section(markdown: str, heading: str) -> str:
    """The text of a ``## heading`` section, up to the next one."""
    match = re.search(rf"^## {re.escape(heading)}(?: \{{ #[\w-]+ \}})?\n(.*?)(?=^## |\Z)", markdown, flags=re.M | re.S)
    assert match is not None, f"no section {heading!r}"
    return match.group(1)


def table_rows(markdown: str) -> list[list[str]]:
    """The visible cells of every table row (header rows included) in ``markdown``."""
    return [
        [visible(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", render(markdown), flags=re.S)
    ]
