"""The coverage matrix as text, Markdown, JSON or CSV (only reporters turn it into strings)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from playbook.coverage import Cell, Coverage, Matrix

#: A roll-up names this many regional teams; beyond, it counts them (open the region for the rest).
NAMED_REGIONAL = 2


def cell_text(cell: Cell) -> str:
    """Who owns a cell, for a terminal or a table: named / regional (supported by …) (accounts)."""
    named = "+".join(cell.named_teams)
    if len(cell.regional_teams) > NAMED_REGIONAL:
        regional = f"{len(cell.regional_teams)} regional teams"
    else:
        regional = "+".join(cell.regional_teams)
    if cell.supporting_teams:
        regional = f"{regional} supported by {'+'.join(cell.supporting_teams)}".lstrip()
    text = f"{named} / {regional}" if named else regional
    if cell.gap and not cell.named_teams and not cell.regional_teams:
        text = "GAP"
    else:
        marks = []
        if cell.gap:
            marks.append(f"GAP in {'+'.join(cell.gap_leaves or ())}")
        if cell.overlap:
            marks.append(f"OVERLAP in {'+'.join(cell.overlap_leaves)}" if cell.overlap_leaves else "OVERLAP")
        text = " ".join([*marks, text])
    return f"{text} ({cell.account_count})" if cell.account_count else text


def _rows(matrix: Matrix, regions: tuple[str, ...] | None = None) -> list[list[str]]:
    columns = matrix.regions if regions is None else regions
    header = [matrix.kind, *columns]
    body = [[row, *(cell_text(matrix.cell(row, region)) for region in columns)] for row in matrix.rows]
    return [header, *body]


def _shown(coverage: Coverage) -> list[Matrix]:
    return [matrix for matrix in (coverage.commercial, coverage.government) if matrix.rows]


def to_text(coverage: Coverage) -> str:
    out: list[str] = []
    for matrix in (coverage.commercial, coverage.government):
        if not matrix.rows:
            continue
        rows = _rows(matrix)
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        out.extend(
            "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip() for row in rows
        )
        out.append("")
    opened = sorted({region for matrix in _shown(coverage) for region in matrix.regions if region in matrix.children})
    if opened:
        out.append(f"regions with regions below them (open one with --region): {', '.join(opened)}")
        out.append("")
    out.extend(_problems(coverage))
    over = [load for load in coverage.load if load.over or load.under]
    for load in over:
        bound = f"{load.minimum}-{load.maximum}"
        state = "over" if load.over else "under"
        out.append(f"AR {load.person}: {len(load.accounts)} {load.tier} accounts, {state} the bounds {bound}")
    return "\n".join(out).rstrip() + "\n"


def _problems(coverage: Coverage) -> list[str]:
    lines = [f"gap: region {region} has no regional team" for region in coverage.regions_without_regional_team]
    for matrix in (coverage.commercial, coverage.government):
        for cell in matrix.overlaps:
            teams = ", ".join((*cell.named_teams, *cell.regional_teams))
            lines.append(f"overlap: {matrix.kind} {cell.row} in region {cell.region} is claimed by {teams}")
    return lines


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def to_markdown(coverage: Coverage) -> str:
    out: list[str] = []
    problems = _problems(coverage)
    out.append(
        f"**Coverage:** {len(problems)} gap(s) or overlap(s)" if problems else "**Coverage:** no gaps, no overlaps"
    )
    out.extend(f"- {_markdown_cell(line)}" for line in problems)
    for matrix in _shown(coverage):
        out.append("")
        out.extend(_markdown_table(_rows(matrix)))
        for region in _opened(matrix):
            below = matrix.children[region]
            if below:
                out += [
                    "",
                    f"<details><summary>{matrix.kind} × {_markdown_cell(region)}: {len(below)} regions</summary>",
                ]
                out += ["", *_markdown_table(_rows(matrix, below)), "", "</details>"]
    return "\n".join(out) + "\n"


def _opened(matrix: Matrix) -> list[str]:
    """The regions below the columns that have regions below them, each before those inside it."""
    found: list[str] = []
    stack = list(reversed(matrix.regions))
    while stack:
        region = stack.pop()
        below = matrix.children.get(region, ())
        if below:
            found.append(region)
            stack.extend(reversed(below))
    return found


def _markdown_table(rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(_markdown_cell(value) for value in rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return lines + ["| " + " | ".join(_markdown_cell(value) for value in row) + " |" for row in rows[1:]]


def as_data(coverage: Coverage) -> dict[str, Any]:
    def matrix_data(matrix: Matrix) -> dict[str, Any]:
        return {
            "rows": list(matrix.rows),
            "regions": list(matrix.regions),
            "cells": [
                {
                    matrix.kind: cell.row,
                    "region": cell.region,
                    "named_teams": list(cell.named_teams),
                    "supporting_teams": list(cell.supporting_teams),
                    "regional_teams": list(cell.regional_teams),
                    "accounts": dict(cell.accounts),
                    "gap": cell.gap,
                    "overlap": cell.overlap,
                    "rolled_up": cell.rolled_up,
                }
                for cell in matrix.cells.values()
            ],
            "children": {region: list(below) for region, below in matrix.children.items()},
        }

    return {
        "commercial": matrix_data(coverage.commercial),
        "government": matrix_data(coverage.government),
        "regions_without_regional_team": list(coverage.regions_without_regional_team),
        "ar_load": [
            {
                "person": load.person,
                "tier": load.tier,
                "accounts": list(load.accounts),
                "min": load.minimum,
                "max": load.maximum,
                "supported": list(load.supported),
                "over": load.over,
                "under": load.under,
            }
            for load in coverage.load
        ],
    }


def to_json(coverage: Coverage) -> str:
    return json.dumps(as_data(coverage), ensure_ascii=False, indent=2) + "\n"


def to_csv(coverage: Coverage) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for matrix in _shown(coverage):
        writer.writerows(_rows(matrix))
    return buffer.getvalue()


FORMATS: dict[str, Callable[[Coverage], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
}
