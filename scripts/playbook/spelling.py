"""Did you mean: the one known name close enough to a mistyped one to be what was meant.

A suggestion is made only for a slip of the keyboard: the known name differs from the typed
one (of four characters or more) by at most one edit in three characters, an edit being a
letter added, dropped, changed, or two neighbours swapped; or only in case and separators.
An unrelated id (``north`` for ``northeast``) gets no suggestion: a wrong guess sends the
reader the wrong way.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Words shorter than this get no suggestion by edits: one edit turns 'tb' into 'eb', another real id.
_SHORTEST = 4


def closest(word: str, known: Iterable[str]) -> str | None:
    """The known name ``word`` is most likely a slip for, or None when none is close."""
    best: tuple[int, str] | None = None
    folded = _fold(word)
    allowed = max(len(word), 3) // 3
    for candidate in known:
        if candidate == word:
            continue
        if _fold(candidate) == folded:
            return candidate
        if len(word) < _SHORTEST or abs(len(candidate) - len(word)) > allowed:
            continue
        distance = edits(word, candidate, allowed)
        if distance <= allowed and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best is not None else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """``; did you mean 'x'?`` for a close known name, or nothing."""
    close = closest(word, known)
    return f"; did you mean '{close}'?" if close else ""


def _fold(word: str) -> str:
    return word.lower().replace("_", "-").replace(" ", "-")


def edits(first: str, second: str, limit: int) -> int:
    """The optimal-string-alignment distance between two words (more than ``limit`` once it exceeds it)."""
    previous_row: list[int] | None = None
    row = list(range(len(second) + 1))
    for i in range(1, len(first) + 1):
        current = [i] + [0] * len(second)
        for j in range(1, len(second) + 1):
            cost = 0 if first[i - 1] == second[j - 1] else 1
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if (
                previous_row is not None
                and i > 1
                and j > 1
                and first[i - 1] == second[j - 2]
                and first[i - 2] == second[j - 1]
            ):
                current[j] = min(current[j], previous_row[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_row, row = row, current
    return row[-1]
