"""Carrying a change out in the data files, written back as a person would.

Accounts and people move, ids are renamed, scopes change, taxonomy terms and teams are added.

A command works out, from the loaded playbook, which values of which files change (and which
files and folders are renamed); each changed file is written back with its comments, key
order, quoting, flow style, line endings and byte-order mark kept, and every other file is
left byte for byte. The change is checked in memory before anything is written, and then
written all at once or not at all.
"""

from __future__ import annotations


class EditRefused(Exception):
    """The change cannot be written: it would add errors, or a file cannot be written back faithfully.

    The commands turn it into a message and exit code 1; nothing has been written.
    """
