"""playbook change FILE: reorganising commands, one a line, carried out as one change and checked once."""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.commands import carry_out
from playbook.errors import PlaybookError

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan
    from playbook.edit.steps import Step

#: The commands a change is made of: those that carry a change of the data out.
STEPS = ("move", "rename", "new", "scope", "reparent")


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "change",
        parents=[common],
        help="carry out several reorganising commands as one change, checked once",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "FILE holds commands, one a line, as they are typed but without 'playbook': move, rename, scope,\n"
            "reparent, and new region|industry|domain, new team --lead. '#' starts a comment; a line that ends\n"
            "in '\\' goes on on the next one. Each command is carried out on top of the ones before it, and the\n"
            "whole is checked once against the repository as it is: a step may leave an error that a later\n"
            "step mends. --dry-run shows one diff; nothing is written when the whole adds errors (unless\n"
            "--force); all files are written or none. A step that cannot be carried out is named by its line,\n"
            "and nothing is written.\n\n"
            "example:\n"
            "  playbook change east-split.txt --dry-run\n"
            "  printf '%s\\n' 'rename team east-region east-south-region' \\\n"
            "      'move jinyuan-precision --to east-south-region' | playbook change -"
        ),
    )
    parser.add_argument("steps", metavar="FILE", help="the commands, one a line ('-': standard input)")
    carry_out.add_options(parser)


def _text(name: str) -> str:
    """The text of the file of steps, or of standard input for '-'."""
    try:
        if name == "-":
            return sys.stdin.read()
        return Path(name).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlaybookError(f"{name}: not UTF-8 text") from None


def _lines(text: str) -> list[tuple[int, str]]:
    """The lines of the text by their number, a line ending in a backslash joined to the next."""
    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        start, before = pending or (number, "")
        if line.endswith("\\"):
            pending = (start, before + line[:-1])
            continue
        pending = None
        joined.append((start, before + line))
    if pending is not None:
        joined.append(pending)
    return joined


def _step(words: list[str]) -> carry_out.MakePlan:
    """The plan a line's words ask for; PlaybookError when they are not a reorganising command."""
    from playbook.cli import build_parser
    from playbook.commands import COMMANDS

    if words[0] == "playbook":
        words = words[1:]
    if not words or words[0] not in STEPS:
        said = f"'{words[0]}' is not a step" if words else "no command"
        raise PlaybookError(f"{said}: a change is made of {', '.join(STEPS)} (see 'playbook change --help')")
    if {"-h", "--help"} & set(words):
        raise PlaybookError("--help is not a step")
    args = build_parser(words[0]).parse_args(words)
    given = [option for option in ("root", "dry_run", "force", "today") if getattr(args, option, None)]
    if given:
        option = "--" + given[0].replace("_", "-")
        raise PlaybookError(f"{option} goes on 'playbook change' itself, not on a step")
    make_plan: carry_out.MakePlan | None = COMMANDS[words[0]].planner(args)
    if make_plan is None:
        raise PlaybookError(
            f"'new {args.kind}' writes a starting file to fill in, not a change (new team needs --lead)"
        )
    return make_plan


def steps(name: str, text: str) -> list[Step]:
    """The steps of the text, each with the place it was written; PlaybookError naming a line that is no step."""
    where = "standard input" if name == "-" else name
    found: list[Step] = []
    for number, line in _lines(text):
        try:
            words = shlex.split(line, comments=True)
        except ValueError as wrong:  # a quote never closed
            raise PlaybookError(
                f"{where}:{number}: the line does not read as words ({wrong}); nothing written"
            ) from None
        try:
            if words:
                found.append((f"{where}:{number}", _step(words)))
        except PlaybookError as wrong:
            raise PlaybookError(f"{where}:{number}: {wrong}; nothing written") from None
    if not found:
        raise PlaybookError(f"{where} holds no command")
    return found


def run(args: argparse.Namespace) -> int:
    from playbook.edit import steps as carried

    planned = steps(args.steps, _text(args.steps))

    def make_plan(before: Before, today: date) -> Plan:
        return carried.plan(before, planned, today, carry_out.progress)

    return carry_out.run(args, make_plan)
