"""playbook validate [PATH ...]: shape checks of every file and every cross-file rule."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.commands.options import add_as_of, require_repository
from playbook.errors import PlaybookError
from playbook.findings import count_errors
from playbook.reporters import REPORTERS, Summary
from playbook.validation import validate


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "validate",
        parents=[common],
        help="check every data file and every coverage rule",
        description=(
            "Check every data file against its schema and every cross-file rule. PATHs (as "
            "pre-commit passes them) narrow what is reported, never what is loaded."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report only findings in these files or folders")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text", help="output format (default: text)")
    add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    require_repository(root)
    paths = [_relative(root, path) for path in args.paths]
    validation = validate(root, args.today)
    shown = validation.narrowed(paths)
    errors = count_errors(shown)
    summary = Summary(
        files=len(validation.files),
        errors=errors,
        warnings=len(shown) - errors,
        errors_elsewhere=validation.errors - errors,
    )
    reporter = REPORTERS[args.format]
    sys.stdout.write(reporter.findings(shown, summary))
    sys.stderr.write(reporter.summary(summary))
    return 1 if validation.errors else 0


def _relative(root: Path, path: str) -> str:
    """A PATH argument as a root-relative path with forward slashes."""
    absolute = (Path.cwd() / path).resolve() if not Path(path).is_absolute() else Path(path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise PlaybookError(f"{path} is not inside the playbook repository {root}") from None
