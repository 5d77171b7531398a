"""A YAML syntax error in plain words: where the mistake is, what it is and what to type.

libyaml stops where it can no longer go on, which is often the line after the mistake, and
says so in a parser's terms ("while scanning a simple key, could not find expected ':'").
This module looks at the text around that place for the mistakes people make — full-width
punctuation, tabs, a value holding ': ' or ', ' that needs quotes, a line indented to no
key, a quote or a bracket never closed — and names the one it finds, at its own line and
column; the parser's words follow as a detail. It runs only for a file that failed to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from playbook.findings import Finding, Severity
from playbook.reading import punctuation

#: A mistake found: 0-based line and column, and the words that name it and its fix.
Found = tuple[int, int, str]


@dataclass(frozen=True)
class _Failure:
    """What the parser said, and the text it said it about."""

    lines: list[str]
    line: int
    column: int
    problem: str
    context: str
    context_at: tuple[int, int] | None

    def char(self, line: int, column: int) -> str:
        text = self.lines[line] if 0 <= line < len(self.lines) else ""
        return text[column] if 0 <= column < len(text) else ""

    def previous_content(self, line: int) -> int | None:
        """The nearest line above ``line`` that holds more than blanks or a comment."""
        for number in range(min(line, len(self.lines)) - 1, -1, -1):
            if _content(self.lines[number]):
                return number
        return None


def _content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def explain(path: str, text: str, error: Any) -> Finding:
    """The finding for a YAML syntax error in ``text``, located at the mistake itself."""
    if isinstance(getattr(error, "position", None), int) and isinstance(getattr(error, "character", None), int):
        return _unreadable_character(path, text, error.position, error.character)
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    mark = problem_mark or context_mark
    line, column = (mark.line, mark.column) if mark is not None else (0, 0)
    problem = str(getattr(error, "problem", None) or str(error).splitlines()[0])
    context = str(getattr(error, "context", None) or "")
    failure = _Failure(
        text.splitlines() or [""],
        line,
        column,
        problem,
        context,
        (context_mark.line, context_mark.column) if context_mark is not None else None,
    )
    detail = f"{context}, {problem}" if context else problem
    for diagnose in _DIAGNOSES:
        try:
            found = diagnose(failure)
        except (IndexError, ValueError):  # a guess about the text that does not hold: try the next one
            continue
        if found is not None:
            at_line, at_column, message = found
            return Finding(
                path, at_line + 1, at_column + 1, "YAML001", Severity.ERROR, f"{message} (YAML parser: {detail})"
            )
    return Finding(path, line + 1, column + 1, "YAML001", Severity.ERROR, f"YAML syntax error: {detail}")


def _unreadable_character(path: str, text: str, offset: int, character: int) -> Finding:
    """A character YAML refuses (a control character such as NUL), at its place (``offset`` counts UTF-8 bytes)."""
    before = text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    message = f"a control character (U+{character:04X}) that a text file does not hold: delete it"
    return Finding(path, line, column, "YAML001", Severity.ERROR, message)


def _too_deep(failure: _Failure) -> Found | None:
    if "maximum nesting depth" not in failure.problem:
        return None
    return failure.line, failure.column, "lists and mappings nest too deep here: a data file nests a few levels"


def _tab(failure: _Failure) -> Found | None:
    """A tab in the indentation of a line up to the one the parser stopped at."""
    for number, text in enumerate(failure.lines[: failure.line + 1]):
        leading = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in leading and _content(text):
            return (
                number,
                leading.index("\t"),
                "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
            )
    if failure.char(failure.line, failure.column) == "\t":
        return (
            failure.line,
            failure.column,
            "a tab: YAML indents and separates with spaces only; replace it with spaces",
        )
    return None


def _full_width(failure: _Failure) -> Found | None:
    """Full-width punctuation where YAML wants its ASCII twin, on the lines around the stop."""
    candidates = [failure.line]
    previous = failure.previous_content(failure.line)
    if previous is not None:
        candidates.insert(0, previous)
    if failure.context_at is not None and failure.context_at[0] not in candidates:
        candidates.insert(0, failure.context_at[0])
    for number in candidates:
        text = failure.lines[number] if number < len(failure.lines) else ""
        if _in_block_text(failure, number):
            continue  # the text of a '|' or '>' value: any punctuation is just text there
        index = punctuation.structural(text)
        if index is not None:
            return number, index, punctuation.name(text[index])
    return None


_BLOCK_INDICATOR = re.compile(r"(?:^|[:\s-])[|>][-+0-9]*\s*(?:#.*)?$")


def _in_block_text(failure: _Failure, line: int) -> bool:
    """Whether ``line`` is inside the text of a block value ('|' or '>') started above it."""
    if line >= len(failure.lines):
        return False
    indent = _indent(failure.lines[line])
    for number in range(line - 1, -1, -1):
        text = failure.lines[number]
        if not _content(text) or _indent(text) >= indent:
            continue
        return bool(_BLOCK_INDICATOR.search(text))
    return False


def _unclosed_quote(failure: _Failure) -> Found | None:
    if not failure.context.startswith("while scanning a quoted scalar") or failure.context_at is None:
        return None
    line, column = failure.context_at
    quote = failure.char(line, column) or '"'
    return line, column, f"the quote {quote} that opens this value is never closed: end the value with {quote}"


def _quote_closed_early(failure: _Failure) -> Found | None:
    """A quoted value whose quote closes before its end, as in 'it's'."""
    text = failure.lines[failure.line] if failure.line < len(failure.lines) else ""
    before = text[: failure.column].rstrip(" ")
    if not before.endswith(("'", '"')) or failure.column >= len(text) or text[failure.column] in "#,]}":
        return None
    quote = before[-1]
    opening = before[:-1].find(quote)
    if opening < 0 or not punctuation.starts_value(text, opening):
        return None
    inside = "write the ' inside as '' (two quotes)" if quote == "'" else 'write the " inside as \\"'
    message = f"the value's closing quote {quote} comes before the end of the value: {inside}, or quote it with " + (
        '"' if quote == "'" else "'"
    )
    return failure.line, len(before) - 1, message


