"""The command line: one parser, one module per subcommand, one place that handles failure.

Each command module in ``playbook.commands`` has ``add_parser(subparsers, common)`` and
``run(args) -> int``. Expected failures raise ``PlaybookError``, which becomes one line on
stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playbook.commands import COMMANDS
from playbook.errors import PlaybookError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal as argparse does but without importing shutil."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)


def _terminal_width() -> int:
    """COLUMNS, else the terminal's width, else 80 (what shutil.get_terminal_size gives)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 0
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a PlaybookError rather than a bare exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise PlaybookError(f"{message} (see '{self.prog} --help')")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser, with every command, or with the command ``only`` alone."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS,
        help="the playbook repository (default: the current directory)",
    )
    parser = _Parser(
        prog="playbook",
        description="Key-account coverage kept as code: validate, report and publish the playbook.",
        parents=[common],
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name, command in COMMANDS.items():
        if only is None or name == only:
            command.add_parser(subparsers, common)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when it names one before asking for help (a start needs no other)."""
    words = iter(argv)
    for word in words:
        if word == "--root":
            next(words, None)
        elif word.startswith("--root="):
            continue
        elif word.startswith("-"):
            return None
        else:
            return word if word in COMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        words = sys.argv[1:] if argv is None else list(argv)
        args = build_parser(_command_named(words)).parse_args(words)
        args.root = getattr(args, "root", Path.cwd()).resolve()
        result: int = COMMANDS[args.command].run(args)
        return result
    except PlaybookError as error:
        print(f"playbook: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("playbook: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        # The file system refused something (permissions, a full disk): not a bug to trace.
        print(f"playbook: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_USAGE


def entry() -> None:
    sys.exit(main())
