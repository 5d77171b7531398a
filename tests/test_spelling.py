"""Did you mean: only close matches are suggested."""

from __future__ import annotations

import pytest

from playbook.spelling import closest, did_you_mean


@pytest.mark.parametrize(
    ("typed", "known", "suggested"),
    [
        ("charterr", ["charter", "members"], "charter"),
        ("lifecylce", ["lifecycle", "tier"], "lifecycle"),
        ("finance-key-acounts", ["finance-key-accounts", "north-region"], "finance-key-accounts"),
        ("East-China", ["east-china"], "east-china"),
        ("east_china", ["east-china"], "east-china"),
        ("nort", ["north", "northeast"], "north"),
    ],
)
def test_a_slip_of_the_keyboard_is_suggested(typed: str, known: list[str], suggested: str) -> None:
    assert closest(typed, known) == suggested
    assert did_you_mean(typed, known) == f"; did you mean '{suggested}'?"


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("north", ["northeast"]),
        ("east", ["northeast", "east-china"]),
        ("south-west", ["northeast"]),
        ("finance-ka", ["finance-key-accounts"]),
        ("tb", ["eb", "ub"]),
        ("banking", ["insurance", "energy"]),
    ],
)
def test_an_unrelated_id_gets_no_suggestion(typed: str, known: list[str]) -> None:
    assert closest(typed, known) is None
    assert did_you_mean(typed, known) == ""


def test_the_nearest_of_several_is_suggested() -> None:
    assert closest("amy-arr", ["amy-sr", "amy-ar"]) == "amy-ar"
