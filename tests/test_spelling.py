"""Did you mean: only close matches are suggested."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.cli import main
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


@pytest.mark.parametrize(
    ("region", "words"),
    [("nroth", "region 'nroth' is not defined; did you mean 'north'?"), ("northeast", "is not defined")],
)
def test_validate_suggests_only_a_close_region(
    region: str, words: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account = base_repo / "data/accounts/acme/account.yaml"
    account.write_text(account.read_text(encoding="utf-8").replace("region: north", f"region: {region}"), "utf-8")
    main(["validate", "--root", str(base_repo), "--format", "json", "--today", "2026-10-15"])
    findings = [f for f in json.loads(capsys.readouterr().out)["findings"] if f["rule"] == "REF003"]
    assert [(f["path"], f["line"], f["column"]) for f in findings] == [("data/accounts/acme/account.yaml", 5, 9)]
    assert words in findings[0]["message"]
    assert ("did you mean" in findings[0]["message"]) == (region == "nroth")
