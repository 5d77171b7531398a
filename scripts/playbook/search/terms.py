"""The words an index entry is found by: names and aliases, and every suffix of their Chinese runs.

Both engines match a query against the start of an indexed word (a prefix search). Indexing
every suffix of a name's Chinese characters, two characters long or more, makes any run of two
or more characters of the name the start of an indexed word: 滨海省税务局 is indexed as
滨海省税务局, 海省税务局, 省税务局, 税务局 and 务局, so 省税 and 海省税 find it.

MkDocs' search (mkdocs-material) splits Chinese into words with jieba when it builds the index,
and in the browser cuts a Chinese query greedily into the indexed words that start it, leaving
out the query's last character; a query of two characters whose first is itself an indexed word
becomes that one character. ``without_single_characters`` joins every one-character word jieba
cut off to its neighbour, so that no single Chinese character is an indexed word and a
two-character query stays whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A run of Chinese characters (CJK unified ideographs, their extensions and compatibility forms).
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
#: What MkDocs' search puts between the words jieba cut from a run of Chinese characters.
WORD_BREAK = "\u200b"
_SEGMENTED_RUN = re.compile(rf"(?:{HAN_RUN.pattern})(?:{WORD_BREAK}(?:{HAN_RUN.pattern}))+")
#: The shortest suffix indexed: one character would match every word that starts with it.
SHORTEST = 2
#: The longest: a run of up to this many characters is found wherever it starts in a name, and
#: a name thousands of characters long adds no more than this many characters per character.
LONGEST = 16


def suffixes(run: str) -> list[str]:
    """Every suffix of ``run`` at least two characters long (its first 16 characters), the whole run first."""
    return [run[start : start + LONGEST] for start in range(len(run) - SHORTEST + 1)]


def terms(names: Iterable[str]) -> tuple[str, ...]:
    """What an entry is found by: each name's words, and the suffixes of its Chinese runs; once each, in order."""
    found: dict[str, None] = {}
    for name in names:
        for word in name.split():
            found.setdefault(word, None)
        for run in HAN_RUN.findall(name):
            for suffix in suffixes(run):
                found.setdefault(suffix, None)
    return tuple(found)


def without_single_characters(segmented: str) -> str:
    """``segmented`` (jieba's words joined by zero-width spaces) with no one-character Chinese word.

    A one-character word is joined to the word after it, or, at the end of a run, to the word
    before it. What the text shows does not change: only zero-width spaces are removed.
    """
    return _SEGMENTED_RUN.sub(lambda match: WORD_BREAK.join(_joined(match.group(0).split(WORD_BREAK))), segmented)


def _joined(words: list[str]) -> list[str]:
    result: list[str] = []
    pending = ""
    for word in words:
        word = pending + word
        pending = ""
        if len(word) < SHORTEST:
            pending = word
        else:
            result.append(word)
    if pending:
        if result:
            result[-1] += pending
        else:
            result.append(pending)
    return result
