"""Items of a block list taken out, put in and added, at the positions libyaml's parser gives them.

Moving a team member to another team, or adding a taxonomy term, changes a list of
mappings. The item's lines travel as they are, with the comment lines just above it and
the comment at the end of its lines; the rest of each file is kept as it was. The result is
read back by the validator's reader and must hold exactly the intended data (see
``playbook.edit.files``); a list written in flow style (``[...]``) is refused, not rewritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
from playbook.edit import EditRefused, positions

if TYPE_CHECKING:
    from yaml._yaml import Mark as CMark
    from yaml.error import Mark


@dataclass
class Item:
    """One item of a block list: where its lines start (its comments above included) and end."""

    start: int
    dash: int
    end: int


@dataclass
class BlockList:
    """A block list in a file's text: the column of its dashes, the offset of its keys, its items."""

    column: int
    offset: int
    items: list[Item] = field(default_factory=list)


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _line_after(text: str, offset: int) -> int:
    """The start of the line after the one ``offset`` is on (an offset at a line's start is that line's end)."""
    if offset > 0 and text[offset - 1] == "\n":
        return offset
    position = text.find("\n", offset)
    return len(text) if position < 0 else position + 1


def _comments_above(text: str, line: int) -> int:
    """The start of the comment lines directly above the line starting at ``line``."""
    start = line
    while start > 0:
        previous = _line_start(text, start - 1)
        if not text[previous:start].strip().startswith("#"):
            break
        start = previous
    return start


def find(path: str, text: str, at: Path) -> BlockList:
    """The block list at ``at`` in ``text``; EditRefused when there is none."""
    line_starts = positions.line_starts(text)

    def offset(mark: Mark | CMark | None) -> int:
        assert mark is not None  # libyaml marks every event
        return line_starts[mark.line] + mark.column

    where = ".".join(map(str, at))
    found: BlockList | None = None
    stack: list[positions.Frame] = []
    target: positions.Frame | None = None
    parser = documents._EventParser(text)
    try:
        while True:
            event = parser.get_event()
            if event is None:
                break
            inside = target is not None and any(frame is target for frame in stack)
            if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                frame = stack.pop()
                if inside and frame.flow and found is not None and found.items:
                    found.items[-1].end = max(found.items[-1].end, offset(event.end_mark))
                positions.advance(stack)
                continue
            if not isinstance(event, NodeEvent):
                continue
            if stack and stack[-1].mapping and stack[-1].expecting_key:
                if not isinstance(event, ScalarEvent):
                    raise EditRefused(f"{path}: a complex key; edit the file by hand")
                stack[-1].step, stack[-1].expecting_key = event.value, False
                continue
            here = positions.here(stack)
            if found is not None and stack and stack[-1] is target:
                start = offset(event.start_mark)
                dash = text.rfind("-", _line_start(text, start), start)
                if dash < 0:
                    raise EditRefused(f"{path}: the list at {where} is laid out in a way this command does not write")
                found.items.append(Item(_comments_above(text, _line_start(text, dash)), dash, offset(event.end_mark)))
            elif found is not None and inside and isinstance(event, (ScalarEvent, AliasEvent)) and found.items:
                found.items[-1].end = max(found.items[-1].end, offset(event.end_mark))
            if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                frame = positions.Frame(here, isinstance(event, MappingStartEvent), bool(event.flow_style))
                if here == at and isinstance(event, SequenceStartEvent) and found is None:
                    if event.flow_style:
                        raise EditRefused(f"{path}: the list at {where} is written in flow style ([...]); edit by hand")
                    found, target = BlockList(0, 2), frame
                stack.append(frame)
                continue
            positions.advance(stack)
    except Exception as error:  # a file that does not parse: the caller checked it reads; be safe
        if isinstance(error, EditRefused):
            raise
        raise EditRefused(f"{path}: cannot be read for writing back: {error}") from None
    finally:
        parser.dispose()
    if found is None or not found.items:
        raise EditRefused(f"{path}: there is no block list at {where} to write into")
    first = found.items[0]
    found.column = first.dash - _line_start(text, first.dash)
    key = len(text[first.dash + 1 :]) - len(text[first.dash + 1 :].lstrip(" "))
    found.offset = key + 1
    for item in found.items:
        item.end = _line_after(text, item.end)
    return found


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def take(path: str, text: str, at: Path, index: int) -> tuple[str, str, int]:
    """``text`` without item ``index`` of the list at ``at``; the item's lines; the column of its dash."""
    listed = find(path, text, at)
    item = listed.items[index]
    following = listed.items[index + 1].start if index + 1 < len(listed.items) else item.end
    return text[: item.start] + text[following:], text[item.start : item.end], listed.column


def reindent(lines: str, column: int, to: int, newline: str) -> str:
    """An item's lines moved from dash column ``column`` to ``to``, with ``newline`` endings."""
    shift = to - column
    out: list[str] = []
    for line in lines.replace("\r\n", "\n").split("\n"):
        if not line.strip() or shift == 0:
            out.append(line)
        elif shift > 0:
            out.append(" " * shift + line)
        elif line[:-shift].strip():
            raise EditRefused("the item's lines cannot be moved to the other list's indentation")
        else:
            out.append(line[-shift:])
    return newline.join(out)


def put(path: str, text: str, at: Path, lines: str, column: int, after: int | None = None) -> str:
    """``text`` with an item's ``lines`` (dash at ``column``) added after item ``after`` (default: the last)."""
    listed = find(path, text, at)
    newline = newline_of(text)
    where = listed.items[-1 if after is None else after].end
    head = text[:where]
    if head and not head.endswith("\n"):
        head += newline
    moved = reindent(lines, column, listed.column, newline)
    if not moved.endswith(newline):
        moved += newline
    return head + moved + text[where:]


#: Characters that make a plain scalar mean something else, or end it, in a flow mapping.
_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@` ")
_SPECIAL_INSIDE = (": ", " #", ",", "[", "]", "{", "}")


def scalar(value: str) -> str:
    """``value`` as a person writes it in a flow mapping: plain when it reads back as the same text, else quoted."""
    plain = (
        value
        and value == value.strip()
        and value[0] not in _SPECIAL_START
        and not value.endswith(":")
        and not any(mark in value for mark in _SPECIAL_INSIDE)
        and "\n" not in value
        and documents._resolve(value) == documents._STR
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def name(zh: str | None, en: str | None) -> tuple[str, dict[str, str]]:
    """A name as a flow mapping (``{zh: ..., en: ...}``), and as data."""
    given = {key: value for key, value in (("zh", zh), ("en", en)) if value}
    return "{" + ", ".join(f"{key}: {scalar(value)}" for key, value in given.items()) + "}", given


def item_lines(listed: BlockList, fields: list[tuple[str, str]], newline: str) -> str:
    """A new mapping item, one ``key: value`` (values already written as YAML) a line, in the list's layout."""
    indent = " " * listed.column
    lines = [f"{indent}-{' ' * (listed.offset - 1)}{key}: {value}" for key, value in fields[:1]]
    lines += [f"{indent}{' ' * listed.offset}{key}: {value}" for key, value in fields[1:]]
    return newline.join(lines) + newline
