"""A file's data from a version of it already read, when the two differ only in a few top-level values.

A reorganisation rewrites thousands of files one line each (``region: east`` becomes
``region: south``); comparing with a revision would otherwise read each file twice. When every
line that differs is ``key: value`` at the start of a line, with the same key on both sides and a
value of letters, digits and hyphens, the two texts have the same YAML structure (those
characters mean the same in every YAML context), so the data differs only in those keys'
values, provided each such line starts a top-level entry, as the reader of the known version
saw (``Document.entry_lines``). Anything else is left to the parser (None).
"""

from __future__ import annotations

import re
from typing import Any

from playbook.documents import _LARGE, MAX_FILE_BYTES, Document, _construct, _resolve, decode

_ENTRY = re.compile(r"([a-z_][a-z0-9_]*): ([a-z0-9][a-z0-9-]*)\Z")
_STR = "tag:yaml.org,2002:str"


def document_like(
    path: str, raw: bytes, known_text: str, known_data: Any, known_entries: frozenset[int]
) -> Document | None:
    """The document ``documents.load`` makes of ``raw``, from a version of the file read plainly (text and data);
    None when it has to be parsed."""
    if len(raw) > MAX_FILE_BYTES:
        return None
    text, _ = decode(path, raw)
    if text is None or len(text) > _LARGE:
        return None
    data = derive(text, known_text, known_data, known_entries)
    return None if data is None else Document(path, data, text=text)


def derive(text: str, known_text: str, known_data: Any, known_entries: frozenset[int]) -> Any | None:
    """The data of ``text``, from ``known_data`` (read from ``known_text``, whose top-level entries start on the
    lines ``known_entries``, counted from 0); None when it cannot be told apart."""
    if not isinstance(known_data, dict):
        return None
    lines, known_lines = text.split("\n"), known_text.split("\n")
    if len(lines) != len(known_lines):
        return None
    changes: dict[str, Any] = {}
    for number, (line, known_line) in enumerate(zip(lines, known_lines, strict=True)):
        if line == known_line:
            continue
        entry, known_entry = _ENTRY.match(line), _ENTRY.match(known_line)
        if entry is None or known_entry is None:
            return None
        key = entry.group(1)
        if key != known_entry.group(1) or key in changes or _resolve(key) != _STR:
            return None
        known_value = _value(known_entry.group(2))
        if key not in known_data or known_data[key] != known_value or type(known_data[key]) is not type(known_value):
            return None
        if number not in known_entries:
            return None
        changes[key] = _value(entry.group(2))
    return {**known_data, **changes}


def _value(text: str) -> Any:
    return _construct(_resolve(text)[len("tag:yaml.org,2002:") :], text)
