"""Where each value stands in a file's text, as libyaml's parser reads it: the helpers that
the in-place replacement of ids (``playbook.edit.scalars``) and the moves of list items
(``playbook.edit.blocks``) share."""

from __future__ import annotations

from dataclasses import dataclass

from playbook.documents import Path


@dataclass(eq=False)
class Frame:
    """A mapping or sequence being read: where it is, and the key or position of its next value."""

    at: Path
    mapping: bool
    flow: bool = False
    step: str | int = 0
    expecting_key: bool = True


def line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` starts, so that a parser's (line, column) mark is an offset."""
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def here(stack: list[Frame]) -> Path:
    """The path of the value read next."""
    return (*stack[-1].at, stack[-1].step) if stack else ()


def advance(stack: list[Frame]) -> None:
    """A value was read: the enclosing mapping expects a key next, the enclosing sequence its next item."""
    if not stack:
        return
    frame = stack[-1]
    if frame.mapping:
        frame.expecting_key = True
    else:
        frame.step = int(frame.step) + 1
