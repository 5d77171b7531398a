"""A revision's file made from the working file when they differ only in a few top-level values."""

from __future__ import annotations

from typing import Any

import pytest

from playbook.documents import parse
from playbook.reading.patched import derive, document_like

KNOWN = (
    "# a comment\n"
    "id: acme\n"
    "name: {zh: 甲, en: Acme}\n"
    "region: east\n"
    "owner: team-a\n"
    "goals:\n"
    "  - title: 'Grow: fast'\n"
    "    year: 2026\n"
    "size: 10\n"
)


def _data(text: str) -> Any:
    document, findings = parse("f.yaml", text)
    assert document is not None and findings == []
    return document.data


def _entries(text: str) -> frozenset[int]:
    document, _ = parse("f.yaml", text)
    assert document is not None and document.entry_lines is not None
    return document.entry_lines


@pytest.mark.parametrize(
    "text",
    [
        KNOWN.replace("region: east", "region: south"),
        KNOWN.replace("region: east", "region: south").replace("owner: team-a", "owner: team-b-renamed"),
        KNOWN.replace("size: 10", "size: 12"),
        KNOWN.replace("size: 10", "size: null"),
        KNOWN.replace("owner: team-a", "owner: true"),
    ],
)
def test_a_changed_top_level_value_is_what_parsing_gives(text: str) -> None:
    derived = derive(text, KNOWN, _data(KNOWN), _entries(KNOWN))
    assert derived == _data(text)
    assert list(derived) == list(_data(text))
    assert [type(value) for value in derived.values()] == [type(value) for value in _data(text).values()]


@pytest.mark.parametrize(
    ("known", "text"),
    [
        # a change below the top level, or of a key, or of a value that is not a plain word
        (KNOWN, KNOWN.replace("year: 2026", "year: 2027")),
        (KNOWN, KNOWN.replace("owner: team-a", "leader: team-a")),
        (KNOWN, KNOWN.replace("region: east", "region: 'south'")),
        (KNOWN, KNOWN.replace("region: east", "region: east # moved")),
        (KNOWN, KNOWN.replace("region: east\n", "region: east\nextra: 1\n")),
        # a line that looks like an entry but sits inside a quoted text or a list that spans lines
        (
            'id: acme\nnote: "first\nregion: east\nlast"\nregion: east\n',
            'id: acme\nnote: "first\nregion: south\nlast"\nregion: east\n',
        ),
        (
            "id: acme\nlist: [a,\nregion: east\n]\nregion: east\n",
            "id: acme\nlist: [a,\nregion: south\n]\nregion: east\n",
        ),
        # a value that goes on to the next line
        ("id: acme\nregion: east\n  more\n", "id: acme\nregion: south\n  more\n"),
    ],
)
def test_anything_else_is_left_to_the_parser(known: str, text: str) -> None:
    assert derive(text, known, _data(known), _entries(known)) is None


def test_the_document_keeps_the_text_for_positions() -> None:
    text = KNOWN.replace("region: east", "region: south")
    document = document_like("f.yaml", text.encode(), KNOWN, _data(KNOWN), _entries(KNOWN))
    assert document is not None
    assert document.data == _data(text)
    assert document.values[("region",)] == (4, 9)
    assert document_like("f.yaml", b"\xff" + text.encode(), KNOWN, _data(KNOWN), _entries(KNOWN)) is None


def test_the_top_level_entries_are_the_lines_the_reader_saw_them_on() -> None:
    assert _entries(KNOWN) == {1, 2, 3, 4, 5, 8}
    assert _entries('id: acme\nnote: "first\nregion: east\nlast"\nregion: east\n') == {0, 1, 4}


def test_a_change_far_down_a_long_file_is_made_too() -> None:
    known = KNOWN + "".join(f"k{index}: v{index}\n" for index in range(200)) + "last: old\n"
    text = known.replace("last: old", "last: new")
    assert derive(text, known, _data(known), _entries(known)) == _data(text)
