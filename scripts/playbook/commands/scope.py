"""playbook scope TEAM... --add ID... --remove ID...: what teams cover, the YAML written as a person would."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from playbook.commands import carry_out

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "scope",
        parents=[common],
        help="add regions, industries or government domains to teams' scopes, or remove them",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Change the scope of each team named: the ids after --add join it, those after --remove leave it.\n"
            "The taxonomy says whether an id is a region, an industry or a government domain; an id that two\n"
            "vocabularies share is written region:ID, industry:ID or domain:ID. The change is checked before\n"
            "anything is written: nothing is written when it adds errors (unless --force).\n\n"
            "example:\n"
            "  playbook scope banking-ka energy-ka --add east-jiangsu --dry-run\n"
            "  playbook scope telecom-ka --remove north --add region:hk-macao"
        ),
    )
    parser.add_argument("teams", nargs="+", metavar="TEAM", help="the ids of the teams whose scope changes")
    parser.add_argument("--add", nargs="+", default=[], metavar="ID", help="regions, industries, domains to cover")
    parser.add_argument("--remove", nargs="+", default=[], metavar="ID", help="regions, industries, domains to drop")
    carry_out.add_options(parser)


def planner(args: argparse.Namespace) -> carry_out.MakePlan:
    from playbook.edit import scopes

    def make_plan(before: Before, today: date) -> Plan:
        return scopes.plan(before, args.teams, args.add, args.remove)

    return make_plan


def run(args: argparse.Namespace) -> int:
    return carry_out.run(args, planner(args))
