"""playbook coverage [--base GIT-REF]: the coverage matrix, or what a change does to it."""

from __future__ import annotations

import argparse
import sys

from playbook.commands.options import add_as_of, require_repository

#: The output formats (the keys of coverage_report.FORMATS and coverage_diff_report.FORMATS).
FORMAT_NAMES = ["text", "markdown", "json", "csv"]


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "coverage",
        parents=[common],
        help="show the coverage matrix, or what a change does to coverage",
        description=(
            "Show who owns the customers of each industry (or government domain) in each region. With --base, "
            "compare the data at that git revision with the working tree; exit 1 when the change introduces an error."
        ),
    )
    parser.add_argument("--base", metavar="GIT-REF", help="compare with the data at this revision")
    parser.add_argument("--format", choices=FORMAT_NAMES, default="text", help="output format (default: text)")
    add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    from playbook.collector import no_garbage_collection

    with no_garbage_collection():  # both revisions' models live until the report is written
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from playbook import coverage, coverage_diff, coverage_diff_report, gitsource, policy, repository
    from playbook.coverage_report import FORMATS
    from playbook.validation import validate_loaded

    require_repository(args.root)
    # The base's files that differ from the working tree are read first, while this process is small.
    revision = gitsource.read_at(args.root, args.base, against_working_tree=True) if args.base else None
    head_loaded = repository.load(args.root)
    head_coverage = coverage.compute(head_loaded.playbook)
    if revision is None:
        sys.stdout.write(FORMATS[args.format](head_coverage))
        return 0
    base_loaded = gitsource.load_revision(revision, head_loaded)
    base = validate_loaded(base_loaded, args.today)
    head = validate_loaded(head_loaded, args.today)
    diff = coverage_diff.compare(base, head, coverage.compute(base_loaded.playbook), head_coverage)
    diff.errors_introduced = sorted(
        diff.errors_introduced + policy.check(base.playbook, head.playbook, diff.team_renames)
    )
    sys.stdout.write(coverage_diff_report.FORMATS[args.format](diff, head_coverage))
    return 1 if diff.errors_introduced else 0
