"""What ``playbook move`` and ``playbook rename`` share: options, the check, the diff, the write."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.commands.options import add_as_of, require_repository

if TYPE_CHECKING:
    from playbook.edit.change import Before, Plan

EXIT_OK, EXIT_REFUSED = 0, 1


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="show the diff and what it does to coverage, write nothing"
    )
    parser.add_argument("--force", action="store_true", help="write the change even when it adds errors")
    add_as_of(parser)


def progress(message: str) -> None:
    """A line of progress on stderr, when a person watches it."""
    if sys.stderr.isatty():
        sys.stderr.write(f"playbook: {message}…\n")


def run(args: argparse.Namespace, make_plan: Callable[[Before, date], Plan]) -> int:
    """Read, plan, check, then show or write the change; the exit code."""
    from playbook.collector import no_garbage_collection

    with no_garbage_collection():  # the playbook before and after live until the change is written
        return _run(args, make_plan)


def _run(args: argparse.Namespace, make_plan: Callable[[Before, date], Plan]) -> int:
    from playbook import coverage_diff_report
    from playbook.edit import EditRefused, change, transaction

    require_repository(args.root)
    today = args.today or date.today()
    progress("reading the playbook")
    before = change.read(args.root, today)
    try:
        plan = make_plan(before, today)
        if not plan.writes and not plan.renames:
            sys.stdout.write("nothing to change\n")
            return EXIT_OK
        checked = change.check(before, plan, today, progress)
    except EditRefused as refused:
        sys.stderr.write(f"playbook: refused: {refused}; nothing written\n")
        return EXIT_REFUSED
    out = sys.stdout
    if args.dry_run:
        out.write(_diff(args.root, plan))
    for line in plan.described:
        out.write(f"{line}\n")
    for old, new in plan.renames:
        out.write(f"renamed {old} -> {new}\n")
    out.write(coverage_diff_report.to_text(checked.diff, checked.after_coverage))
    errors = len(checked.diff.errors_introduced)
    if args.dry_run:
        verdict = f"would be refused: it adds {errors} error(s)" if checked.adds_errors else "it adds no errors"
        out.write(f"dry run: nothing written; {verdict}\n")
        return EXIT_REFUSED if checked.adds_errors else EXIT_OK
    if checked.adds_errors and not args.force:
        sys.stderr.write(
            f"playbook: refused: the change adds {errors} error(s) (listed above); nothing written "
            "(fix them in the same change, or --force)\n"
        )
        return EXIT_REFUSED
    progress("writing")
    transaction.apply(args.root, plan)
    written = sorted(plan.path_after(path) for path in plan.writes)
    out.write(f"wrote {len(written)} file(s)" + (f", renamed {len(plan.renames)}" if plan.renames else "") + "\n")
    return EXIT_REFUSED if checked.adds_errors else EXIT_OK


def _diff(root: Path, plan: Plan) -> str:
    """The unified diff of every file the plan writes, against the file as it is."""
    parts: list[str] = []
    for path, content in sorted(plan.writes.items()):
        target = root / path
        old = target.read_bytes().decode("utf-8", "replace") if target.is_file() else ""
        new = content.decode("utf-8", "replace")
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            f"a/{path}",
            f"b/{plan.path_after(path)}",
        )
        parts.extend(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return "".join(parts)
