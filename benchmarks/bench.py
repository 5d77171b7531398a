"""Measure validation and the site build on generated playbooks of N accounts.

    python benchmarks/bench.py [N ...]          (make bench; make bench N="1000 10000")

For each N, generates the scale model (benchmarks/generate.py) into benchmarks/out/n<N>/,
or reuses it when the generator has not changed since, then measures:

  floor_parse_s             one Python process parsing every data file with yaml.CSafeLoader
  check_jsonschema_s        check-jsonschema over every account.yaml with schemas/account.schema.json
  validate_cold_s           `python -m playbook validate`, no cache (.playbook-cache/ deleted, cache off)
  validate_first_cached_s   the same with the cache on and empty: the first run that fills it
  validate_warm_s           the same again, nothing changed
  validate_one_change_s     after one value in one account file changed (a title is reworded)
  validate_peak_rss_bytes   the cold run's peak resident memory, summed over its processes
  load_s, rules_s           reading and shape checks; the cross-file rules alone (in one process,
                            the fastest of three runs over the same models)
  generate_pages_s          the model to the site's Markdown (site_pages)
  stage_s                   writing the staging folder (docs copy, pages, config)
  engine_build_s            the MkDocs build of the staged pages
  search_index_s            adding names, aliases and their Chinese suffixes to MkDocs' search index
  search_index_growth       how many times larger that makes the index
  zensical_build_s          the Zensical build of the same pages, when the engine offers it
  largest_page_bytes ...    sizes in the built site

prints a table and whether each target of the issue holds, and writes benchmarks/results.json.
A missed target is reported, never an error: the exit code is 0 unless the bench itself could
not run.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import hashlib
import importlib.util
import inspect
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

import bench_reorg

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
OUT = HERE / "out"
RESULTS = HERE / "results.json"
AS_OF = "2026-11-23"
CACHE_DIR = ".playbook-cache"
DEFAULT_NS = (1000, 10000)
GIB = 1024**3
MB = 1_000_000

#: One Python process that reads and parses every data file of a repository with libyaml,
#: and nothing else: the floor that validation is compared with.
FLOOR = """
import os, sys, yaml
root = sys.argv[1]
paths = []
for folder, _, names in os.walk(os.path.join(root, "data")):
    paths += [os.path.join(folder, name) for name in names if not name.startswith(".")]
if os.path.isfile(os.path.join(root, "playbook.yaml")):
    paths.append(os.path.join(root, "playbook.yaml"))
for path in sorted(paths):
    with open(path, "rb") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
print(len(paths))
"""


def log(message: str) -> None:
    sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


# ---------------------------------------------------------------------------------------------
# Processes: wall time and peak memory of one child.


@dataclass
class Measured:
    seconds: float
    #: The largest resident memory of any one process of the run (the child or a descendant it waited for).
    peak_rss_bytes: int
    #: The largest sum of the resident memory of the child and all its descendants, sampled as it ran.
    peak_tree_rss_bytes: int
    returncode: int
    output: str


PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.02


def process_rss(pid: int) -> int:
    """The resident memory of one process, from /proc (0 when it is gone)."""
    try:
        return int((Path("/proc") / str(pid) / "statm").read_text(encoding="ascii").split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def tree_rss(pid: int) -> int:
    """The resident memory of a process and all its descendants, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        total += process_rss(current)
        try:
            for task in (Path("/proc") / str(current) / "task").iterdir():
                pending += [int(child) for child in (task / "children").read_text(encoding="ascii").split()]
        except (OSError, ValueError):
            continue
    return total


