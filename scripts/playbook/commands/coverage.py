"""playbook coverage: the coverage matrix (industry or domain × region) and AR load."""

from __future__ import annotations

import argparse
import sys

from playbook import coverage, repository
from playbook.commands.options import require_repository
from playbook.coverage_report import FORMATS


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "coverage",
        parents=[common],
        help="show the coverage matrix: who owns which customers, gaps and overlaps",
        description="Show who owns the customers of each industry (or government domain) in each region.",
    )
    parser.add_argument("--format", choices=list(FORMATS), default="text", help="output format (default: text)")


def run(args: argparse.Namespace) -> int:
    require_repository(args.root)
    playbook = repository.load(args.root).playbook
    sys.stdout.write(FORMATS[args.format](coverage.compute(playbook)))
    return 0
