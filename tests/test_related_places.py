"""Findings that relate two files name both places, and show where a narrowed run asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.findings import Finding, Severity, narrowed

ACME = "data/accounts/acme/account.yaml"
BETA = "data/accounts/beta/account.yaml"


def _run(root: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, list[dict[str, object]]]:
    code = main(["validate", "--root", str(root), "--format", "json", "--today", "2026-10-15", *paths])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _strategic_acme_and_new_beta(root: Path) -> None:
    """acme becomes strategic (a dedicated AR); a new account beta then chooses acme's AR."""
    acme = yaml.safe_load((root / ACME).read_text(encoding="utf-8"))
    acme.update(tier="strategic", metrics={"annual-revenue": 1200})
    (root / ACME).write_text(yaml.safe_dump(acme, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (root / BETA).parent.mkdir(parents=True)
    (root / BETA).write_text(
        "id: beta\nname: {en: Beta Bank}\ntier: key\nindustry: banking\nregion: south\n"
        "owner: finance-key-accounts\nlifecycle: growth\niron_triangle: {ar: [amy-ar]}\n",
        encoding="utf-8",
    )


def test_dedicated_ar_chosen_again_is_shown_at_the_new_account(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _strategic_acme_and_new_beta(base_repo)
    code, findings = _run(base_repo, capsys, str(base_repo / BETA))
    assert code == 1
    load = [f for f in findings if f["rule"] == "LOAD003"]
    assert [(f["path"], f["line"], f["column"]) for f in load] == [(BETA, 8, 22)]
    message = str(load[0]["message"])
    assert "choose another AR for that account" in message and ACME in message
    assert load[0]["related"] == [f"{ACME}:18:5"]  # the AR entry in the rewritten acme file


def test_the_whole_run_reports_it_once_at_the_dedicated_account(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _strategic_acme_and_new_beta(base_repo)
    _, findings = _run(base_repo, capsys)
    load = [f for f in findings if f["rule"] == "LOAD003"]
    assert [(f["path"], f["related"]) for f in load] == [(ACME, [f"{BETA}:8:22"])]


def test_an_id_defined_twice_is_shown_at_either_file(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = "data/teams/delivery.yaml"
    copy = "data/teams/delivery-copy.yaml"
    (base_repo / copy).write_text((base_repo / team).read_text(encoding="utf-8"), encoding="utf-8")
    _, at_copy = _run(base_repo, capsys, str(base_repo / copy))
    _, at_first = _run(base_repo, capsys, str(base_repo / team))
    assert {f["path"] for f in at_copy if f["rule"] == "ID001"} == {copy}
    assert {f["path"] for f in at_first if f["rule"] == "ID001"} == {team}


def test_narrowing_keeps_a_finding_asked_about_and_moves_one_asked_about_elsewhere() -> None:
    finding = Finding("a.yaml", 3, 4, "LOAD003", Severity.ERROR, "m", ("b.yaml:7:8",))
    assert narrowed([finding], ["a.yaml"]) == [finding]
    moved = narrowed([finding], ["b.yaml"])
    assert [(f.path, f.line, f.column, f.related) for f in moved] == [("b.yaml", 7, 8, ("a.yaml:3:4",))]
    assert narrowed([finding], ["c.yaml"]) == []


def test_raising_a_tiers_criteria_shows_the_accounts_it_fails_at_the_criteria(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiers = base_repo / "data/tiers.yaml"
    tiers.write_text(tiers.read_text(encoding="utf-8").replace("threshold: 50}", "threshold: 500}"), encoding="utf-8")
    _, findings = _run(base_repo, capsys, str(tiers))
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings] == [
        ("TIER001", "data/tiers.yaml", 21, 7)  # the criteria list of the key tier
    ]
    assert "account 'acme' does not meet the criteria of tier 'key'" in str(findings[0]["message"])
    assert findings[0]["related"] == [f"{ACME}:10:27"]
