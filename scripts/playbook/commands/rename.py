"""playbook rename KIND OLD NEW: a new id, changed everywhere it is referred to."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from playbook.commands import carry_out

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan

KINDS = ["team", "person", "region", "industry", "domain", "account"]


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rename",
        parents=[common],
        help="rename a team, person, region, industry, government domain or account everywhere",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Give an id a new name in every field that refers to it, rename the team file or the account folder,\n"
            "and regenerate .github/CODEOWNERS. Nothing is written when the change adds errors (unless --force).\n\n"
            "example:\n"
            "  playbook rename team banking-ka banking-key-accounts --dry-run"
        ),
    )
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=f"what is renamed: {', '.join(KINDS)}")
    parser.add_argument("old", metavar="OLD", help="the id now")
    parser.add_argument("new", metavar="NEW", help="the new id")
    carry_out.add_options(parser)


def planner(args: argparse.Namespace) -> carry_out.MakePlan:
    from playbook.edit import rename

    def make_plan(before: Before, today: date) -> Plan:
        return rename.plan(before, args.kind, args.old, args.new)

    return make_plan


def run(args: argparse.Namespace) -> int:
    return carry_out.run(args, planner(args))
