"""playbook new account|team ID, playbook new assessment ACCOUNT: write a valid starting file; never overwrite."""

from __future__ import annotations

import argparse
import sys

from playbook.commands.options import as_of_date, require_repository

#: The team types (models.team.TeamType), spelled out so that the command line starts quickly.
TEAM_TYPES: tuple[str, ...] = ("regional", "key_account", "government", "solution", "delivery", "partner")


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "new",
        parents=[common],
        help="start a new account, team or assessment file",
        description=(
            "Write a starting file with the schema line and comments on what to fill in. An assessment "
            "starts from the account's latest assessment (its contacts and dimensions), dated today."
        ),
        epilog=(
            "examples:\n  playbook new account globex --tier key --owner finance-key-accounts\n"
            "  playbook new assessment globex --date 2026-12-31"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=["account", "team", "assessment"], help="what to create")
    parser.add_argument(
        "id", help="the new id (lowercase letters, digits and hyphens); for an assessment, the account id"
    )
    parser.add_argument("--tier", help="account: the tier id (default: the lowest tier)")
    parser.add_argument("--owner", help="account: the owning team id (default: the region's regional team)")
    parser.add_argument("--type", choices=TEAM_TYPES, default="regional", help="team: the team type")
    parser.add_argument(
        "--date", type=as_of_date, default=None, metavar="YYYY-MM-DD", help="assessment: its date (default: today)"
    )


def run(args: argparse.Namespace) -> int:
    from playbook import repository, scaffold

    require_repository(args.root)
    new_id = scaffold.check_id(args.id)
    if args.kind == "assessment":
        from datetime import date

        playbook = repository.load(args.root).playbook
        relative, text = scaffold.assessment_text(new_id, playbook, args.date or date.today())
    elif args.kind == "account":
        playbook = repository.load(args.root).playbook
        text = scaffold.account_text(new_id, playbook, args.tier, args.owner)
        relative = f"data/accounts/{new_id}/account.yaml"
    else:
        text = scaffold.team_text(new_id, args.type)
        relative = f"data/teams/{new_id}.yaml"
    scaffold.write_new(args.root, relative, text)
    sys.stdout.write(f"wrote {relative}\n")
    return 0