def _reserved(failure: _Failure) -> Found | None:
    char = failure.char(failure.line, failure.column)
    if "cannot start any token" not in failure.problem or char not in "@`%":
        return None
    text = failure.lines[failure.line]
    value = text[failure.column :].strip()
    return failure.line, failure.column, f"a value cannot start with '{char}' unless quoted: write \"{value}\""


def _value_start(text: str, stop: int) -> int | None:
    """Where the value holding ``text[stop]`` starts: after the key's ': ' (or the item's '- ', '[', ',')."""
    depth = 0
    for index in range(stop - 1, -1, -1):
        char = text[index]
        if char in ")）":
            depth += 1
        elif char in "(（":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in "[{," or (char == ":" and text[index + 1 : index + 2] == " ")):
            if char == ":":
                first = index + 1
                for earlier in range(index - 1, -1, -1):  # the first ': ' after the last bracket or comma
                    if text[earlier] in "[{,":
                        break
                    if text[earlier] == ":" and text[earlier + 1 : earlier + 2] == " ":
                        first = earlier + 1
                index = first - 1
            start = index + 1
            while start < len(text) and text[start] == " ":
                start += 1
            return start
    return None


def _value_end(text: str, start: int, flow: bool, at_comma: bool) -> int:
    """Where a value that starts at ``start`` ends: the comment, the closing bracket, or (``at_comma``) a comma."""
    if not flow:
        comment = text.find(" #", start)
        return comment if comment >= 0 else len(text.rstrip())
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char in "([{（":
            depth += 1
        elif char in ")]}）":
            if depth == 0:
                return index
            depth -= 1
        elif char == "," and depth == 0 and at_comma:
            return index
    return len(text.rstrip())


def _innermost(text: str, start: int) -> str:
    """The bracket, '[' or '{', that is open at ``start`` (empty outside any)."""
    opened: list[str] = []
    for char in text[:start]:
        if char in "[{":
            opened.append(char)
        elif char in "]}" and opened:
            opened.pop()
    return opened[-1] if opened else ""


def quote_advice(text: str, start: int, flow: bool, separator: str) -> str:
    """Put the value that starts at ``start`` in quotes, showing it quoted (with its key, in a mapping)."""
    end = _value_end(text, start, flow, at_comma=separator != ", ")
    value = text[start:end].rstrip()
    opener = _innermost(text, start) if flow else ""
    key_end = text.rfind(":", 0, start)
    key = re.split(r"[{\[,]", text[:key_end])[-1].strip(" -") if key_end > 0 and opener != "[" else ""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    where = {"[": " inside […]", "{": " inside {…}"}.get(opener, "")
    shown = f"{key}: {quoted}" if key else quoted
    return f"the value holds '{separator}'{where}, which YAML reads as structure: put the value in quotes: {shown}"


