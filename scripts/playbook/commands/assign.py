"""playbook assign CUSTOMERS: every customer of a CRM extract gets its owner, its tier and its flags."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from playbook.commands.options import require_repository
from playbook.errors import PlaybookError
from playbook.layout import DATA

if TYPE_CHECKING:
    from playbook.assign.tables import RuleTables

#: The output formats: summaries (text, markdown, json) and rows (csv, parquet, xlsx).
SUMMARY_FORMATS = ("text", "markdown", "json")
ROW_FORMATS = ("csv", "parquet", "xlsx")
SUFFIXES = {".txt": "text", ".md": "markdown", ".json": "json", ".csv": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}
#: DuckDB's memory bound; past it, the assignment spills to a temporary folder.
MEMORY_LIMIT = "2GB"

EXAMPLE = """\
examples:
  playbook assign crm-export.csv                                 the summary, by team and by cell
  playbook assign crm-export.xlsx --out assigned.xlsx            and the gaps, conflicts and candidates
  playbook assign crm-export.csv --format json --out customers.json   the summary to commit
  playbook assign crm-export.csv --encoding gb18030 --out rows.parquet

exit codes: 0 every customer has an owner; 1 some have none, or the extract has rows that
cannot be read; 2 the command could not run (a bad argument, a column the mapping names is missing)
"""


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "assign",
        parents=[common],
        help="give every customer of a CRM extract its owner, tier and flags",
        description=(
            "Read a CRM extract (CSV, XLSX or Parquet) and give every customer its owning team (named by\n"
            "crm_id, else the regional team of its region), the tier its metrics meet, and the flags gap,\n"
            "conflict, candidate and unknown; list the named accounts the extract lacks. The summary comes\n"
            "first; --out writes the rows (csv, parquet, xlsx) or the summary (text, markdown, json)."
        ),
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("customers", type=Path, metavar="CUSTOMERS", help="the CRM extract: .csv, .xlsx or .parquet")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the rows or the summary to this file")
    parser.add_argument(
        "--format",
        choices=SUMMARY_FORMATS + ROW_FORMATS,
        default=None,
        help="what --out gets (default: told by its suffix; without --out: the summary as text)",
    )
    parser.add_argument(
        "--encoding",
        metavar="ENC",
        help="the CSV file's encoding (default: detected: UTF-8 with or without BOM, GB18030)",
    )


def _format(args: argparse.Namespace) -> str:
    if args.format is not None:
        chosen: str = args.format
    elif args.out is not None:
        chosen = SUFFIXES.get(args.out.suffix.lower(), "")
        if not chosen:
            raise PlaybookError(f"--out {args.out}: say what to write with --format ({', '.join(SUFFIXES.values())})")
    else:
        chosen = "text"
    if chosen in ROW_FORMATS and args.out is None:
        raise PlaybookError(f"--format {chosen} writes every row to a file: give it with --out FILE")
    return chosen


def _check_out(root: Path, out: Path | None) -> Path | None:
    if out is None:
        return None
    target = out.resolve()
    if target.is_relative_to((root / DATA).resolve()):
        raise PlaybookError(f"--out {out}: nothing is written to {DATA}/; choose a place outside it")
    if not target.parent.is_dir():
        raise PlaybookError(f"--out {out}: the folder {target.parent} does not exist")
    return target


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    require_repository(root)
    chosen = _format(args)
    out = _check_out(root, args.out)
    from playbook.assign.extract import ExtractError

    try:
        return _assign(root, args.customers, out, chosen, args.encoding)
    except ExtractError as error:
        sys.stderr.write(f"playbook: {error}\n")
        return 1


def _assign(root: Path, customers: Path, out: Path | None, chosen: str, encoding: str | None) -> int:
    import tempfile

    from playbook.assign.loading import Check, last_tables, rule_tables

    progress = sys.stderr.isatty()
    if progress:
        sys.stderr.write("loading the playbook...\n")
    today = date.today()
    # The pass over the extract starts on the rule tables the cache holds while a thread checks that
    # the playbook did not change since; when it did, the tables are built anew and the pass runs again.
    last = last_tables(root)
    with tempfile.TemporaryDirectory(prefix="playbook-assign-") as folder:
        work = Path(folder)
        early: _Pass | BaseException | None = None
        if last is not None:
            check: Check | None = None
            try:  # the check starts once the work that holds the interpreter's lock is done: DuckDB's does not
                prepared = _prepare(customers, work, encoding, last.tables)
                check = Check(root, today, last)
                early = _scan(prepared, customers, last.tables)
            except Exception as error:  # raised below if the tables hold: a rebuilt playbook may read it otherwise
                early = error
            if not (check or Check(root, today, last)).holds():
                if isinstance(early, _Pass):
                    early.connection.close()
                early = None
        tables = last.tables if last is not None and early is not None else rule_tables(root, today)
        if tables.errors:
            sys.stderr.write(f"note: the playbook has {tables.errors} errors (playbook validate shows them)\n")
        if isinstance(early, BaseException):
            raise early
        done = early or _scan(_prepare(customers, work, encoding, tables), customers, tables)
        if progress:
            sys.stderr.write(f"assigning the customers of {customers.name}...\n")
        return _report(done, tables, customers, out, chosen, progress)


class _Pass(NamedTuple):
    """The extract after the pass over it: its connection (with the table ``grouped``) and its columns."""

    connection: Any
    extract: Any
    columns: Any


def _prepare(customers: Path, work: Path, encoding: str | None, tables: RuleTables) -> _Pass:
    """The extract opened, its columns found, and a connection with what the pass over it needs."""
    import duckdb

    from playbook.assign import assignment, mapping
    from playbook.assign.extract import open_extract

    extract = open_extract(customers, work, encoding, tables.mapping.get("sheet"))
    columns = mapping.resolve(tables.mapping, extract.columns, tables.metrics, tables.amount_unit)
    connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(work)})
    connection.execute("SET enable_progress_bar = false")  # DuckDB's bar would land in the summary
    assignment.load_pass_tables(connection, tables)
    return _Pass(connection, extract, columns)


def _scan(prepared: _Pass, customers: Path, tables: RuleTables) -> _Pass:
    """The one pass over the extract's rows."""
    import duckdb

    from playbook.assign import assignment
    from playbook.assign.extract import ExtractError

    try:
        assignment.scan(prepared.connection, prepared.extract, prepared.columns, tables)
    except duckdb.Error as error:
        prepared.connection.close()
        raise ExtractError(f"{customers.name} cannot be read: {_first_line(error)}") from None
    return prepared


