"""Reading a CRM extract: CSV in UTF-8 (with or without a byte-order mark), GB18030/GBK or any
encoding Python knows, XLSX, or Parquet, as a table expression DuckDB streams rows from.

CSV in UTF-8 is read by DuckDB directly. Any other encoding is transcoded to UTF-8 into a
temporary file a block at a time through Python's incremental codec, so the memory used does
not grow with the file (a large GB18030, GBK or Big5 file in a part per core, cut at
newlines); an XLSX sheet is written to such a file row by row as python-calamine reads it.
Temporary files live in a temporary folder, never next to the data.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import multiprocessing
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: How much of a file is looked at to tell its encoding and delimiter.
SAMPLE_BYTES = 1 << 20
#: How much is transcoded at a time.
BLOCK_BYTES = 8 << 20
DELIMITERS = (",", "\t", ";", "|")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
PARQUET_SUFFIXES = (".parquet", ".pq")


class ExtractError(Exception):
    """The extract cannot be read (the command exits 1)."""


@dataclass
class Extract:
    """An extract ready to be read: the table expression DuckDB reads and the columns it has."""

    path: Path
    kind: str
    encoding: str
    columns: list[str]
    #: The file DuckDB reads (the extract itself, or its UTF-8 copy).
    source: Path
    delimiter: str = ","
    temporaries: list[Path] = field(default_factory=list)

    def relation(self, rejects: bool = False) -> str:
        """The SQL table expression of the rows: every column as text (Parquet keeps its types)."""
        literal = sql_text(str(self.source))
        if self.kind == "parquet":
            return f"read_parquet({literal})"
        columns = ", ".join(f"{sql_text(name)}: 'VARCHAR'" for name in self.columns)
        errors = (
            "store_rejects=true, rejects_table='extract_rejects', rejects_scan='extract_scans'"
            if rejects
            else ("ignore_errors=true")
        )
        return (
            f"read_csv({literal}, delim={sql_text(self.delimiter)}, quote='\"', escape='\"', header=true, "
            f"columns={{{columns}}}, strict_mode=true, {errors})"
        )


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def open_extract(path: Path, workdir: Path, encoding: str | None = None, sheet: str | None = None) -> Extract:
    """The extract at ``path``, its kind told by its name's suffix (CSV when it is none of the others)."""
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    suffix = path.suffix.lower()
    if suffix in PARQUET_SUFFIXES:
        return _parquet(path)
    if suffix in XLSX_SUFFIXES:
        return _spreadsheet(path, workdir, sheet)
    return _csv(path, workdir, encoding)


def _csv(path: Path, workdir: Path, encoding: str | None) -> Extract:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ExtractError(f"{path.name} is empty: export the customers again, with a header row")
    name = _codec(encoding) if encoding else detect_encoding(sample)
    if name in ("utf-8", "utf-8-sig"):
        text = sample.decode("utf-8-sig", errors="replace")
        source, temporaries = path, []
    else:
        source = workdir / "extract-utf8.csv"
        transcode(path, source, name)
        text = sample.decode(name, errors="replace")
        temporaries = [source]
    header, delimiter = _header(text, path)
    return Extract(path, "csv", name, header, source, delimiter, temporaries)


def _codec(encoding: str) -> str:
    from playbook.errors import PlaybookError

    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise PlaybookError(f"--encoding {encoding}: not an encoding Python knows (try utf-8 or gb18030)") from None
    return "utf-8" if name == "utf-8" else name


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), UTF-16 by its mark, else GB18030 when the sample is
    not UTF-8 (GB18030 reads GBK and GB2312 too, as Chinese Excel writes them)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codecs.getincrementaldecoder("gb18030")().decode(sample, final=len(sample) < SAMPLE_BYTES)
        return "gb18030"
    except UnicodeDecodeError:
        raise ExtractError(
            "the extract is neither UTF-8 nor GB18030: pass its encoding with --encoding (for example big5)"
        ) from None


def transcode(path: Path, target: Path, encoding: str) -> None:
    """Copy ``path`` in ``encoding`` to ``target`` in UTF-8, a block at a time; a large file in an encoding
    whose characters never hold a newline byte is cut at newlines into a part for each core, transcoded
    side by side and joined."""
    size = path.stat().st_size
    workers = min(os.cpu_count() or 1, MOST_PARTS)
    if encoding not in SPLITTABLE or size < SPLIT_FROM_BYTES or workers < 2:
        error = _transcode_range(path, target, encoding, 0, size)
    else:
        error = _transcode_parts(path, target, encoding, _cuts(path, size, workers))
    if error is not None:
        raise ExtractError(_not_in(path, encoding, error))


#: Encodings in which a newline byte (0x0A) is only ever a newline, so that a file can be cut there.
SPLITTABLE = frozenset({"gb18030", "gbk", "gb2312", "big5", "big5hkscs"})
#: From this size on, a file in one of them is transcoded in parts, one per core (at most MOST_PARTS).
SPLIT_FROM_BYTES = 64 << 20
MOST_PARTS = 8


