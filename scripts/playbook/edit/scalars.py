"""Putting a new id in the place of an old one, at the position libyaml's parser gives the value.

Most changes a rename or a move makes replace one id with another. For those, the file's
text is kept as it is and only the characters of each value change, quoted as the old value
was; the result is read back by the validator's own reader and must hold exactly the
intended data, or the file is written through the round trip instead (see
``playbook.edit.files``). This is what the round trip would write, at a fraction of its cost:
a rename at 10,000 accounts touches a thousand files.
"""

from __future__ import annotations

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from playbook import documents
from playbook.documents import Path
from playbook.edit import positions

#: Scalar styles this path writes; any other (block scalars) goes through the round trip.
_QUOTES = {None: "", "": "", "'": "'", '"': '"'}


class NotInPlace(Exception):
    """The value cannot be replaced where it stands (an alias, a block scalar, a missing key)."""


def _spans(text: str, wanted: set[Path]) -> dict[Path, tuple[int, int, str | None]]:
    """The (start, end, style) of each wanted scalar value, as offsets into ``text``."""
    line_starts = positions.line_starts(text)
    found: dict[Path, tuple[int, int, str | None]] = {}
    stack: list[positions.Frame] = []
    parser = documents._EventParser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                stack.pop()
                positions.advance(stack)
                continue
            if not isinstance(event, NodeEvent):
                continue
            if stack and stack[-1].mapping and stack[-1].expecting_key:
                if not isinstance(event, ScalarEvent):
                    raise NotInPlace("a complex key")
                stack[-1].step, stack[-1].expecting_key = event.value, False
                continue
            at = positions.here(stack)
            if isinstance(event, AliasEvent) and any(path[: len(at)] == at for path in wanted):
                raise NotInPlace(f"the value at {'.'.join(map(str, at))} is an alias")
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                stack.append(positions.Frame(at, isinstance(event, MappingStartEvent)))
                continue
            if isinstance(event, ScalarEvent) and at in wanted:
                if event.style not in _QUOTES or event.anchor is not None:
                    raise NotInPlace(f"the value at {'.'.join(map(str, at))} is not a plain or quoted scalar")
                first, last = event.start_mark, event.end_mark
                assert first is not None and last is not None  # libyaml marks every event
                start, end = line_starts[first.line] + first.column, line_starts[last.line] + last.column
                found[at] = (start, end, event.style)
            positions.advance(stack)
    finally:
        parser.dispose()
    return found


def _written(value: str, style: str | None) -> str:
    if not style and documents._resolve(value) != documents._STR:
        return f'"{value}"'  # a plain 2026 or true would change type
    quote = _QUOTES[style]
    return f"{quote}{value}{quote}"


def replace(text: str, changes: dict[Path, str]) -> str:
    """``text`` with the scalar at each path replaced by its new id, quoted as before."""
    spans = _spans(text, set(changes))
    missing = set(changes) - set(spans)
    if missing:
        raise NotInPlace(f"no value at {'.'.join(map(str, sorted(missing, key=str)[0]))}")
    pieces, position = [], 0
    for at, (start, end, style) in sorted(spans.items(), key=lambda item: item[1][0]):
        pieces += [text[position:start], _written(changes[at], style)]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