def _report(done: _Pass, tables: RuleTables, customers: Path, out: Path | None, chosen: str, progress: bool) -> int:
    """The groups settled, the summary printed and the rows or the summary written to ``out``."""
    import duckdb

    from playbook.assign import assignment, summary, writers
    from playbook.assign.extract import ExtractError

    connection, extract, columns = done
    try:
        assignment.load_group_tables(connection, tables)
        assignment.settle(connection, tables)
        problems = assignment.problems(connection, extract, columns)
    except duckdb.Error as error:
        raise ExtractError(f"{customers.name} cannot be read: {_first_line(error)}") from None
    found = summary.summarise(connection, customers.name, problems)
    found.notes = list(columns.notes)
    if found.customers == 0 and not problems:
        raise ExtractError(f"{customers.name} has a header but no customers")
    if chosen in SUMMARY_FORMATS and out is None:
        sys.stdout.write(writers.SUMMARY_FORMATS[chosen](found))
    else:
        sys.stdout.write(writers.text(found))
    if out is not None:
        if progress:
            sys.stderr.write(f"writing {out}...\n")
        if chosen in SUMMARY_FORMATS:
            out.write_text(writers.SUMMARY_FORMATS[chosen](found), encoding="utf-8")
        else:
            try:
                writers.ROW_FORMATS[chosen](connection, assignment.rows_sql(extract, columns, tables), out, found)
            except duckdb.Error as error:
                raise ExtractError(f"{customers.name} cannot be read: {_first_line(error)}") from None
    connection.close()
    for note in found.notes:
        sys.stderr.write(f"note: {note}\n")
    for problem in found.problems:
        examples = f": {'; '.join(problem.examples)}" if problem.examples else ""
        sys.stderr.write(f"{customers.name}: {problem.rows:,} {problem.what}{examples}\n")
    if found.gaps:
        sys.stderr.write(f"{found.gaps:,} customers have no owner\n")
    return 1 if found.gaps or found.problems else 0


def _first_line(error: BaseException) -> str:
    return str(error).strip().split("\n", 1)[0]
