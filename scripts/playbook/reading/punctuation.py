"""Full-width punctuation, as a Chinese input method types it, named with the ASCII character to type.

YAML's structure is written in ASCII: ``：`` is not a colon to it, nor ``，`` a comma, nor the
ideographic space a space. The same characters are ordinary text inside a Chinese name
(``中国（北京）``), so a character is blamed only where YAML expects its ASCII twin: after a
key, at the start of a value, in the indentation, between the items of ``[…]`` or ``{…}``.
"""

from __future__ import annotations

from typing import NamedTuple


class FullWidth(NamedTuple):
    """A full-width character: what it is called, in English and Chinese, and what to type."""

    english: str
    chinese: str
    ascii: str


FULL_WIDTH: dict[str, FullWidth] = {
    "：": FullWidth("full-width colon", "全角冒号", ":"),
    "，": FullWidth("full-width comma", "全角逗号", ","),
    "、": FullWidth("enumeration comma", "顿号", ","),
    "；": FullWidth("full-width semicolon", "全角分号", ","),
    "“": FullWidth("full-width quote", "全角引号", '"'),
    "”": FullWidth("full-width quote", "全角引号", '"'),
    "‘": FullWidth("full-width quote", "全角引号", "'"),
    "’": FullWidth("full-width quote", "全角引号", "'"),
    "（": FullWidth("full-width parenthesis", "全角括号", "("),
    "）": FullWidth("full-width parenthesis", "全角括号", ")"),
    "［": FullWidth("full-width bracket", "全角方括号", "["),
    "］": FullWidth("full-width bracket", "全角方括号", "]"),
    "｛": FullWidth("full-width brace", "全角花括号", "{"),
    "｝": FullWidth("full-width brace", "全角花括号", "}"),
    "－": FullWidth("full-width hyphen", "全角连字符", "-"),
    "＃": FullWidth("full-width number sign", "全角井号", "#"),
    "\u3000": FullWidth("ideographic space", "全角空格", " "),
}
#: Characters that YAML reads as structure only at the start of a line: '- ' of an item, '#' of a comment.
_LINE_STARTS = "－＃"
#: Characters that open a value when typed where YAML expects a quote or a bracket.
_OPENERS = "“‘［｛（"
#: Characters that separate items inside [...] or {...} when typed for a comma.
_SEPARATORS = "，、；"


def name(char: str) -> str:
    """The character named, with what to type instead, in English and in Chinese."""
    known = FULL_WIDTH[char]
    if char == "\u3000":
        return f"{known.english} (U+3000, {known.chinese}): type an ordinary space instead (改为半角空格)"
    typed = {
        ",": "comma",
        ":": "colon",
        '"': "double quote",
        "'": "single quote",
        "-": "hyphen",
        "#": "number sign",
    }.get(known.ascii, "character")
    return (
        f"{known.english} '{char}' (U+{ord(char):04X}, {known.chinese}): type the ASCII {typed} "
        f"'{known.ascii}' instead (改为半角 '{known.ascii}')"
    )


def structural(line: str) -> int | None:
    """The index of the first full-width character in ``line`` typed where YAML wants its ASCII twin."""
    quote: str | None = None
    flow = 0
    colon_seen = False
    for index, char in enumerate(line):
        if quote is not None:
            if char == quote:
                quote = None
            continue
        if char in "\"'" and starts_value(line, index):
            quote = char
            continue
        if char == "#" and (index == 0 or line[index - 1] in " \t"):
            return None
        if char in "[{":
            flow += 1
        elif char in "]}":
            flow = max(0, flow - 1)
        elif char == ":" and (index + 1 == len(line) or line[index + 1] in " \t"):
            colon_seen = True
        if char not in FULL_WIDTH:
            continue
        if char == "：" and (not colon_seen or flow):
            return index
        if char == "\u3000" and (not line[:index].strip() or starts_value(line, index)):
            return index
        if char in _LINE_STARTS and not line[:index].strip():
            return index
        if char in _OPENERS and starts_value(line, index):
            return index
        if char in _SEPARATORS and flow:
            return index
    return None


def starts_value(line: str, index: int) -> bool:
    """Whether ``line[index]`` is the first character of a value (after ': ', '- ', '[', '{' or ',')."""
    before = line[:index].rstrip(" \t\u3000")
    return not before.strip(" -") or before.endswith((":", "-", "[", "{", ","))


def in_text(text: str) -> str | None:
    """The first full-width character of a value or key read as text, typed for YAML's structure."""
    position = structural(text)
    if position is not None:
        return text[position]
    stripped = text.strip()
    if stripped and stripped[0] in _OPENERS:
        return stripped[0]
    return None
