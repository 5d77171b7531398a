"""Reading YAML safely, keeping the line and column of every key and value.

The file is read as a stream of libyaml events and built iteratively, so no input can
exhaust the stack. Only the YAML 1.2 core schema is resolved: ``true``/``false`` are
booleans, ``NO`` and ``off`` stay text, and ``2026-01-01`` stays text (the models parse
dates themselves), so a value never changes type behind the author's back. Tags that build
objects, duplicate keys, several documents in one file, aliases that expand without bound
and runaway nesting are findings, never exceptions.
"""

from __future__ import annotations

import pathlib
import re
from dataclasses import dataclass
from typing import Any

import yaml
import yaml.cyaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from playbook.findings import Finding, Severity
from playbook.reading.syntax import explain

Path = tuple[str | int, ...]
Position = tuple[int, int]

#: The most values one file may hold once its aliases are expanded.
MAX_VALUES = 200_000
#: The deepest nesting of lists and mappings a data file may have.
MAX_DEPTH = 64
#: The largest data file read, in bytes, unless playbook.yaml sets ``max_file_mb``.
MAX_FILE_BYTES = 5_000_000

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)

if yaml.__with_libyaml__:
    _EventParser: Any = yaml.cyaml.CParser  # type: ignore[attr-defined]
else:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _EventParser(Reader, Scanner, Parser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

        def dispose(self) -> None:
            pass


class Document:
    """One YAML file's data, with the position of every value and every mapping key.

    Positions are worked out when first asked for: a file read on the fast path keeps its
    text, and only the few files that have findings are read again for their positions.
    """

    __slots__ = ("_keys", "_values", "data", "entry_lines", "origin", "path", "text")

    def __init__(
        self,
        path: str,
        data: Any,
        values: dict[Path, Position] | None = None,
        keys: dict[Path, Position] | None = None,
        text: str | None = None,
        origin: str | None = None,
        entry_lines: frozenset[int] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self.text = text
        #: The lines (from 0) where the top-level mapping's keys start, when the fast reader read the file.
        self.entry_lines = entry_lines
        #: The file to read the text from when positions are wanted and the text was let go.
        self.origin = origin
        self._values = values
        self._keys = keys

    def release(self, origin: str) -> None:
        """Let go of the data and text once the file is checked; positions will come from ``origin``."""
        if self._values is None:
            self.origin = origin
        self.data = None
        self.text = None
        self.entry_lines = None

    def forget_data(self) -> None:
        """Let go of the data once the file is checked, keeping the text for positions (it has no file to come from)."""
        self.data = None
        self.entry_lines = None

    def _source(self) -> str | None:
        if self.text is not None or self.origin is None:
            return self.text
        try:
            return decode(self.path, pathlib.Path(self.origin).read_bytes())[0]
        except OSError:
            return None

    def line_text(self, line: int) -> str | None:
        """The text of a 1-based line of the file (None when the text cannot be had)."""
        source = self._source()
        if source is None:
            return None
        lines = source.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else None

    def _positions(self) -> tuple[dict[Path, Position], dict[Path, Position]]:
        if self._values is None or self._keys is None:
            values: dict[Path, Position] = {}
            keys: dict[Path, Position] = {}
            text = self._source()
            if text is not None:
                builder = _Builder(self.path)
                parser = _EventParser(text)
                try:
                    builder.build(parser)
                    values, keys = builder.values, builder.keys
                except (yaml.YAMLError, _Unusable):
                    pass
                finally:
                    parser.dispose()
            self._values, self._keys = values, keys
        return self._values, self._keys

    @property
    def positioned(self) -> bool:
        """Whether the positions are known (the careful reader read the file), not worked out later."""
        return self._values is not None

    @property
    def values(self) -> dict[Path, Position]:
        return self._positions()[0]

    @property
    def keys(self) -> dict[Path, Position]:
        return self._positions()[1]

    def locate(self, at: Path = ()) -> Position:
        """The position of the value at ``at``, or of its nearest ancestor that exists."""
        values = self.values
        for end in range(len(at), -1, -1):
            position = values.get(at[:end])
            if position is not None:
                return position
        return (1, 1)

    def locate_key(self, at: Path) -> Position:
        """The position of the key that names ``at`` (falls back to the value)."""
        return self.keys.get(at) or self.locate(at)

    def __getstate__(self) -> tuple[str, Any, str | None, str | None]:
        return (self.path, self.data, self.text, self.origin)

    def __setstate__(self, state: tuple[str, Any, str | None, str | None]) -> None:
        self.path, self.data, self.text, self.origin = state
        self._values = self._keys = None


class _Unusable(Exception):
    """The file cannot be turned into data at all (a bomb, a cycle, runaway nesting)."""

    def __init__(self, position: Position, rule: str, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.rule = rule
        self.message = message


@dataclass
class _Frame:
    """A list or mapping being built."""

    value: list[Any] | dict[str, Any]
    at: Path
    anchor: str | None
    size: int = 1
    key: str | None = None
    key_position: Position | None = None
    awaiting_value: bool = False
    skip_value: bool = False
    rejected: bool = False


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.total = 0
        self.root: Any = None

    def error(self, position: Position, rule: str, message: str) -> None:
        line, column = position
        self.findings.append(Finding(self.path, line, column, rule, Severity.ERROR, message))

    def build(self, parser: Any) -> Any:
        parser.get_event()  # stream start
        if isinstance(parser.peek_event(), StreamEndEvent):
            raise _Unusable((1, 1), "YAML005", "the file is empty")
        parser.get_event()  # document start
        events = 0
        while True:
            event = parser.get_event()
            events += 1
            if events > MAX_VALUES:
                line, column = event.start_mark.line + 1, event.start_mark.column + 1
                raise _Unusable(
                    (line, column),
                    "YAML004",
                    f"the file holds more than {MAX_VALUES:,} values: a data file is far smaller",
                )
            position = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, ScalarEvent):
                self.place(self.scalar(event, position), position, 1, event.anchor)
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                self.open(event, position)
            elif isinstance(event, AliasEvent):
                self.alias(event.anchor or "", position)
            elif not self.stack:
                break  # document end
            else:
                self.close()
        return self.root

    def next_path(self) -> Path:
        """Where the next value goes (a path no lookup matches, for a key or a skipped value)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.value, list):
            return (*frame.at, len(frame.value))
        if frame.awaiting_value and frame.key is not None:
            return (*frame.at, frame.key)
        return (*frame.at, "\x00")

    def place(self, value: Any, position: Position, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.values[()] = position
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        if isinstance(frame.value, list):
            self.values.setdefault((*frame.at, len(frame.value)), position)
            frame.value.append(value)
            return
        if not frame.awaiting_value:
            self.take_key(frame, value, position)
            return
        frame.awaiting_value = False
        if frame.skip_value or frame.key is None:
            frame.skip_value = False
            return
        at = (*frame.at, frame.key)
        self.values.setdefault(at, position)
        self.keys[at] = frame.key_position or position
        frame.value[frame.key] = value

    def take_key(self, frame: _Frame, key: Any, position: Position) -> None:
        frame.awaiting_value = True
        frame.key, frame.key_position, frame.skip_value = None, position, True
        if isinstance(key, (dict, list)):
            self.error(position, "YAML006", "a key must be plain text, not a list or mapping")
        elif key == "<<":
            self.error(position, "YAML006", "merge keys (<<) are not supported: write the keys out")
        elif isinstance(frame.value, dict) and str(key) in frame.value:
            first_line = self.keys[(*frame.at, str(key))][0]
            self.error(position, "YAML002", f"duplicate key '{key}': it is already set on line {first_line}")
        else:
            frame.key, frame.skip_value = _key_text(key), False

    def open(self, event: MappingStartEvent | SequenceStartEvent, position: Position) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise _Unusable(position, "YAML004", f"lists and mappings nest deeper than {MAX_DEPTH} levels")
        accepted = self.check_tag(event.tag, position)
        at = self.next_path()
        value: list[Any] | dict[str, Any] = {} if isinstance(event, MappingStartEvent) else []
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(_Frame(value, at, event.anchor, rejected=not accepted))
        self.values.setdefault(at, position)

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
        value = None if frame.rejected else frame.value
        self.place(value, self.values.get(frame.at, (1, 1)), frame.size, frame.anchor)

    def alias(self, anchor: str, position: Position) -> None:
        if anchor in self.open_anchors:
            raise _Unusable(position, "YAML004", f"alias *{anchor} refers to the value that contains it")
        found = self.anchors.get(anchor)
        if found is None:
            raise _Unusable(
                position,
                "YAML008",
                f"alias *{anchor} names no anchor: put &{anchor} on a value above it, or write the value out here",
            )
        value, size = found
        self.total += size
        if self.total > MAX_VALUES:
            raise _Unusable(
                position, "YAML004", f"aliases expand to more than {MAX_VALUES:,} values: write the values out"
            )
        self.place(value, position, size, None)

    def check_tag(self, tag: str | None, position: Position) -> bool:
        if tag is None or tag == "!" or tag in _ALLOWED_TAGS:
            return True
        name = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.error(
            position,
            "YAML003",
            f"tag {name} is not allowed: data files hold plain text, numbers, true/false, lists and mappings",
        )
        return False

    def scalar(self, event: ScalarEvent, position: Position) -> Any:
        text = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0]:
                return text
            tag = _resolve(text)
        elif not self.check_tag(tag, position):
            return None
        kind = tag[len(_TAG) :]
        try:
            return _construct(kind, text)
        except ValueError:
            self.error(position, "YAML003", f"'{text}' is not a valid {kind}")
            return None


_STR, _NULL_TAG, _BOOL_TAG, _INT_TAG, _FLOAT_TAG = (f"{_TAG}{kind}" for kind in ("str", "null", "bool", "int", "float"))


def _resolve(text: str) -> str:
    """The core-schema tag of a plain scalar (most are text, decided by the first character)."""
    if not text:
        return _NULL_TAG
    first = text[0]
    if first in "~nN":
        return _NULL_TAG if _NULL.match(text) else _STR
    if first in "tTfF":
        return _BOOL_TAG if _BOOL.match(text) else _STR
    if first in "-+0123456789.":
        if _INT.match(text):
            return _INT_TAG
        if _FLOAT.match(text):
            return _FLOAT_TAG
    return _STR


def _construct(kind: str, text: str) -> Any:
    if kind == "str":
        return text
    if kind == "null":
        if not _NULL.match(text):
            raise ValueError(text)
        return None
    if kind == "bool":
        if not _BOOL.match(text):
            raise ValueError(text)
        return text.lower() == "true"
    if kind == "int":
        return int(text, 0) if text.startswith(("0o", "0x")) else int(text, 10)
    lowered = text.lower()
    if lowered.lstrip("+-") == ".inf":
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Finding]]:
    """The file's text, or a finding that says where it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}): save it as UTF-8"
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            line, column, message = 1, 1, "the file is UTF-16 text: save it as UTF-8"
        return None, [Finding(path, line, column, "YAML001", Severity.ERROR, message)]


#: What sends a file to the careful reader: anchors and aliases, tags, merge keys, deep nesting.
_NEEDS_CARE = re.compile(r"(?:^|[\s\[{,:?-])[&*!][^\s,\[\]{}]|<<")
#: A text longer than this is read by the careful reader, which stops at MAX_VALUES values
#: (libyaml's fast path builds every node of a file of millions of values first).
_LARGE = 256_000
#: More openers than this and a file could nest deeper than libyaml's reader can follow.
_MOST_OPENERS = 4096


class _NotPlain(Exception):
    """The fast reader met something only the careful reader reports well."""


class _PlainConstructor(yaml.constructor.BaseConstructor):
    """Builds plain data with the same core-schema meaning as the careful reader."""

    depth = 0

    def construct_plain_mapping(self, node: Any) -> dict[str, Any]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _NotPlain
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.nodes.ScalarNode):
                raise _NotPlain
            key = _key_text(self.construct_object(key_node, deep=True))
            if key in result or key == "<<":
                raise _NotPlain
            result[key] = self.construct_object(value_node, deep=True)
        self.depth -= 1
        return result

    def construct_plain_sequence(self, node: Any) -> list[Any]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _NotPlain
        result = [self.construct_object(child, deep=True) for child in node.value]
        self.depth -= 1
        return result

    def construct_undefined(self, node: Any) -> Any:
        raise _NotPlain


_PlainConstructor.yaml_constructors = {
    f"{_TAG}map": _PlainConstructor.construct_plain_mapping,
    f"{_TAG}seq": _PlainConstructor.construct_plain_sequence,
    None: _PlainConstructor.construct_undefined,
}
for _kind in ("str", "int", "float", "bool", "null"):
    _PlainConstructor.yaml_constructors[f"{_TAG}{_kind}"] = lambda self, node, kind=_kind: _construct(kind, node.value)


class _PlainResolver(yaml.resolver.BaseResolver):
    """Resolves plain scalars exactly as the careful reader does."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.nodes.ScalarNode:
            return _resolve(value) if implicit[0] else f"{_TAG}str"
        tag: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag


_PlainLoader: Any = None
if yaml.__with_libyaml__:

    class _CPlainLoader(yaml.cyaml.CParser, _PlainConstructor, _PlainResolver):  # type: ignore[misc, name-defined]
        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
            _PlainConstructor.__init__(self)
            _PlainResolver.__init__(self)

    _PlainLoader = _CPlainLoader


def _key_text(key: Any) -> str:
    if key is None:
        return ""
    if isinstance(key, bool):
        return str(key).lower()
    if isinstance(key, (dict, list)):
        raise _NotPlain
    return str(key)


def _parse_plain(text: str, entry_lines: list[int] | None = None) -> Any:
    """The data of an ordinary file, as fast as libyaml reads it; _NotPlain for anything else.

    ``entry_lines`` gets the lines (from 0) where the keys of a top-level mapping start.
    """
    if _PlainLoader is None:
        raise _NotPlain
    if ("&" in text or "*" in text or "!" in text or "<<" in text) and _NEEDS_CARE.search(text):
        raise _NotPlain
    if text.count("[") + text.count("{") + text.count("- ") > _MOST_OPENERS:
        raise _NotPlain
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
        if entry_lines is not None and isinstance(node, yaml.nodes.MappingNode):
            entry_lines.extend(key.start_mark.line for key, _ in node.value)
        data = None if node is None else loader.construct_document(node)
    except (yaml.YAMLError, ValueError, RecursionError):
        raise _NotPlain from None
    finally:
        loader.dispose()
    if data is None:
        raise _NotPlain
    return data


def parse(path: str, text: str) -> tuple[Document | None, list[Finding]]:
    """Parse one YAML file. Returns the document (None when unusable) and its findings.

    Ordinary files take the fast path (libyaml builds the data; positions are worked out
    only if a finding needs them); anything unusual is read event by event, which reports
    every problem with its line and column.
    """
    if len(text) > _LARGE:
        return parse_carefully(path, text)
    entry_lines: list[int] = []
    try:
        return Document(path, _parse_plain(text, entry_lines), text=text, entry_lines=frozenset(entry_lines)), []
    except _NotPlain:
        return parse_carefully(path, text)


def parse_carefully(path: str, text: str) -> tuple[Document | None, list[Finding]]:
    """Parse one YAML file event by event, recording every position and every problem."""
    builder = _Builder(path)
    parser = _EventParser(text)
    try:
        data = builder.build(parser)
        extra = parser.peek_event()
        if isinstance(extra, DocumentStartEvent):
            line, column = (extra.start_mark.line + 1, extra.start_mark.column + 1) if extra.start_mark else (1, 1)
            message = "a data file holds one YAML document; remove the second '---' and what follows"
            return None, [Finding(path, line, column, "YAML007", Severity.ERROR, message)]
    except yaml.YAMLError as error:
        return None, [explain(path, text, error)]
    except _Unusable as unusable:
        line, column = unusable.position
        return None, [Finding(path, line, column, unusable.rule, Severity.ERROR, unusable.message)]
    finally:
        parser.dispose()
    if data is None and not builder.findings:
        line, column = builder.values.get((), (1, 1))
        return None, [Finding(path, line, column, "YAML005", Severity.ERROR, "the file is empty")]
    return Document(path, data, builder.values, builder.keys, text=text), builder.findings


def too_large(path: str, limit: int) -> Finding:
    """The finding about a file over the size limit (it is not parsed, nor read past the limit)."""
    message = (
        f"the file is larger than the {limit / 1_000_000:g} MB a data file may hold: split it, or raise "
        "max_file_mb in playbook.yaml"
    )
    return Finding(path, 1, 1, "YAML009", Severity.ERROR, message)


def load(path: str, raw: bytes, limit: int = MAX_FILE_BYTES) -> tuple[Document | None, list[Finding]]:
    """Decode and parse one file's bytes (refused unread when there are more than ``limit``)."""
    if len(raw) > limit:
        return None, [too_large(path, limit)]
    text, findings = decode(path, raw)
    if text is None:
        return None, findings
    return parse(path, text)
