"""playbook coverage [--base GIT-REF]: the coverage matrix, or what a change does to it."""

from __future__ import annotations

import argparse
import sys

from playbook.commands.options import add_as_of, require_repository
from playbook.errors import PlaybookError

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
            " Regions with regions below them are rolled up; --region opens one."
        ),
    )
    parser.add_argument("--base", metavar="GIT-REF", help="compare with the data at this revision")
    parser.add_argument("--format", choices=FORMAT_NAMES, default="text", help="output format (default: text)")
    parser.add_argument(
        "--region",
        metavar="REGION",
        help="open a region: its provinces or cities as the columns (example: --region northwest)",
    )
    add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    from playbook.collector import no_garbage_collection

    with no_garbage_collection():  # both revisions' models live until the report is written
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from playbook import coverage, coverage_diff, coverage_diff_report, gitsource, policy, repository
    from playbook.coverage_report import FORMATS
    from playbook.regions import region_tree
    from playbook.validation import validate_loaded

    require_repository(args.root)
    if args.region is not None and args.base is not None:
        raise PlaybookError("--region opens a region of the matrix and does not combine with --base")
    # The base's files that differ from the working tree are read with the working tree, by the same workers.
    if args.base:
        revision, head_loaded = gitsource.read_with_working_tree(args.root, args.base)
    else:
        revision, head_loaded = None, repository.load(args.root)
    head_coverage = coverage.compute(head_loaded.playbook)
    if revision is None:
        if args.region is not None:
            if not region_tree(head_loaded.playbook).known(args.region):
                raise PlaybookError(f"--region: '{args.region}' is not a region of the taxonomy")
            head_coverage = coverage.focus(head_coverage, args.region)
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
