"""Markdown tables of the generated pages: rows, a header, listings, long tables in sections."""

from __future__ import annotations

from collections.abc import Iterable

from playbook.site.escape import cell

#: The line put before a listing: a link reference definition, which Markdown renders as
#: nothing (the MkDocs site is the same with or without it). The Zensical build reads it as
#: "leave the table that follows out of search" (see ``playbook.site.zensical``).
LISTING = "[//]: # (listing)"


def row(cells: Iterable[str]) -> str:
    """A table row of cells that are already escaped (or are the page's own links)."""
    return "| " + " | ".join(cells) + " |"


def header(titles: list[str]) -> list[str]:
    """A table's header row (titles escaped here) and its rule."""
    return [row(cell(title) for title in titles), row("---" for _ in titles)]


def listing(table: list[str]) -> list[str]:
    """A table marked as a listing: one whose rows (or cells) name accounts, teams, people or
    rules that have pages or sections of their own, where search finds them.

    A listing grows with the playbook, and an index entry of Zensical's search holds less the
    bigger the site; so the Zensical build leaves listings out of search, and MkDocs shows and
    indexes them as any other table.
    """
    return [LISTING, "", *table]


#: Rows per section of a long table: search indexes a page section by section, and a section
#: of thousands of rows is more than an engine's search index takes in one entry.
SECTION_ROWS = 100


def table_sections(header: list[str], rows: list[str], section_rows: int = SECTION_ROWS) -> list[str]:
    """A listing of ``rows``, split under numbered subheadings (1–100, 101–200…) when it is long.

    Every table split here lists accounts, teams or people, so each part is a listing.
    """
    if len(rows) <= section_rows:
        return listing([*header, *rows])
    lines: list[str] = []
    for start in range(0, len(rows), section_rows):
        end = min(start + section_rows, len(rows))
        lines += ["", f"### {start + 1}–{end}", "", *listing([*header, *rows[start:end]])]
    return lines[1:]


def drop_empty_columns(titles: list[str], rows: list[list[str]], keep: int = 1) -> tuple[list[str], list[list[str]]]:
    """The titles and rows without the columns that are empty in every row (the first ``keep`` stay).

    A column nobody filled in (an email address no member has) says nothing and takes room.
    """
    kept = [index for index in range(len(titles)) if index < keep or any(cells[index] for cells in rows)]
    return [titles[index] for index in kept], [[cells[index] for index in kept] for cells in rows]
