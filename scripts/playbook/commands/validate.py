"""playbook validate [PATH ...]: shape checks of every file and every cross-file rule."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from playbook.cache import RunCache
from playbook.collector import no_garbage_collection
from playbook.commands.options import add_as_of, require_repository
from playbook.errors import PlaybookError
from playbook.findings import Finding, count_errors, narrowed
from playbook.reporters import REPORTERS, Summary


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate",
        parents=[common],
        help="check every data file and every coverage rule",
        description=(
            "Check every data file against its schema and every cross-file rule. PATHs (as "
            "pre-commit passes them) narrow what is reported, never what is loaded."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report only findings in these files or folders")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check everything afresh, ignoring the cache in .playbook-cache/ (also: PLAYBOOK_CACHE=0)",
    )
    parser.add_argument(
        "--jobs", type=int, default=None, metavar="N", help="processes to read files with (default: one per core)"
    )
    add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    require_repository(root)
    paths = [_relative(root, path) for path in args.paths]
    with no_garbage_collection():
        findings, files = _findings(root, args.today or date.today(), args.no_cache, args.jobs)
    shown = narrowed(findings, paths)
    errors = count_errors(shown)
    all_errors = count_errors(findings)
    summary = Summary(files=files, errors=errors, warnings=len(shown) - errors, errors_elsewhere=all_errors - errors)
    reporter = REPORTERS[args.format]
    sys.stdout.write(reporter.findings(shown, summary))
    sys.stderr.write(reporter.summary(summary))
    return 1 if all_errors else 0


def _findings(root: Path, as_of: date, no_cache: bool, jobs: int | None) -> tuple[list[Finding], int]:
    """Every finding over the repository and how many files were checked: from the cache when it can."""
    cache = None if no_cache else RunCache(root, as_of)
    cached = cache.lookup() if cache is not None else None
    if cached is not None:
        return cached.findings, cached.files
    digests = cache.digests() if cache is not None else None
    if cache is not None and cache.secret is not None and digests is not None:
        from playbook import incremental

        findings = incremental.validate(root, as_of, digests, cache.secret, cache.version, jobs=jobs)
        cache.store(findings, len(digests))
        return findings, len(digests)
    from playbook.validation import validate

    validation = validate(root, as_of, jobs=jobs)
    return validation.findings, len(validation.files)


def _relative(root: Path, path: str) -> str:
    """A PATH argument as a root-relative path with forward slashes."""
    absolute = (Path.cwd() / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise PlaybookError(f"{path} is not inside the playbook repository {root}") from None
