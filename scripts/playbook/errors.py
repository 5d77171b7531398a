"""Expected failures that stop a command (exit code 2), as opposed to findings in the data."""

from __future__ import annotations


class PlaybookError(Exception):
    """A command could not run: a bad argument, no repository at --root, a missing tool.

    The CLI turns it into one clean line on stderr and exit code 2.
    """
