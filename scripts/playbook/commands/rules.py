"""playbook rules [CODE]: list the rule registry, or explain one rule."""

from __future__ import annotations

import argparse
import sys

from playbook.errors import PlaybookError


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "rules",
        parents=[common],
        help="list the rules, or explain one",
        description="List every finding code with its severity and summary, or explain one code.",
    )
    parser.add_argument("code", nargs="?", help="a code such as COV001, or a rule name")


def run(args: argparse.Namespace) -> int:
    from playbook.rules import RULES
    from playbook.rules.registry import SECTIONS

    if args.code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in sorted(RULES.values(), key=lambda rule: rule.code):
            sys.stdout.write(f"{rule.code:<8} {rule.severity!s:<8} {rule.name:<{width}}  {rule.summary}\n")
        return 0
    wanted = args.code.strip()
    found = RULES.get(wanted.upper()) or next((rule for rule in RULES.values() if rule.name == wanted), None)
    if found is None:
        raise PlaybookError(f"no rule '{wanted}': 'playbook rules' lists them")
    sys.stdout.write(f"{found.code} {found.name} ({found.severity})\n\n{found.summary}\n")
    for section in SECTIONS:
        sys.stdout.write(f"\n## {section}\n{found.shown(section)}\n")
    return 0
