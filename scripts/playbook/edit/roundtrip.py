"""Writing a YAML file back with ruamel.yaml's round trip: comments, key order, quoting and flow style kept.

The file's byte-order mark and line endings are taken off before ruamel reads it and put
back on what it writes, and the indentation of block sequences is worked out from the file
itself, so a file written back unchanged is the same, byte for byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from playbook.edit import EditRefused

BOM = b"\xef\xbb\xbf"
#: Longer than any line a person writes: ruamel never folds a long value onto a new line.
WIDTH = 1_000_000


@dataclass(frozen=True)
class Layout:
    """How a file is laid out beyond its YAML: byte-order mark, line endings, indentation."""

    bom: bool
    crlf: bool
    mapping: int
    sequence: int
    offset: int


def text_of(raw: bytes) -> tuple[str, bool, bool]:
    """The file's text with LF line endings, whether it had a byte-order mark, whether it had CRLF endings."""
    bom = raw.startswith(BOM)
    text = raw[len(BOM) :].decode("utf-8") if bom else raw.decode("utf-8")
    crlf = "\r\n" in text
    return (text.replace("\r\n", "\n") if crlf else text), bom, crlf


def bytes_of(text: str, bom: bool, crlf: bool) -> bytes:
    """The text as the file had it: CRLF endings and a byte-order mark when it had them."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return (BOM if bom else b"") + text.encode("utf-8")


def _yaml(layout: Layout | None = None) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    if layout is not None:
        yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    return yaml


def load(path: str, raw: bytes) -> tuple[Any, Layout]:
    """The file's round-trip data (ruamel's commented maps and sequences) and its layout."""
    try:
        text, bom, crlf = text_of(raw)
        data, sequence, offset = load_yaml_guess_indent(text, yaml=_yaml())
    except (UnicodeDecodeError, YAMLError) as error:
        raise EditRefused(f"{path}: cannot be read for writing back: {error}") from None
    return data, Layout(bom, crlf, 2, sequence or 2, offset or 0)


def dump(data: Any, layout: Layout) -> bytes:
    """The data written back in the file's layout."""
    buffer = io.StringIO()
    _yaml(layout).dump(data, buffer)
    return bytes_of(buffer.getvalue(), layout.bom, layout.crlf)


def round_trip(path: str, raw: bytes) -> bytes:
    """The file read and written back with nothing changed (the same bytes, for any file a person wrote)."""
    data, layout = load(path, raw)
    return dump(data, layout)


def like(old: Any, new: Any) -> Any:
    """``new`` quoted as ``old`` was (a value keeps its single or double quotes)."""
    if isinstance(new, str):
        if isinstance(old, SingleQuotedScalarString):
            return SingleQuotedScalarString(new)
        if isinstance(old, DoubleQuotedScalarString):
            return DoubleQuotedScalarString(new)
    return new


def set_value(data: Any, at: tuple[str | int, ...], value: Any) -> None:
    """Set the value at ``at`` (keys and list positions), adding the last key when it is missing.

    A list replaces the items of the list there, which keeps its flow or block style.
    """
    parent = data
    for step in at[:-1]:
        if isinstance(step, str) and step not in parent:
            parent[step] = {}
        parent = parent[step]
    last = at[-1]
    old = parent[last] if (isinstance(last, int) or last in parent) else None
    if isinstance(value, list) and isinstance(old, list):
        old[:] = [like(old[0] if old else None, item) for item in value]
    else:
        parent[last] = like(old, value)


def append_item(data: Any, at: tuple[str | int, ...], item: dict[str, Any]) -> None:
    """Add ``item`` at the end of the list at ``at``, making the list when it is missing."""
    parent = data
    for step in at[:-1]:
        parent = parent[step]
    listed = parent.get(at[-1]) if isinstance(at[-1], str) else parent[at[-1]]
    if listed is None:
        parent[at[-1]] = [item]
    else:
        listed.append(item)
