"""The bench of `playbook assign`: CRM extracts of 1,000,000 and 10,000,000 rows against the
10,000-account scale model, with the playbook's validation cache warm.

    python benchmarks/bench_assign.py [--rows 1000000 10000000] [--repeat 3]

runs on its own and writes its figures under "assign" in benchmarks/results.json; `make
bench` runs it after the other measurements (`bench.py --assign-rows ...`). The extracts are
written by crm_extract.py into benchmarks/out/ (git-ignored) and kept while the generator
and the playbook are unchanged.

For each number of rows R:
- `assign_s`: `playbook assign EXTRACT.csv` (UTF-8), the whole process as a user runs it,
  the summary to stdout; `assign_peak_rss_bytes` its peak memory (the process tree, sampled);
- `scan_s`: DuckDB's own bare scan of the same file in one process, `SELECT count(*) FROM
  read_csv(...)`, the query alone; `assign_vs_scan` is `assign_s / scan_s`;
- `scan_every_cell_s`: the same with every cell of every column read as text (`count(COLUMNS(*))`,
  `all_varchar`), the least any assignment of the rows reads; `scan_every_cell_vs_scan` its ratio
  to `scan_s`;
- `load_playbook_s`: loading the playbook's rule tables alone (the validation cache warm), in
  a fresh process, the call alone;
- `assign_gb18030_s` and `assign_parquet_s`: the same extract in GB18030 (as Chinese Excel
  saves it) and as Parquet; `assign_out_parquet_s`: with `--out rows.parquet`, every row written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402
import crm_extract  # noqa: E402

ACCOUNTS = 10_000
DEFAULT_ROWS = (1_000_000, 10_000_000)
#: Targets: assign_s against the bare scan, and peak memory, by rows.
RATIO_TARGETS = {1_000_000: 3.0, 10_000_000: 2.0}
MEMORY_TARGETS = {1_000_000: 1 << 30, 10_000_000: 4 << 30}
SCAN = """
import sys, time, duckdb
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")
started = time.perf_counter()
count = connection.execute(sys.argv[2].format(sys.argv[1])).fetchone()[0]
print(time.perf_counter() - started, count)
"""
#: The bare scan, and every cell of every column read as text (what any assignment reads at least).
BARE = "SELECT count(*) FROM read_csv('{}')"
EVERY_CELL = "SELECT count(COLUMNS(*)) FROM read_csv('{}', all_varchar = true)"
LOAD = """
import sys, time
from datetime import date
from pathlib import Path
started = time.perf_counter()
from playbook.assign.loading import rule_tables
tables = rule_tables(Path(sys.argv[1]), date.today())
print(time.perf_counter() - started, len(tables.named))
"""


def extracts(root: Path, out: Path, rows: int) -> tuple[dict[str, Path], float | None]:
    """The extract of ``rows`` rows in UTF-8, GB18030 and Parquet; written when missing or stale."""
    key = hashlib.sha256((HERE / "crm_extract.py").read_bytes() + bench.fingerprint(ACCOUNTS).encode()).hexdigest()
    stem = out / f"crm-n{ACCOUNTS}-r{rows}"
    files = {
        "csv": stem.with_suffix(".csv"),
        "gb18030": Path(f"{stem}-gb18030.csv"),
        "parquet": stem.with_suffix(".parquet"),
    }
    stamp = Path(f"{stem}.key")
    if stamp.exists() and stamp.read_text() == key and all(path.exists() for path in files.values()):
        return files, None
    bench.log(f"  writing the CRM extract of {rows:,} rows")
    seconds = crm_extract.write_extract(crm_extract.playbook_facts(root), rows, files["csv"])
    crm_extract.to_gb18030(files["csv"], files["gb18030"])
    crm_extract.to_parquet(files["csv"], files["parquet"])
    stamp.write_text(key)
    return files, seconds


def assign_command(root: Path, extract: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "playbook", "--root", str(root), "assign", str(extract), *more]


def timed(command: list[str], runs: int) -> bench.Measured:
    measured = bench.best(runs, lambda: bench.measure(command, env={**os.environ, "PLAYBOOK_CACHE": "1"}))
    if measured.returncode not in (0, 1) or "Traceback" in measured.output:
        raise RuntimeError(f"{' '.join(command)} failed: {measured.output[-2000:]}")
    return measured


def measure_rows(root: Path, out: Path, rows: int, runs: int) -> dict[str, Any]:
    files, generated = extracts(root, out, rows)
    repeat = runs if rows <= 1_000_000 else 1
    bench.log(f"  assign over {rows:,} rows")
    timed(assign_command(root, files["csv"]), 1)  # warms the page cache and the playbook's caches
    figures: dict[str, Any] = {"rows": rows, "extract_bytes": files["csv"].stat().st_size, "generated_in_s": generated}
    assign = timed(assign_command(root, files["csv"]), repeat)
    figures["assign_s"] = assign.seconds
    figures["assign_peak_rss_bytes"] = assign.peak_tree_rss_bytes
    scans = [bench.measure([sys.executable, "-c", SCAN, str(files["csv"]), BARE]) for _ in range(max(repeat, 2))]
    figures["scan_s"] = min(float(scan.output.split()[-2]) for scan in scans)
    figures["scan_process_s"] = min(scan.seconds for scan in scans)
    figures["assign_vs_scan"] = figures["assign_s"] / figures["scan_s"]
    cells = [bench.measure([sys.executable, "-c", SCAN, str(files["csv"]), EVERY_CELL]) for _ in range(max(repeat, 2))]
    figures["scan_every_cell_s"] = min(float(scan.output.split()[-2]) for scan in cells)
    figures["scan_every_cell_vs_scan"] = figures["scan_every_cell_s"] / figures["scan_s"]
    loads = [bench.measure([sys.executable, "-c", LOAD, str(root)]) for _ in range(3)]
    figures["load_playbook_s"] = min(float(load.output.split()[-2]) for load in loads)
    figures["load_playbook_process_s"] = min(load.seconds for load in loads)
    figures["assign_gb18030_s"] = timed(assign_command(root, files["gb18030"]), 1).seconds
    figures["assign_parquet_s"] = timed(assign_command(root, files["parquet"]), repeat).seconds
    target = out / f"rows-r{rows}.parquet"
    figures["assign_out_parquet_s"] = timed(assign_command(root, files["csv"], "--out", str(target)), 1).seconds
    target.unlink(missing_ok=True)
    return figures


def verdicts(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    judged = []
    for entry in figures:
        rows = entry["rows"]
        if rows in RATIO_TARGETS:
            holds = entry["assign_vs_scan"] <= RATIO_TARGETS[rows]
            judged.append(
                {
                    "target": f"assign_s ≤ {RATIO_TARGETS[rows]:g} × scan_s at {rows:,} rows",
                    "holds": holds,
                    "detail": f"{entry['assign_vs_scan']:.2f} × ({entry['assign_s']:.2f} s against "
                    f"{entry['scan_s']:.2f} s)",
                }
            )
        if rows in MEMORY_TARGETS:
            peak = entry["assign_peak_rss_bytes"]
            judged.append(
                {
                    "target": f"peak memory ≤ {MEMORY_TARGETS[rows] >> 30} GiB at {rows:,} rows",
                    "holds": peak <= MEMORY_TARGETS[rows],
                    "detail": f"{peak / (1 << 30):.2f} GiB",
                }
            )
    return judged


def run(out: Path, rows: list[int], runs: int) -> dict[str, Any]:
    """Every measurement for every number of rows, against the scale model of 10,000 accounts."""
    root, _ = bench.repository(ACCOUNTS, out)
    started = time.perf_counter()
    figures = [measure_rows(root, out, count, runs) for count in rows]
    bench.log(f"assign: measured in {time.perf_counter() - started:.0f} s")
    return {
        "accounts": ACCOUNTS,
        "by_rows": figures,
        "targets": verdicts(figures),
        "machine": bench.machine(),
        "load_average": os.getloadavg(),
    }


def record(results: Path, measured: dict[str, Any]) -> None:
    """Put the figures under "assign" in the results file, leaving everything else in it."""
    document = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    document["assign"] = measured
    results.write_text(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def report(measured: dict[str, Any]) -> str:
    lines = ["", "playbook assign, 10,000 accounts:"]
    for entry in measured["by_rows"]:
        lines.append(
            f"  {entry['rows']:>12,} rows: assign {entry['assign_s']:.2f} s, scan {entry['scan_s']:.2f} s "
            f"({entry['assign_vs_scan']:.2f} ×), every cell {entry['scan_every_cell_s']:.2f} s "
            f"({entry['scan_every_cell_vs_scan']:.2f} ×), playbook {entry['load_playbook_s']:.3f} s, "
            f"GB18030 {entry['assign_gb18030_s']:.2f} s, Parquet {entry['assign_parquet_s']:.2f} s, "
            f"--out Parquet {entry['assign_out_parquet_s']:.2f} s, "
            f"peak {entry['assign_peak_rss_bytes'] / 2**20:.0f} MiB"
        )
    for target in measured["targets"]:
        lines.append(f"  {'✓' if target['holds'] else '✗'} {target['target']}: {target['detail']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark playbook assign on generated CRM extracts.")
    parser.add_argument("--rows", nargs="+", type=int, default=list(DEFAULT_ROWS), help="rows of each extract")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement, the fastest counting")
    parser.add_argument("--out", type=Path, default=bench.OUT, help="where repositories and extracts are kept")
    parser.add_argument("--results", type=Path, default=bench.RESULTS, help="the JSON file to add the figures to")
    args = parser.parse_args(argv)
    bench.compile_package()
    args.out.mkdir(parents=True, exist_ok=True)
    measured = run(args.out.resolve(), args.rows, args.repeat)
    record(args.results, measured)
    sys.stdout.write(report(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
