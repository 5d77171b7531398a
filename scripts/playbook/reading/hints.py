"""Plain words for mistakes that read as valid YAML but not as what was meant.

``{zh： 李娜}`` reads as one key ``zh： 李娜``; ``{en: East China (Shanghai, Zhejiang)}`` reads
as the keys ``en`` and ``Zhejiang)``. The shape check then finds unknown keys; these hints
say instead what to type, at the place where it goes.
"""

from __future__ import annotations

from playbook.documents import Document, Path
from playbook.reading import punctuation
from playbook.reading.syntax import quote_advice

#: A hint: 1-based line and column, and the message.
Hint = tuple[int, int, str]


def unknown_key(document: Document, at: Path) -> Hint | None:
    """Better words for an unknown key typed with full-width punctuation, or split off a value by ', '."""
    key = str(at[-1])
    line, column = document.locate_key(at)
    text = document.line_text(line)
    char = punctuation.in_text(key)
    if char is not None:
        offset = key.find(char)
        found = text.find(key, column - 1) if text else -1
        where = (line, found + offset + 1) if found >= 0 else (line, column)
        fixed = key.replace("：", ": ").replace("\u3000", " ").replace(":  ", ": ")
        return (*where, f"unknown key '{key}': {punctuation.name(char)}; write '{fixed.strip()}'")
    if text is None:
        return None
    return _split_value(text, line, column - 1)


def mapping_in_flow(document: Document, at: Path) -> Hint | None:
    """An item of [...] that holds ': ' unquoted, which YAML reads as a mapping instead of text."""
    line, column = document.locate(at)
    text = document.line_text(line)
    if text is None or "[" not in text[: column - 1] or ": " not in text[column - 1 :]:
        return None
    return line, column, quote_advice(text, column - 1, True, ": ")


def _split_value(text: str, line: int, column: int) -> Hint | None:
    """A key with no ':' inside {...} that follows ', ': the value before it held ', ' unquoted."""
    before = text[:column].rstrip()
    if not before.endswith(",") or "{" not in before:
        return None
    after = text[column:]
    piece = after.split(",", 1)[0].split("}", 1)[0]
    if ":" in piece:
        return None
    for index in range(len(before) - 1, -1, -1):
        char = before[index]
        if char == "{":
            return None
        if char == ":" and before[index + 1 : index + 2] == " ":
            start = index + 1
            while start < len(text) and text[start] == " ":
                start += 1
            return line, start + 1, quote_advice(text, start, True, ", ")
    return None


def value(text: str) -> str:
    """A note to add when a value read as text holds full-width punctuation typed for YAML's structure."""
    char = punctuation.in_text(text)
    return f" ({punctuation.name(char)})" if char is not None else ""
