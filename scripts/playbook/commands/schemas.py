"""playbook schemas [--check]: write the JSON Schemas from the models, or check them."""

from __future__ import annotations

import argparse
import sys


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "schemas",
        parents=[common],
        help="regenerate schemas/ from the data model",
        description="Write schemas/<kind>.schema.json from the data model, or check they are current.",
    )
    parser.add_argument("--check", action="store_true", help="only report stale schemas (exit 1), write nothing")


def run(args: argparse.Namespace) -> int:
    from playbook import jsonschemas

    if args.check:
        stale = jsonschemas.stale(args.root)
        for path in stale:
            sys.stdout.write(
                f"{path}:1:1: error SCHEMA-DRIFT the schema differs from the data model; run 'playbook schemas'\n"
            )
        return 1 if stale else 0
    for path in jsonschemas.write(args.root):
        sys.stdout.write(f"wrote {path}\n")
    return 0
