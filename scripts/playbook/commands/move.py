"""playbook move ACCOUNT... --to TEAM, playbook move --person PERSON --to TEAM: the YAML written as a person would."""

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
        "move",
        parents=[common],
        help="move accounts to another owning team, or a person to another team",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Give the accounts a new owning team, and optionally a new AR, SR, FR, region or tier. The change is\n"
            "checked before anything is written: nothing is written when it adds errors (unless --force).\n\n"
            "With --person, one of our people moves to another team instead: their entry leaves one team file\n"
            "for the other, with its comments; their id stays. They report to the new team's lead (or lead it,\n"
            "with --lead); whoever reported to them reports to their former team's lead; a lead leaves only\n"
            "with --new-lead naming who leads the team from now on.\n\n"
            "example:\n"
            "  playbook move donghai-gas jiuhe-logistics --to east-region --ar chen-hao --dry-run\n"
            "  playbook move --person chen-hao --to north-region --reports-to wang-lei"
        ),
    )
    parser.add_argument("accounts", nargs="*", metavar="ACCOUNT", help="the ids of the accounts to move")
    parser.add_argument("--to", required=True, metavar="TEAM", help="the new owning team (the person's new team)")
    parser.add_argument("--person", metavar="PERSON", help="move this person to the team, instead of accounts")
    parser.add_argument("--lead", action="store_true", help="--person: the person leads the team they join")
    parser.add_argument("--reports-to", metavar="PERSON", help="--person: whom the person reports to (solid line)")
    parser.add_argument("--new-lead", metavar="PERSON", help="--person: who leads the team a leaving lead leaves")
    for role, what in (("ar", "account"), ("sr", "solution"), ("fr", "fulfilment")):
        parser.add_argument(f"--{role}", metavar="PERSON", help=f"the {role.upper()} ({what} responsible) from now on")
    parser.add_argument("--region", metavar="REGION", help="the accounts' region from now on")
    parser.add_argument("--tier", metavar="TIER", help="the accounts' tier from now on")
    parser.add_argument("--approved-by", metavar="PERSON", help="record an approval of the move by this approver")
    parser.add_argument("--reason", metavar="TEXT", help="the approval's reason")
    carry_out.add_options(parser)


#: Options of an account move and of a person's move, by the attribute argparse gives them.
_ACCOUNT_OPTIONS = {
    "--ar": "ar",
    "--sr": "sr",
    "--fr": "fr",
    "--region": "region",
    "--tier": "tier",
    "--approved-by": "approved_by",
    "--reason": "reason",
}
_PERSON_OPTIONS = {"--lead": "lead", "--reports-to": "reports_to", "--new-lead": "new_lead"}


def _person(args: argparse.Namespace) -> carry_out.MakePlan:
    from playbook.edit import people

    if args.accounts:
        raise PlaybookError("move accounts or --person, not both in one command")
    given = [option for option, value in _ACCOUNT_OPTIONS.items() if getattr(args, value) is not None]
    if given:
        raise PlaybookError(f"{given[0]} is for moving accounts, not --person")
    wanted = people.PersonMove(args.person, args.to, args.reports_to, args.lead, args.new_lead)

    def make_plan(before: Before, today: date) -> Plan:
        return people.plan(before, wanted)

    return make_plan


def planner(args: argparse.Namespace) -> carry_out.MakePlan:
    """The plan of the move the arguments ask for; PlaybookError for options that do not go together."""
    from playbook.edit import move

    if args.person is not None:
        return _person(args)
    if not args.accounts:
        raise PlaybookError("name the accounts to move, or --person PERSON (see 'playbook move --help')")
    given = [option for option, value in _PERSON_OPTIONS.items() if getattr(args, value)]
    if given:
        raise PlaybookError(f"{given[0]} is for moving a person (--person), not accounts")
    wanted = move.Move(args.to, args.ar, args.sr, args.fr, args.region, args.tier, args.approved_by, args.reason)

    def make_plan(before: Before, today: date) -> Plan:
        return move.plan(before, args.accounts, wanted, today)

    return make_plan


def run(args: argparse.Namespace) -> int:
    return carry_out.run(args, planner(args))