def measure(command: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Measured:
    """Run ``command``; return its wall time, its peak memory and the tail of its output.

    The child is reaped with os.wait4, whose resource usage is that child's own (and its
    waited-for descendants'), so each measurement is independent of the others. Since a run
    may fan out to worker processes, a thread also samples the resident memory of the whole
    process tree every SAMPLE_SECONDS while it runs.
    """
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        done = threading.Event()
        peak = [0]

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    single = usage.ru_maxrss * 1024
    return Measured(seconds, single, max(single, peak[0]), process.returncode, text[-4000:])


def best(runs: int, run: Callable[[], Measured], budget: float = 60.0) -> Measured:
    """The fastest of up to ``runs`` calls of ``run``; no more are started once ``budget`` seconds are spent."""
    results = [run()]
    while len(results) < runs and sum(result.seconds for result in results) < budget:
        results.append(run())
    return min(results, key=lambda measured: measured.seconds)


# ---------------------------------------------------------------------------------------------
# The repositories.


def load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("benchmark_generate", HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def fingerprint(n: int) -> str:
    """What a generated repository depends on: N, the generator and the sample files it copies."""
    digest = hashlib.sha256(f"n={n}\n".encode())
    sources = [HERE / "generate.py", PROJECT / "mkdocs.yml", PROJECT / "playbook.yaml"]
    for folder in ("docs", "schemas"):
        sources += sorted(path for path in (PROJECT / folder).rglob("*") if path.is_file())
    sources += [PROJECT / "data" / "taxonomy.yaml", PROJECT / "data" / "tiers.yaml"]
    sources += sorted((PROJECT / "data" / "teams").glob("*.yaml"))
    for path in sources:
        digest.update(path.relative_to(PROJECT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def repository(n: int, out: Path) -> tuple[Path, float | None]:
    """The generated repository for ``n``: reused when its fingerprint matches, else written anew."""
    root = out / f"n{n}"
    stamp = out / f"n{n}.stamp"
    wanted = fingerprint(n)
    if root.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == wanted:
        log(f"N={n}: reusing {root.relative_to(PROJECT) if root.is_relative_to(PROJECT) else root}")
        return root, None
    if root.exists():
        shutil.rmtree(root)
    stamp.unlink(missing_ok=True)
    log(f"N={n}: generating {root}")
    generated = load_generator().generate(n, root)
    stamp.write_text(wanted + "\n", encoding="utf-8")
    log(f"N={n}: {generated.n_files} data files, {generated.n_bytes / MB:.1f} MB in {generated.seconds:.1f} s")
    return root, float(generated.seconds)


def account_files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in (root / "data" / "accounts").glob("*/account.yaml"))


def data_file_count(root: Path) -> int:
    count = sum(1 for path in (root / "data").rglob("*") if path.is_file() and not path.name.startswith("."))
    return count + (1 if (root / "playbook.yaml").is_file() else 0)


# ---------------------------------------------------------------------------------------------
# The measurements.


def validate_command(root: Path, no_cache: bool) -> list[str]:
    command = [sys.executable, "-m", "playbook", "validate", "--root", str(root), "--today", AS_OF]
    return [*command, "--no-cache"] if no_cache else command


def validate_supports_no_cache() -> bool:
    helped = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", "--help"], capture_output=True, text=True, check=False
    )
    return "--no-cache" in helped.stdout


def environment(cache: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PLAYBOOK_CACHE", None)
    if not cache:
        env["PLAYBOOK_CACHE"] = "0"
    return env


def check_validated(name: str, measured: Measured) -> None:
    if measured.returncode != 0:
        log(f"{name}: playbook validate exited {measured.returncode}:\n{measured.output[-2000:]}")


def measure_validate(root: Path, runs: int, notes: list[str]) -> dict[str, Any]:
    """Cold, first-with-cache, warm and one-change runs of `playbook validate` as whole processes."""
    metrics: dict[str, Any] = {}
    no_cache_flag = validate_supports_no_cache()
    cache = root / CACHE_DIR
    cached = validate_command(root, False)

    def cold() -> Measured:
        shutil.rmtree(cache, ignore_errors=True)
        return measure(validate_command(root, no_cache_flag), env=environment(cache=False))

    measured = best(runs, cold)
    check_validated("cold", measured)
    metrics["validate_cold_s"] = measured.seconds
    metrics["validate_peak_rss_bytes"] = measured.peak_tree_rss_bytes
    metrics["validate_peak_rss_one_process_bytes"] = measured.peak_rss_bytes
    metrics["validate_exit_code"] = measured.returncode
    log(f"  validate cold {measured.seconds:.2f} s, {measured.peak_tree_rss_bytes / MB:.0f} MB")

    shutil.rmtree(cache, ignore_errors=True)
    first = measure(cached, env=environment(cache=True))
    check_validated("first with cache", first)
    metrics["validate_first_cached_s"] = first.seconds
    warm = best(runs, lambda: measure(cached, env=environment(cache=True)))
    check_validated("warm", warm)
    metrics["validate_warm_s"] = warm.seconds
    metrics["validate_warm_peak_rss_bytes"] = warm.peak_tree_rss_bytes
    log(f"  validate first with cache {first.seconds:.2f} s, warm {warm.seconds:.2f} s")
    if not cache.exists():
        notes.append("playbook validate wrote no .playbook-cache/: warm and one-change runs are uncached")

    accounts = account_files(root)
    changed = root / accounts[len(accounts) // 2]
    original = changed.read_bytes()
    attempts = [0]

    def one_change() -> Measured:
        attempts[0] += 1
        changed.write_bytes(edited(original, attempts[0]))
        try:
            return measure(cached, env=environment(cache=True))
        finally:
            changed.write_bytes(original)
            measure(cached, env=environment(cache=True))  # back to the warm state

    try:
        one = best(runs, one_change)
    finally:
        changed.write_bytes(original)
    check_validated("one change", one)
    metrics["validate_one_change_s"] = one.seconds
    log(f"  validate one change {one.seconds:.2f} s")
    return metrics


def edited(text: bytes, attempt: int) -> bytes:
    """An account file with one value changed: its first title reworded (a comment added if it has none)."""
    lines = text.split(b"\n")
    for index, line in enumerate(lines):
        if line.lstrip().startswith(b"title: "):
            body, quote = (line[:-1], line[-1:]) if line.endswith((b'"', b"'")) else (line, b"")
            lines[index] = body + f" (revised {attempt})".encode() + quote
            return b"\n".join(lines)
    return text + f"# bench: one change ({attempt})\n".encode()


def measure_floor(root: Path, runs: int) -> dict[str, Any]:
    command = [sys.executable, "-c", FLOOR, str(root)]
    measure(command)  # warm the page cache
    floor = best(max(3, runs), lambda: measure(command))
    if floor.returncode != 0:
        raise RuntimeError(f"the floor parse failed:\n{floor.output}")
    log(f"  floor parse {floor.seconds:.2f} s")
    return {"floor_parse_s": floor.seconds, "floor_peak_rss_bytes": floor.peak_tree_rss_bytes}


def chunks(paths: Sequence[str], fixed: int) -> Iterator[list[str]]:
    """Groups of paths whose command lines stay well within the system's argument limit."""
    try:
        limit = int(os.sysconf("SC_ARG_MAX")) // 4
    except (ValueError, OSError):
        limit = 128 * 1024
    group: list[str] = []
    size = fixed
    for path in paths:
        if group and size + len(path) + 1 > limit:
            yield group
            group, size = [], fixed
        group.append(path)
        size += len(path) + 1
    if group:
        yield group


def check_jsonschema_executable() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    return str(beside) if beside.is_file() else shutil.which("check-jsonschema")


def measure_check_jsonschema(root: Path, notes: list[str]) -> dict[str, Any]:
    executable = check_jsonschema_executable()
    if executable is None:
        notes.append("check-jsonschema is not installed: check_jsonschema_s is null")
        return {"check_jsonschema_s": None}
    command = [executable, "--schemafile", "schemas/account.schema.json"]
    total, failed, invocations = 0.0, 0, 0
    for group in chunks(account_files(root), sum(len(part) + 1 for part in command)):
        measured = measure([*command, *group], cwd=root)
        total += measured.seconds
        invocations += 1
        if measured.returncode != 0:
            failed += 1
            log(f"  check-jsonschema exited {measured.returncode}:\n{measured.output[-1500:]}")
    log(f"  check-jsonschema {total:.2f} s in {invocations} run(s)")
    if failed:
        notes.append(f"check-jsonschema reported failures in {failed} of {invocations} runs")
    return {"check_jsonschema_s": total, "check_jsonschema_runs": invocations}


def measure_in_process(root: Path, work: Path, skip_site: bool) -> dict[str, Any]:
    """Rules, pages and engine builds, measured inside one fresh Python process (see stage_main)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--in-process", str(root), str(work)]
    if skip_site:
        command.append("--skip-site")
    measured = measure(command)
    if measured.returncode != 0:
        raise RuntimeError(f"the in-process measurements failed:\n{measured.output}")
    last = measured.output.strip().splitlines()[-1]
    result: dict[str, Any] = json.loads(last)
    result["inprocess_peak_rss_bytes"] = measured.peak_tree_rss_bytes
    return result


def site_sizes(site: Path) -> dict[str, Any]:
    """Sizes in a built site: the largest page, the search index, the coverage matrix, the index pages."""
    pages = [path for path in site.rglob("*.html") if path.is_file()]
    largest = max(pages, key=lambda path: path.stat().st_size)
    index = site / "search" / "search_index.json"
    indexes = [path for path in pages if path.name == "index.html"]
    largest_index = max(indexes, key=lambda path: path.stat().st_size) if indexes else None
    coverage = site / "coverage-matrix.html"
    return {
        "largest_page_bytes": largest.stat().st_size,
        "largest_page": largest.relative_to(site).as_posix(),
        "search_index_bytes": index.stat().st_size if index.is_file() else None,
        "coverage_matrix_bytes": coverage.stat().st_size if coverage.is_file() else None,
        "accounts_index_bytes": (site / "accounts" / "index.html").stat().st_size
        if (site / "accounts" / "index.html").is_file()
        else None,
        "largest_index_page_bytes": largest_index.stat().st_size if largest_index else None,
        "largest_index_page": largest_index.relative_to(site).as_posix() if largest_index else None,
        "site_pages": len(pages),
        "site_bytes": sum(path.stat().st_size for path in site.rglob("*") if path.is_file()),
    }


# ---------------------------------------------------------------------------------------------
# Inside the measuring process: load, rules, pages, staging, engines.


def zensical_builder(engine: Any) -> tuple[Callable[..., Any] | None, str]:
    """A function (config, build date) that builds a staged config with Zensical, if the engine module offers one."""
    if importlib.util.find_spec("zensical") is None:
        return None, "the zensical package is not installed"
    for name in ("build_zensical", "zensical_build"):
        function = getattr(engine, name, None)
        if callable(function):
            return function, f"playbook.site.engine.{name}"
    engines = getattr(engine, "ENGINES", None)
    if isinstance(engines, dict) and "zensical" in engines:
        chosen = engines["zensical"]
        if callable(chosen):
            return chosen, "playbook.site.engine.ENGINES['zensical']"
        if callable(getattr(chosen, "build", None)):
            return chosen.build, "playbook.site.engine.ENGINES['zensical'].build"
    parameters = inspect.signature(engine.build).parameters
    for name in ("engine", "name", "kind"):
        if name in parameters:
            return functools.partial(engine.build, **{name: "zensical"}), f"playbook.site.engine.build({name}=...)"
    return None, "playbook.site.engine offers no Zensical engine"


def stage_main(root: Path, work: Path, skip_site: bool) -> int:
    """Measure load, rules, pages, staging and the engine builds; print the figures as one JSON line."""
    from playbook import repository
    from playbook.collector import no_garbage_collection
    from playbook.rules import RULES, run_all
    from playbook.site import engine, staging
    from playbook.site.generate import site_pages
    from playbook.validation import validate_loaded

    as_of = date.fromisoformat(AS_OF)
    result: dict[str, Any] = {}
    started = time.perf_counter()
    loaded = repository.load(root)
    result["load_s"] = time.perf_counter() - started
    timings = []
    for _ in range(3):  # the fastest of three runs, each over a fresh playbook of the same models
        fresh = dataclasses.replace(loaded.playbook)
        started = time.perf_counter()
        findings = run_all(fresh, as_of)
        timings.append(time.perf_counter() - started)
    result["rules_s"] = min(timings)
    result["rule_findings"] = len(findings)
    per_rule = {}
    with no_garbage_collection():  # as run_all runs them
        for code, rule in RULES.items():
            started = time.perf_counter()
            rule.run(loaded.playbook, as_of)
            per_rule[code] = time.perf_counter() - started
    result["rules_slowest"] = dict(sorted(per_rule.items(), key=lambda item: -item[1])[:5])
    validation = validate_loaded(loaded, as_of)
    started = time.perf_counter()
    pages, language = site_pages(validation, "internal", as_of)
    result["generate_pages_s"] = time.perf_counter() - started
    result["generated_pages"] = len(pages)
    result["generated_markdown_bytes"] = sum(len(page.markdown.encode("utf-8")) for page in pages)
    if not skip_site:
        for folder in ("mkdocs", "zensical"):
            shutil.rmtree(work / folder, ignore_errors=True)
        started = time.perf_counter()
        config = staging.stage(root, work / "mkdocs", pages, language=language)
        result["stage_s"] = time.perf_counter() - started
        result.update(built("engine", lambda: engine.build(config, as_of), work / "mkdocs" / staging.STAGED_SITE))
        index_path = work / "mkdocs" / staging.STAGED_SITE / "search" / "search_index.json"
        if index_path.is_file():
            from playbook.search import index as search_index
            from playbook.search.entries import entries as search_entries

            before = index_path.stat().st_size
            started = time.perf_counter()
            found = search_entries(validation.playbook, "internal", language or "en")
            search_index.shape(work / "mkdocs" / staging.STAGED_SITE, "mkdocs", found)
            result["search_index_s"] = time.perf_counter() - started
            result["search_index_growth"] = index_path.stat().st_size / before
        builder, how = zensical_builder(engine)
        result["zensical_engine"] = how
        if builder is not None:
            zensical_config = staging.stage(root, work / "zensical", pages, language=language)
            site = work / "zensical" / staging.STAGED_SITE
            result.update(built("zensical", lambda: builder(zensical_config, as_of), site))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


def built(prefix: str, build: Callable[[], Any], site: Path) -> dict[str, Any]:
    """Time an engine build and sample the memory of the processes it starts.

    Returns ``<prefix>_build_s`` and ``<prefix>_peak_rss_bytes``, and ``<prefix>_site`` when the
    build worked, or ``<prefix>_error`` and ``<prefix>_failed_after_s`` when it failed: a failed
    build is reported, never raised.
    """
    done = threading.Event()
    peak = [0]
    own = os.getpid()

    def sample() -> None:
        while not done.wait(SAMPLE_SECONDS):
            peak[0] = max(peak[0], tree_rss(own) - process_rss(own))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    try:
        build()
    except Exception as error:  # the engines raise PlaybookError; anything else is reported the same way
        return {
            f"{prefix}_build_s": None,
            f"{prefix}_failed_after_s": time.perf_counter() - started,
            f"{prefix}_error": f"{type(error).__name__}: {error}"[:3000],
        }
    finally:
        done.set()
        sampler.join()
    return {
        f"{prefix}_build_s": time.perf_counter() - started,
        f"{prefix}_peak_rss_bytes": peak[0],
        f"{prefix}_site": str(site),
    }


# ---------------------------------------------------------------------------------------------
# One run per N, the targets, the report.


def run_one(
    n: int, out: Path, runs: int, skip_site: bool, skip_check_jsonschema: bool, keep_site: bool = False
) -> dict[str, Any]:
    notes: list[str] = []
    root, generated_in = repository(n, out)
    metrics: dict[str, Any] = {}
    metrics.update(measure_floor(root, runs))
    metrics.update(measure_validate(root, runs, notes))
    if skip_check_jsonschema:
        metrics["check_jsonschema_s"] = None
    else:
        metrics.update(measure_check_jsonschema(root, notes))
    log(f"  in-process: rules, pages{'' if skip_site else ', staging and the engine build'}")
    try:
        inside = measure_in_process(root, out / f"n{n}-site", skip_site)
    except RuntimeError as error:
        notes.append(str(error)[-3000:])
        inside = {"rules_s": None, "generate_pages_s": None}
    site = inside.get("engine_site")
    zensical_site = inside.get("zensical_site")
    how = inside.pop("zensical_engine", None)
    slowest = inside.pop("rules_slowest", {})
    for engine in ("engine", "zensical"):
        inside.pop(f"{engine}_site", None)
        failure = inside.pop(f"{engine}_error", None)
        if failure is not None:
            notes.append(f"{'MkDocs' if engine == 'engine' else 'Zensical'} build failed: {failure}")
    metrics.update(inside)
    metrics.update(bench_reorg.measure_reorg(root, out / f"n{n}-reorg", measure, log, runs))
    metrics.setdefault("engine_build_s", None)
    metrics.setdefault("zensical_build_s", None)
    unbuilt = metrics["zensical_build_s"] is None and "zensical_failed_after_s" not in metrics
    if not skip_site and how is not None and unbuilt:
        notes.append(f"zensical_build_s is null: {how}")
    if slowest:
        notes.append("slowest rules: " + ", ".join(f"{code} {seconds:.3f} s" for code, seconds in slowest.items()))
    if site is not None:
        sizes = site_sizes(Path(site))
        metrics.update({key: value for key, value in sizes.items() if key.endswith("_bytes") or key == "site_pages"})
        notes.append(f"largest page: {sizes['largest_page']}; largest index page: {sizes['largest_index_page']}")
    if zensical_site is not None and Path(zensical_site).is_dir():
        zensical = site_sizes(Path(zensical_site))
        metrics["zensical_largest_page_bytes"] = zensical["largest_page_bytes"]
    if not keep_site:
        shutil.rmtree(out / f"n{n}-site", ignore_errors=True)
    log(
        "  "
        + ", ".join(
            f"{name} {shown(name, metrics.get(name))}"
            for name in ("rules_s", "generate_pages_s", "engine_build_s", "zensical_build_s")
        )
    )
    return {
        "n_accounts": n,
        "n_files": data_file_count(root),
        "generated_in_s": generated_in,
        "metrics": dict(sorted(metrics.items())),
        "rules_slowest_s": slowest,
        "notes": notes,
    }


@dataclass(frozen=True)
class Verdict:
    target: str
    holds: bool | None
    detail: str


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def verdicts(runs: list[dict[str, Any]]) -> list[Verdict]:
    """Whether each target of the issue holds, with the figures it was judged on."""
    by_n = {run["n_accounts"]: run["metrics"] for run in runs}
    largest = max(by_n) if by_n else None
    at_10k = by_n.get(10000)
    judged: list[Verdict] = []

    def at_scale(target: str, check: Callable[[dict[str, Any]], tuple[bool | None, str]]) -> None:
        if at_10k is None:
            judged.append(Verdict(target, None, "needs a run at N = 10,000"))
        else:
            holds, detail = check(at_10k)
            judged.append(Verdict(target, holds, detail))

    def every_n(target: str, numerator: str, factor: float, denominator: str, at_least: bool) -> None:
        parts, results = [], []
        for n, metrics in sorted(by_n.items()):
            value = ratio(metrics.get(numerator), metrics.get(denominator))
            if value is None:
                parts.append(f"N={n}: n/a")
                continue
            results.append(value >= factor if at_least else value <= factor)
            parts.append(f"N={n}: {value:.3g}×")
        holds = all(results) if results else None
        judged.append(Verdict(target, holds, "; ".join(parts)))

    def scaling(target: str, metric: str) -> None:
        pairs = [(small, big) for small in by_n for big in by_n if big == 10 * small]
        if not pairs:
            judged.append(Verdict(target, None, "needs runs at N and 10 × N"))
            return
        parts, results = [], []
        for small, big in sorted(pairs):
            value = ratio(by_n[big].get(metric), by_n[small].get(metric))
            if value is None:
                parts.append(f"{big}/{small}: n/a")
                continue
            results.append(value <= 12)
            parts.append(f"N={big} / N={small}: {value:.3g}×")
        judged.append(Verdict(target, all(results) if results else None, "; ".join(parts)))

    def cold_vs_floor(metrics: dict[str, Any]) -> tuple[bool | None, str]:
        value = ratio(metrics.get("validate_cold_s"), metrics.get("floor_parse_s"))
        return (None, "n/a") if value is None else (value <= 1.5, f"{value:.3g}× the floor")

    def memory(metrics: dict[str, Any]) -> tuple[bool | None, str]:
        rss = metrics.get("validate_peak_rss_bytes")
        return (None, "n/a") if rss is None else (rss <= GIB, f"{rss / GIB:.2f} GiB")

    def pages_size(metrics: dict[str, Any]) -> tuple[bool | None, str]:
        coverage, index = metrics.get("coverage_matrix_bytes"), metrics.get("largest_index_page_bytes")
        if coverage is None or index is None:
            return None, "no built site"
        detail = f"coverage matrix {coverage / MB:.2f} MB, largest index page {index / MB:.2f} MB"
        return max(coverage, index) < 2 * MB, detail

    at_scale("validate_cold_s ≤ 1.5 × floor_parse_s at N = 10,000", cold_vs_floor)
    every_n("check_jsonschema_s ≥ 10 × validate_cold_s", "check_jsonschema_s", 10, "validate_cold_s", True)
    every_n("validate_warm_s ≤ 0.05 × validate_cold_s", "validate_warm_s", 0.05, "validate_cold_s", False)
    every_n("validate_one_change_s ≤ 0.10 × validate_cold_s", "validate_one_change_s", 0.10, "validate_cold_s", False)
    scaling("rules_s at 10 × N ≤ 12 × rules_s at N", "rules_s")
    at_scale("validate_peak_rss_bytes ≤ 1 GiB at N = 10,000", memory)
    every_n("generate_pages_s ≤ 0.10 × engine_build_s", "generate_pages_s", 0.10, "engine_build_s", False)
    scaling("engine_build_s at 10 × N ≤ 12 × engine_build_s at N", "engine_build_s")
    at_scale("coverage matrix and index pages < 2 MB of HTML at N = 10,000", pages_size)
    judged += [Verdict(*item) for item in bench_reorg.verdicts(at_10k)]
    if largest is not None and at_10k is None:
        judged.append(Verdict("(scale targets)", None, f"judged at N = 10,000 only; the largest run was {largest}"))
    return judged


def shown(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if name.endswith("_bytes"):
        return f"{value / MB:,.2f} MB" if value >= 100_000 else f"{value:,} B"
    if name.endswith("_s"):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


#: The metrics the issue asks for, in its order; the table lists them first and the others after.
PRIMARY = (
    "floor_parse_s",
    "check_jsonschema_s",
    "validate_cold_s",
    "validate_warm_s",
    "validate_one_change_s",
    "validate_peak_rss_bytes",
    "rules_s",
    "generate_pages_s",
    "engine_build_s",
    "zensical_build_s",
    "largest_page_bytes",
    "search_index_bytes",
    "coverage_matrix_bytes",
    "accounts_index_bytes",
    "largest_index_page_bytes",
)


def table(runs: list[dict[str, Any]]) -> str:
    present = {name for run in runs for name in run["metrics"]}
    names = [name for name in PRIMARY if name in present] + sorted(present - set(PRIMARY))
    header = ["metric", *(f"N={run['n_accounts']:,}" for run in runs)]
    rows = [["n_files", *(f"{run['n_files']:,}" for run in runs)]]
    rows += [[name, *(shown(name, run["metrics"].get(name)) for run in runs)] for name in names]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if column == 0 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)])


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for text in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for text in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if text.startswith("MemTotal:"):
                memory = int(text.split()[1]) * 1024
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu or platform.processor(),
        "memory_bytes": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def write_results(path: Path, runs: list[dict[str, Any]], judged: list[Verdict]) -> None:
    document = {
        "as_of": AS_OF,
        "machine": machine(),
        "runs": runs,
        "targets": [{"target": item.target, "holds": item.holds, "detail": item.detail} for item in judged],
    }
    path.write_text(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def report(runs: list[dict[str, Any]], judged: list[Verdict], stream: IO[str]) -> None:
    stream.write("\n" + table(runs) + "\n\nTargets:\n")
    for item in judged:
        mark = {True: "✓", False: "✗", None: "?"}[item.holds]
        stream.write(f"  {mark} {item.target}: {item.detail}\n")
    for run in runs:
        for note in run["notes"]:
            stream.write(f"  note (N={run['n_accounts']:,}): {note}\n")


def compile_package() -> None:
    """Compile the playbook's modules to bytecode first, as installing a package does.

    An editable install leaves them to be compiled on first import, and with
    PYTHONDONTWRITEBYTECODE set they would be compiled again in every measured process.
    """
    import compileall

    package = importlib.util.find_spec("playbook")
    if package is not None and package.submodule_search_locations:
        for folder in package.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark validation and the site build on generated playbooks.")
    parser.add_argument("n", nargs="*", type=int, metavar="N", help="numbers of accounts (default: 1000 10000)")
    parser.add_argument("--out", type=Path, default=OUT, help="where generated repositories are kept")
    parser.add_argument("--results", type=Path, default=RESULTS, help="the JSON file to write")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each process measurement, the fastest counting (fewer once one takes a minute; default 3)",
    )
    parser.add_argument("--skip-site", action="store_true", help="leave out staging and the engine builds")
    parser.add_argument("--skip-check-jsonschema", action="store_true", help="leave out check-jsonschema")
    parser.add_argument(
        "--keep-site", action="store_true", help="keep the staged and built sites in OUT/n<N>-site/ (GBs at 10,000)"
    )
    parser.add_argument("--assign-rows", nargs="*", type=int, default=[1_000_000, 10_000_000], metavar="ROWS")
    parser.add_argument("--in-process", nargs=2, type=Path, metavar=("ROOT", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.in_process:
        return stage_main(args.in_process[0].resolve(), args.in_process[1].resolve(), args.skip_site)
    ns = args.n or list(DEFAULT_NS)
    compile_package()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    runs = []
    for n in ns:
        started = time.perf_counter()
        runs.append(run_one(n, out, max(1, args.repeat), args.skip_site, args.skip_check_jsonschema, args.keep_site))
        log(f"N={n}: measured in {time.perf_counter() - started:.0f} s")
        judged = verdicts(runs)
        write_results(args.results, runs, judged)
    judged = verdicts(runs)
    report(runs, judged, sys.stdout)
    write_results(args.results, runs, judged)
    if args.assign_rows:  # playbook assign on CRM extracts: benchmarks/bench_assign.py
        import bench_assign

        bench_assign.record(args.results, assigned := bench_assign.run(out, args.assign_rows, max(1, args.repeat)))
        sys.stdout.write(bench_assign.report(assigned))
    sys.stdout.write(f"\nwrote {args.results}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
