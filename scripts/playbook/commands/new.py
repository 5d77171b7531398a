"""playbook new account|team|region|industry|domain ID, playbook new assessment ACCOUNT.

A starting file for an account, a team or an assessment (never overwriting one); a taxonomy
term, or a complete team whose lead moves over from their team (``--lead``), carried out as
``playbook move`` carries a change out: checked, shown with ``--dry-run``, written all at once.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from playbook.commands import carry_out
from playbook.commands.options import as_of_date, require_repository
from playbook.errors import PlaybookError

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan

KINDS = ["account", "team", "assessment", "region", "industry", "domain"]

#: The team types (models.team.TeamType), spelled out so that the command line starts quickly.
TEAM_TYPES: tuple[str, ...] = ("regional", "key_account", "government", "solution", "delivery", "partner")


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "new",
        parents=[common],
        help="start a new account, team or assessment file; add a region, industry or domain",
        description=(
            "Write a starting file with the schema line and comments on what to fill in. An assessment starts\n"
            "from the account's latest assessment (its contacts and dimensions), dated today.\n\n"
            "A region, industry or government domain is added to data/taxonomy.yaml: a region after the regions\n"
            "below its --parent, any term after --after, else at the end of its list. A team with --lead is\n"
            "written complete: its names, scope and charter, and the lead's entry moved over from their team.\n"
            "Those two are checked as 'playbook move' checks a change: --dry-run shows the diff, and nothing is\n"
            "written when the change adds errors (unless --force)."
        ),
        epilog=(
            "examples:\n  playbook new account globex --tier key --owner finance-key-accounts\n"
            "  playbook new assessment globex --date 2026-12-31\n"
            '  playbook new region east-jiangsu --parent east --zh 江苏与上海 --en "Jiangsu & Shanghai"\n'
            "  playbook new team east-jiangsu-region --type regional --scope east-jiangsu --lead chen-hao \\\n"
            '      --zh 江苏上海区域部 --en "Jiangsu & Shanghai Region"'
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=f"what to create: {', '.join(KINDS)}")
    parser.add_argument(
        "id", help="the new id (lowercase letters, digits and hyphens); for an assessment, the account id"
    )
    parser.add_argument("--tier", help="account: the tier id (default: the lowest tier)")
    parser.add_argument("--owner", help="account: the owning team id (default: the region's regional team)")
    parser.add_argument("--type", choices=TEAM_TYPES, default="regional", help="team: the team type")
    parser.add_argument("--zh", metavar="NAME", help="region, industry, domain, team with --lead: the Chinese name")
    parser.add_argument("--en", metavar="NAME", help="region, industry, domain, team with --lead: the English name")
    parser.add_argument("--parent", metavar="REGION", help="region: the region it lies in")
    parser.add_argument("--after", metavar="ID", help="region, industry, domain: the term it follows in its list")
    parser.add_argument("--description", metavar="TEXT", help="region, industry, domain: what it covers")
    parser.add_argument(
        "--lead", metavar="PERSON", help="team: who leads it; their entry moves over from their team (as move --person)"
    )
    parser.add_argument(
        "--scope", nargs="+", default=[], metavar="ID", help="team with --lead: the regions, industries, domains"
    )
    parser.add_argument("--charter", metavar="TEXT", help="team with --lead: what the team is for")
    parser.add_argument("--new-lead", metavar="PERSON", help="team with --lead: who leads the team the lead leaves")
    parser.add_argument("--reports-to", metavar="PERSON", help="team with --lead: whom the lead reports to")
    carry_out.add_options(parser)
    parser.add_argument(
        "--date", type=as_of_date, default=None, metavar="YYYY-MM-DD", help="assessment: its date (default: today)"
    )


def planner(args: argparse.Namespace) -> carry_out.MakePlan | None:
    """The plan of the kinds that change the playbook as a checked change; None for a starting file."""
    from playbook.edit import teams, terms

    if args.kind in terms.LISTS:
        term = terms.NewTerm(args.kind, args.id, args.zh, args.en, args.parent, args.after, args.description)

        def make_term(before: Before, today: date) -> Plan:
            return terms.plan(before, term)

        return make_term
    if args.kind == "team" and args.lead is not None:
        scope = tuple(args.scope)
        team = teams.NewTeam(
            args.id, args.type, args.lead, scope, args.zh, args.en, args.charter, args.new_lead, args.reports_to
        )

        def make_team(before: Before, today: date) -> Plan:
            return teams.plan(before, team)

        return make_team
    given = [option for option, value in _TERM_OPTIONS.items() if getattr(args, value)]
    team_only = [option for option, value in _TEAM_OPTIONS.items() if getattr(args, value)]
    if args.kind == "team" and team_only:
        raise PlaybookError(
            f"{team_only[0]} goes with --lead PERSON (a complete team, checked as 'playbook move' checks a change); "
            "without --lead, 'new team' writes a starting file to fill in"
        )
    given += team_only
    if given:
        raise PlaybookError(f"{given[0]} is not for 'new {args.kind}' (see 'playbook new --help')")
    return None


#: Options of a taxonomy term and of a team made with --lead, by the attribute argparse gives them.
_TERM_OPTIONS = {"--parent": "parent", "--after": "after", "--description": "description"}
_TEAM_OPTIONS = {
    "--scope": "scope",
    "--charter": "charter",
    "--new-lead": "new_lead",
    "--reports-to": "reports_to",
    "--zh": "zh",
    "--en": "en",
}


def run(args: argparse.Namespace) -> int:
    from playbook import repository, scaffold

    require_repository(args.root)
    make_plan = planner(args)
    if make_plan is not None:
        return carry_out.run(args, make_plan)
    new_id = scaffold.check_id(args.id)
    if args.kind == "assessment":
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
