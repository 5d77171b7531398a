"""The summary as text, Markdown or JSON; the rows as CSV, Parquet or an XLSX workbook.

A text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) could
run as a formula when a spreadsheet opens the file: CSV gets such a cell with a leading
apostrophe, and XLSX writes every text cell as a string, never as a formula.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playbook.assign.extract import sql_text
from playbook.assign.summary import Summary

if TYPE_CHECKING:
    import duckdb

#: Text columns of the rows, which may hold what the CRM holds.
TEXT_COLUMNS = ("crm_id", "name", "region", "industry", "domain", "crm_owner")
#: The sheets of the workbook besides the summary: name and the flag that selects its rows.
FLAG_SHEETS = (("gaps", "gap"), ("conflicts", "conflict"), ("candidates", "candidate"))
#: The most rows a sheet holds (a worksheet's limit, less the header).
SHEET_ROWS = 1_048_575
#: How many unknown spellings and missing accounts the text summary lists.
TEXT_LISTED = 20
_FORMULA = "^[=+\\-@\\t\\r]"


def _number(value: int) -> str:
    return f"{value:,}"


def _counted(count: int, thing: str) -> str:
    """``1 named account``, ``2 named accounts``."""
    return f"{_number(count)} {thing}{'' if count == 1 else 's'}"


def text(summary: Summary) -> str:
    lines = [
        f"{summary.extract}: {_number(summary.customers)} customers: {_number(summary.named)} named, "
        f"{_number(summary.regional)} by regional default, {_number(summary.gaps)} with no owner",
        f"flags: {_number(summary.gaps)} gaps, {_number(summary.conflicts)} conflicts, "
        f"{_number(summary.candidates)} candidates, {_number(summary.unknown)} unknown, "
        f"{_counted(len(summary.missing), 'named account')} missing from the extract",
        "",
    ]
    table = [("team", "customers", "named", "regional", "conflicts", "candidates")]
    table += [
        (
            t.team,
            _number(t.customers),
            _number(t.named),
            _number(t.regional),
            _number(t.conflicts),
            _number(t.candidates),
        )
        for t in summary.teams
    ]
    table.append(("(no owner)", _number(summary.gaps), "", "", "", ""))
    lines += _aligned(table)
    lines.append("")
    flagged = [c for c in summary.cells if c.gaps or c.conflicts or c.candidates]
    lines.append(
        f"industry (or domain) × region cells with gaps, conflicts or candidates: {len(flagged)} of "
        f"{len(summary.cells)} (--format markdown or json lists all)"
    )
    cells = [("industry/domain", "region", "customers", "gaps", "conflicts", "candidates")]
    cells += [
        (
            c.row or "(unknown)",
            c.region or "(unknown)",
            _number(c.customers),
            _number(c.gaps),
            _number(c.conflicts),
            _number(c.candidates),
        )
        for c in flagged
    ]
    lines += _aligned(cells) if flagged else []
    if summary.tiers:
        lines += ["", "tiers by the criteria: " + ", ".join(f"{k} {_number(v)}" for k, v in summary.tiers.items())]
    if summary.unknown_values:
        lines += ["", "spellings the taxonomy does not know (add them as aliases):"]
        lines += [f"  {u.column} '{u.value}': {_number(u.customers)}" for u in summary.unknown_values[:TEXT_LISTED]]
        lines += _more(len(summary.unknown_values))
    if summary.missing:
        lines += ["", "named accounts whose crm_id is not in the extract:"]
        lines += [f"  {m.account} (crm_id {m.crm_id}, {m.team})" for m in summary.missing[:TEXT_LISTED]]
        lines += _more(len(summary.missing))
    return "\n".join(lines) + "\n"


def _more(count: int) -> list[str]:
    return (
        [f"  ... and {count - TEXT_LISTED} more (--format json or markdown lists them all)"]
        if count > TEXT_LISTED
        else []
    )


def _aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), *(cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))]
        if len(row) > 1 and not row[1].replace(",", "").isdigit() and row is not rows[0]:
            cells[1] = row[1].ljust(widths[1])
        out.append("  ".join(cells).rstrip())
    return out


def _md(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def markdown(summary: Summary) -> str:
    lines = [
        f"**{_number(summary.customers)} customers** in `{_md(summary.extract)}`: {_number(summary.named)} named, "
        f"{_number(summary.regional)} by regional default, **{_number(summary.gaps)} with no owner**; "
        f"{_number(summary.conflicts)} conflicts, {_number(summary.candidates)} candidates, "
        f"{_number(summary.unknown)} unknown, {_counted(len(summary.missing), 'named account')} missing.",
        "",
        "| team | customers | named | regional | conflicts | candidates |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {_md(t.team)} | {_number(t.customers)} | {_number(t.named)} | {_number(t.regional)} | "
        f"{_number(t.conflicts)} | {_number(t.candidates)} |"
        for t in summary.teams
    ]
    lines += [f"| (no owner) | {_number(summary.gaps)} | | | | |", ""]
    lines += [
        "| industry/domain | region | customers | gaps | conflicts | candidates |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {_md(c.row or '(unknown)')} | {_md(c.region or '(unknown)')} | {_number(c.customers)} | "
        f"{_number(c.gaps)} | {_number(c.conflicts)} | {_number(c.candidates)} |"
        for c in summary.cells
    ]
    if summary.unknown_values:
        lines += ["", "Spellings the taxonomy does not know:", ""]
        lines += [f"- {u.column} `{_md(u.value)}`: {_number(u.customers)}" for u in summary.unknown_values]
    if summary.missing:
        lines += ["", "Named accounts missing from the extract:", ""]
        lines += [f"- {_md(m.account)} (crm_id `{_md(m.crm_id)}`, {_md(m.team)})" for m in summary.missing]
    return "\n".join(lines) + "\n"


def json_text(summary: Summary) -> str:
    return json.dumps(summary.as_json(), ensure_ascii=False, indent=2) + "\n"


#: Summary formats: the text they give.
SUMMARY_FORMATS: dict[str, Callable[[Summary], str]] = {"text": text, "markdown": markdown, "json": json_text}


def _safe_columns(rows_sql: str) -> str:
    """The rows with every text cell that a spreadsheet would run as a formula behind an apostrophe."""
    guarded = ", ".join(
        f"CASE WHEN regexp_matches({name}, '{_FORMULA}') THEN '''' || {name} ELSE {name} END AS {name}"
        for name in TEXT_COLUMNS
    )
    return f"SELECT * REPLACE ({guarded}) FROM ({rows_sql})"


def write_csv(connection: duckdb.DuckDBPyConnection, rows_sql: str, out: Path, summary: Summary) -> None:
    connection.execute(f"COPY ({_safe_columns(rows_sql)}) TO {sql_text(str(out))} (FORMAT csv, HEADER)")


def write_parquet(connection: duckdb.DuckDBPyConnection, rows_sql: str, out: Path, summary: Summary) -> None:
    connection.execute(f"COPY ({rows_sql}) TO {sql_text(str(out))} (FORMAT parquet, COMPRESSION zstd)")


def write_xlsx(connection: duckdb.DuckDBPyConnection, rows_sql: str, out: Path, summary: Summary) -> None:
    """A workbook: the summary sheet, then the gaps, conflicts and candidates, each with a filter."""
    import xlsxwriter  # type: ignore[import-untyped]

    workbook = xlsxwriter.Workbook(
        str(out), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    try:
        _summary_sheet(workbook, summary)
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE flagged AS SELECT * FROM ({rows_sql}) WHERE gap OR conflict OR candidate"
        )
        for sheet_name, flag in FLAG_SHEETS:
            result = connection.execute(f"SELECT * FROM flagged WHERE {flag} LIMIT {SHEET_ROWS}")
            _rows_sheet(workbook.add_worksheet(sheet_name), result)
    finally:
        workbook.close()


def _summary_sheet(workbook: Any, summary: Summary) -> None:
    sheet = workbook.add_worksheet("summary")
    bold = workbook.add_format({"bold": True})
    row = 0
    facts: tuple[tuple[str, object], ...] = (
        ("extract", summary.extract),
        ("customers", summary.customers),
        ("named", summary.named),
        ("regional default", summary.regional),
        ("gaps (no owner)", summary.gaps),
        ("conflicts", summary.conflicts),
        ("candidates", summary.candidates),
        ("unknown", summary.unknown),
        ("named accounts missing", len(summary.missing)),
    )
    for label, value in facts:
        sheet.write_string(row, 0, label, bold)
        _write(sheet, row, 1, value)
        row += 1
    row += 1
    teams = [(t.team, t.customers, t.named, t.regional, t.conflicts, t.candidates) for t in summary.teams]
    row = _table(sheet, row, ("team", "customers", "named", "regional", "conflicts", "candidates"), teams, bold, True)
    row += 2
    cells = [(c.kind, c.row, c.region, c.customers, c.gaps, c.conflicts, c.candidates) for c in summary.cells]
    header = ("kind", "industry/domain", "region", "customers", "gaps", "conflicts", "candidates")
    row = _table(sheet, row, header, cells, bold)
    if summary.missing:
        row += 2
        sheet.write_string(row, 0, "named accounts missing from the extract", bold)
        for missing in summary.missing:
            row += 1
            for column, value in enumerate((missing.account, missing.crm_id, missing.team)):
                _write(sheet, row, column, value)
    sheet.set_column(0, 0, 28)


def _table(
    sheet: Any, row: int, header: tuple[str, ...], rows: list[tuple[Any, ...]], bold: Any, filtered: bool = False
) -> int:
    """A header in bold at ``row`` and the rows below it; the last row written.

    ``filtered`` puts the sheet's filter on this table: a worksheet has one filter at most.
    """
    start = row
    for column, name in enumerate(header):
        sheet.write_string(row, column, name, bold)
    for values in rows:
        row += 1
        for column, value in enumerate(values):
            _write(sheet, row, column, value)
    if filtered:
        sheet.autofilter(start, 0, row, len(header) - 1)
    return row


def _rows_sheet(sheet: Any, result: duckdb.DuckDBPyConnection) -> None:
    names = [description[0] for description in result.description or []]
    for column, name in enumerate(names):
        sheet.write_string(0, column, name)
    row = 0
    while batch := result.fetchmany(10_000):
        for values in batch:
            row += 1
            for column, value in enumerate(values):
                _write(sheet, row, column, value)
    sheet.autofilter(0, 0, max(row, 1), max(len(names) - 1, 0))
    sheet.freeze_panes(1, 0)


def _write(sheet: Any, row: int, column: int, value: Any) -> None:
    """One cell: numbers as numbers, everything else as a string (never a formula)."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, str(value))


#: Row formats: the function that writes them to a file.
ROW_FORMATS: dict[str, Callable[[Any, str, Path, Summary], None]] = {
    "csv": write_csv,
    "parquet": write_parquet,
    "xlsx": write_xlsx,
}
