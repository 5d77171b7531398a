"""Escaping text from the data so that Markdown and HTML show it as it is written.

Anything a data file holds (a customer's name, a team's charter, a note) reaches the site
through one of these functions. HTML's special characters become entities and Markdown's
punctuation is backslash-escaped, so ``<img src=x onerror=alert(1)>``,
``[x](javascript:alert(1))`` and ``*bold*`` appear on the page as typed, never as markup.
"""

from __future__ import annotations

import html
import re

#: Punctuation Python-Markdown lets a backslash escape (its ESCAPED_CHARS, less ``>``, which
#: becomes ``&gt;`` instead: a backslash before an entity would show). The backslash comes
#: first so that the escapes added for the others are not escaped again.
MARKDOWN_PUNCTUATION = "\\`*_{}[]()#+-.!"
#: Inside a table, ``|`` would end the cell (the tables extension makes ``\|`` escapable).
CELL_PUNCTUATION = MARKDOWN_PUNCTUATION + "|"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")


def _marks(punctuation: str) -> dict[int, str]:
    return str.maketrans({char: f"\\{char}" for char in punctuation})


_MARKS = {MARKDOWN_PUNCTUATION: _marks(MARKDOWN_PUNCTUATION), CELL_PUNCTUATION: _marks(CELL_PUNCTUATION)}


def _escape(value: str, punctuation: str) -> str:
    cleaned = _CONTROL.sub("", value)
    marked = cleaned.translate(_MARKS.get(punctuation) or _marks(punctuation))
    return html.escape(marked, quote=True)


def inline(value: object) -> str:
    """One line of literal text: line breaks and runs of spaces become one space."""
    return _escape(" ".join(str(value).split()), MARKDOWN_PUNCTUATION)


def cell(value: object) -> str:
    """Literal text for a table cell: one line, with ``|`` escaped as well."""
    return _escape(" ".join(str(value).split()), CELL_PUNCTUATION)


def text(value: object) -> str:
    """Literal prose: blank lines still separate paragraphs; other line breaks become spaces.

    Joining the lines of a paragraph keeps indentation from turning into a code block and
    a line of ``===`` from turning the line above into a heading.
    """
    paragraphs = _BLANK_LINES.split(str(value).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n\n".join(inline(paragraph) for paragraph in paragraphs if paragraph.strip())
