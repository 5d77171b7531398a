"""Markdown tables of the generated pages: rows, a header, long tables in sections."""

from __future__ import annotations

from collections.abc import Iterable

from playbook.site.escape import cell


def row(cells: Iterable[str]) -> str:
    """A table row of cells that are already escaped (or are the page's own links)."""
    return "| " + " | ".join(cells) + " |"


def header(titles: list[str]) -> list[str]:
    """A table's header row (titles escaped here) and its rule."""
    return [row(cell(title) for title in titles), row("---" for _ in titles)]


#: Rows per section of a long table: search indexes a page section by section, and a section
#: of thousands of rows is more than an engine's search index takes in one entry.
SECTION_ROWS = 100


def table_sections(header: list[str], rows: list[str], section_rows: int = SECTION_ROWS) -> list[str]:
    """A table of ``rows``, split under numbered subheadings (1–100, 101–200…) when it is long."""
    if len(rows) <= section_rows:
        return [*header, *rows]
    lines: list[str] = []
    for start in range(0, len(rows), section_rows):
        end = min(start + section_rows, len(rows))
        lines += ["", f"### {start + 1}–{end}", "", *header, *rows[start:end]]
    return lines[1:]
