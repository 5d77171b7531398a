"""playbook codeowners [--check]: write .github/CODEOWNERS from the team charters, or check it."""

from __future__ import annotations

import argparse
import sys

from playbook.commands.options import require_repository


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "codeowners",
        parents=[common],
        help="write .github/CODEOWNERS from the team charters",
        description=(
            "Write .github/CODEOWNERS: account folders to the lead of the owning team, team files to their lead, "
            "shared definitions to the governance owners in playbook.yaml."
        ),
    )
    parser.add_argument("--check", action="store_true", help="only report a stale file (exit 1), write nothing")


def run(args: argparse.Namespace) -> int:
    from playbook import codeowners, repository

    require_repository(args.root)
    playbook = repository.load(args.root).playbook
    if args.check:
        if codeowners.stale(args.root, playbook):
            sys.stdout.write(f"{codeowners.PATH}:1:1: error CODEOWNERS-STALE run 'playbook codeowners' and commit it\n")
            return 1
        return 0
    written = codeowners.write(args.root, playbook)
    sys.stdout.write(f"{'wrote' if written else 'unchanged:'} {codeowners.PATH}\n")
    return 0