def _colon_in_value(failure: _Failure) -> Found | None:
    """A value holding ': ' (inside [...] or {...}, or after a key's own ': ')."""
    text = failure.lines[failure.line] if failure.line < len(failure.lines) else ""
    if failure.char(failure.line, failure.column) != ":":
        return None
    flow = failure.context.startswith("while parsing a flow")
    if not flow and "mapping values are not allowed" not in failure.problem:
        return None
    start = _value_start(text, failure.column)
    if start is None or start >= failure.column:
        return None
    if not flow and ": " not in text[:start]:
        return None
    return failure.line, start, quote_advice(text, start, flow, ": ")


def _unclosed_bracket(failure: _Failure) -> Found | None:
    if not failure.context.startswith("while parsing a flow") or failure.context_at is None:
        return None
    line, column = failure.context_at
    opener = failure.char(line, column) or "["
    closer = {"[": "]", "{": "}"}.get(opener, "]")
    return (
        line,
        column,
        f"the '{opener}' opened here is not closed: end it with '{closer}' (and quote values that hold ',')",
    )


def _open_levels(failure: _Failure, line: int) -> list[tuple[int, int, str]]:
    """The keys above ``line`` a line could line up with: (indent, line, key), innermost first."""
    levels: list[tuple[int, int, str]] = []
    smallest: int | None = None
    for number in range(line - 1, -1, -1):
        text = failure.lines[number]
        if not _content(text):
            continue
        body = text.lstrip(" ")
        indent = len(text) - len(body)
        while body.startswith("- "):
            indent += 2
            body = body[2:].lstrip(" ")
            indent = len(text) - len(body)
        key = body.split(":", 1)[0].strip() if ":" in body else body.strip()
        if smallest is None or indent < smallest:
            levels.append((indent, number, key))
            smallest = indent
        if indent == 0:
            break
    return levels


def _indentation(failure: _Failure) -> Found | None:
    """A line that starts in a column no key above it starts in."""
    problem, context = failure.problem, failure.context
    stray_value = "mapping values are not allowed" in problem
    if not (
        stray_value
        or "did not find expected key" in problem
        or "expected '-' indicator" in problem
        or "expected <block end>" in problem
    ):
        return None
    line = failure.line
    if line >= len(failure.lines) or not _content(failure.lines[line]):
        return None
    text = failure.lines[line]
    indent = _indent(text)
    levels = _open_levels(failure, line)
    if not levels:
        return None
    if stray_value:
        above = failure.previous_content(line)
        if above is None or indent <= _indent(failure.lines[above]) or ": " not in failure.lines[above]:
            return None
        if ": " in text[indent : failure.column]:
            return None
        key = failure.lines[above].split(":", 1)[0].strip(" -")
        column = _indent(failure.lines[above])
        return (
            line,
            indent,
            (
                f"this line is indented more than '{key}' on line {above + 1}, which already has a value: "
                f"start it in column {column + 1} to make it a key beside '{key}'"
            ),
        )
    if "block mapping" not in context and "block collection" not in context:
        return None
    if any(level == indent for level, _, _ in levels):
        return None
    inner = [level for level in levels if level[0] > indent]
    outer = [level for level in levels if level[0] < indent]
    options = [
        f"column {level + 1} beside '{key}' (line {number + 1})" for level, number, key in inner[-1:] + outer[:1]
    ]
    return (
        line,
        indent,
        f"this line starts in column {indent + 1}, where no key above it starts: start it in " + (" or ".join(options)),
    )


def _missing_colon(failure: _Failure) -> Found | None:
    if "could not find expected ':'" not in failure.problem or failure.context_at is None:
        return None
    line, column = failure.context_at
    text = failure.lines[line] if line < len(failure.lines) else ""
    words = text[column:].split(None, 1)
    if not words:
        return None
    key = words[0]
    rest = words[1].rstrip() if len(words) > 1 else "VALUE"
    return line, column + len(key), f"'{key}' has no ':' after it: write '{key}: {rest}'"


_DIAGNOSES: list[Callable[[_Failure], Found | None]] = [
    _too_deep,
    _tab,
    _full_width,
    _unclosed_quote,
    _quote_closed_early,
    _reserved,
    _colon_in_value,
    _indentation,
    _unclosed_bracket,
    _missing_colon,
]
