"""playbook move ACCOUNT... --to TEAM: accounts change owner, the YAML written as a person would."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from playbook.commands import carry_out

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "move",
        parents=[common],
        help="move accounts to another owning team",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Give the accounts a new owning team, and optionally a new AR, SR, FR, region or tier. The change is\n"
            "checked before anything is written: nothing is written when it adds errors (unless --force).\n\n"
            "example:\n"
            "  playbook move donghai-gas jiuhe-logistics --to east-region --ar chen-hao --dry-run"
        ),
    )
    parser.add_argument("accounts", nargs="+", metavar="ACCOUNT", help="the ids of the accounts to move")
    parser.add_argument("--to", required=True, metavar="TEAM", help="the new owning team")
    for role, what in (("ar", "account"), ("sr", "solution"), ("fr", "fulfilment")):
        parser.add_argument(f"--{role}", metavar="PERSON", help=f"the {role.upper()} ({what} responsible) from now on")
    parser.add_argument("--region", metavar="REGION", help="the accounts' region from now on")
    parser.add_argument("--tier", metavar="TIER", help="the accounts' tier from now on")
    parser.add_argument("--approved-by", metavar="PERSON", help="record an approval of the move by this approver")
    parser.add_argument("--reason", metavar="TEXT", help="the approval's reason")
    carry_out.add_options(parser)


def run(args: argparse.Namespace) -> int:
    from playbook.edit import move

    wanted = move.Move(args.to, args.ar, args.sr, args.fr, args.region, args.tier, args.approved_by, args.reason)

    def make_plan(before: Before, today: date) -> Plan:
        return move.plan(before, args.accounts, wanted, today)

    return carry_out.run(args, make_plan)
