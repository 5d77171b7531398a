"""playbook reparent REGION PARENT|--top: a region put under another one (big region, province, city), or on top."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from playbook.commands import carry_out
from playbook.errors import PlaybookError

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "reparent",
        parents=[common],
        help="put a region under another region (a province under its big region)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Set the parent of a region in data/taxonomy.yaml. A parent that lies in the region itself (a cycle)\n"
            "is refused. Teams that cover the parent cover the region from then on; the change is checked before\n"
            "anything is written: nothing is written when it adds errors (unless --force). With --top the region\n"
            "lies in none: its parent line is taken out.\n\n"
            "example:\n"
            "  playbook reparent hk-macao south --dry-run\n"
            "  playbook reparent hk-macao --top"
        ),
    )
    parser.add_argument("region", metavar="REGION", help="the region that moves")
    parser.add_argument("parent", nargs="?", metavar="PARENT", help="the region it lies in from now on")
    parser.add_argument("--top", action="store_true", help="the region lies in none from now on (a top-level region)")
    carry_out.add_options(parser)


def planner(args: argparse.Namespace) -> carry_out.MakePlan:
    from playbook.edit import terms

    if (args.parent is None) == (not args.top):
        raise PlaybookError("name the PARENT the region lies in, or --top for none (see 'playbook reparent --help')")

    def make_plan(before: Before, today: date) -> Plan:
        return terms.reparent(before, args.region, args.parent)

    return make_plan


def run(args: argparse.Namespace) -> int:
    return carry_out.run(args, planner(args))