def _cuts(path: Path, size: int, parts: int) -> list[int]:
    """Where the parts start and the last ends: just after a newline near each ``size / parts``."""
    cuts = [0]
    with path.open("rb") as handle:
        for index in range(1, parts):
            handle.seek(max(size * index // parts, cuts[-1]))
            window = handle.read(1 << 20)
            newline = window.find(b"\n")
            if newline >= 0:
                cuts.append(handle.tell() - len(window) + newline + 1)
    cuts.append(size)
    return sorted(set(cuts))


def _transcode_parts(path: Path, target: Path, encoding: str, cuts: list[int]) -> int | None:
    """Transcode the parts between ``cuts`` side by side, then join them in ``target``; the position of the
    first byte not in ``encoding``, if any."""
    from concurrent.futures import ProcessPoolExecutor

    parts = [target] + [target.with_name(f"{target.name}.{index}") for index in range(1, len(cuts) - 1)]
    ranges = list(itertools.pairwise(cuts))
    try:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=len(ranges), mp_context=context) as pool:
            errors = list(
                pool.map(
                    _transcode_range,
                    [path] * len(ranges),
                    parts,
                    [encoding] * len(ranges),
                    [start for start, _ in ranges],
                    [end for _, end in ranges],
                )
            )
        first = next((error for error in errors if error is not None), None)
        if first is None:
            with target.open("ab") as out:
                for part in parts[1:]:
                    with part.open("rb") as source:
                        shutil.copyfileobj(source, out, BLOCK_BYTES)
        return first
    finally:
        for part in parts[1:]:
            part.unlink(missing_ok=True)


def _transcode_range(path: Path, target: Path, encoding: str, start: int, end: int) -> int | None:
    """Copy the bytes ``start`` to ``end`` of ``path`` to ``target`` in UTF-8; the position of the first byte
    that is not in ``encoding``, if any (then ``target`` is left incomplete)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as source, target.open("wb") as out:
        source.seek(start)
        offset = start
        while True:
            block = source.read(min(BLOCK_BYTES, end - offset))
            try:
                text = decoder.decode(block, final=not block)
            except UnicodeDecodeError as error:
                return offset + error.start
            if text:
                out.write(text.encode("utf-8"))
            if not block:
                return None
            offset += len(block)


def _not_in(path: Path, encoding: str, position: int) -> str:
    """Where a file stops being in ``encoding``: its line, counted from the start."""
    with path.open("rb") as handle:
        line = handle.read(position).count(b"\n") + 1
    return f"{path.name}: line {line} is not {encoding}: pass the file's encoding with --encoding"


def _header(text: str, path: Path) -> tuple[list[str], str]:
    """The header row's column names and the delimiter (the one the header uses most)."""
    first = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first.count)
    try:
        row = next(csv.reader(io.StringIO(text), delimiter=delimiter, quotechar='"'), [])
    except csv.Error as error:
        raise ExtractError(f"{path.name}: the header row cannot be read: {error}") from None
    names = [name.strip() for name in row]
    if not any(names):
        raise ExtractError(f"{path.name}: the first row is empty: the extract needs a header row of column names")
    return _unique(names, path), delimiter


def _unique(names: list[str], path: Path) -> list[str]:
    seen: set[str] = set()
    for index, name in enumerate(names, 1):
        if not name:
            raise ExtractError(f"{path.name}: column {index} of the header has no name")
        if name in seen:
            raise ExtractError(f"{path.name}: the header names column '{name}' twice")
        seen.add(name)
    return names


def _parquet(path: Path) -> Extract:
    import duckdb

    try:
        described = duckdb.connect().execute(f"DESCRIBE SELECT * FROM read_parquet({sql_text(str(path))})").fetchall()
    except duckdb.Error as error:
        raise ExtractError(f"{path.name} cannot be read as Parquet: {_first_line(error)}") from None
    return Extract(path, "parquet", "parquet", [str(row[0]) for row in described], path)


def _spreadsheet(path: Path, workdir: Path, sheet: str | None) -> Extract:
    """The sheet written to a temporary UTF-8 CSV file as python-calamine reads it."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if sheet is not None and sheet not in names:
            raise ExtractError(f"{path.name} has no sheet '{sheet}' (crm.sheet in playbook.yaml); its sheets: {names}")
        if not names:
            raise ExtractError(f"{path.name} has no sheet")
        rows = workbook.get_sheet_by_name(sheet or names[0]).iter_rows()
        target = workdir / "extract-sheet.csv"
        header = _write_rows(rows, target, path)
    except CalamineError as error:
        raise ExtractError(f"{path.name} cannot be read as a spreadsheet: {_first_line(error)}") from None
    return Extract(path, "xlsx", "xlsx", header, target, ",", [target])


def _write_rows(rows: Iterator[list[Any]], target: Path, path: Path) -> list[str]:
    header: list[str] | None = None
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for number, row in enumerate(rows, 1):
            cells = [_cell_text(value) for value in row]
            if header is None:
                if not any(cells):
                    continue
                while cells and not cells[-1]:
                    cells.pop()
                header = _unique([cell.strip() for cell in cells], path)
                writer.writerow(header)
                continue
            cells = (cells + [""] * len(header))[: max(len(header), len(cells))]
            if any(cells[len(header) :]):
                raise ExtractError(f"{path.name}: row {number} has values beyond the header's {len(header)} columns")
            writer.writerow(cells[: len(header)])
    if header is None:
        raise ExtractError(f"{path.name} is empty: export the customers again, with a header row")
    return header


_WHOLE = re.compile(r"^-?\d+\.0$")


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as text: whole numbers without '.0' (ids often come as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if _WHOLE.match(text) else text
    return str(value)


def _first_line(error: BaseException) -> str:
    return str(error).strip().split("\n", 1)[0]
