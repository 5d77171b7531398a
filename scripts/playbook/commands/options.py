"""Arguments and checks that several commands share."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.layout import DATA


def as_of_date(text: str) -> date:
    """argparse type for --today."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=as_of_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="check dates (overdue, stale, future) as of this day instead of today",
    )


def require_repository(root: Path) -> None:
    if not root.is_dir():
        raise PlaybookError(f"--root {root} is not a folder")
    if not (root / DATA).is_dir():
        raise PlaybookError(f"no playbook repository at {root}: there is no {DATA}/ folder")
