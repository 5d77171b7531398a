"""The approval policy of the pull-request gate, on real git history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook.cli import main
from playbook.rules import RULES
from tests.examples import apply_example, copy_base, positions
from tests.gitrepo import commit_all, init

GATE_CODES = sorted(code for code, rule in RULES.items() if rule.stage == "gate")
SETTINGS = """\
governance: ["@acme/sales-ops"]
approvals_required:
  - {change: owner, tiers: [strategic, key]}
  - {change: tier}
  - {change: criteria, tiers: [strategic]}
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init(tmp_path / "repo")
    copy_base(root)
    (root / "playbook.yaml").write_text(SETTINGS, encoding="utf-8")
    commit_all(root, "base")
    return root


def _gate(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    capsys.readouterr()
    code = main(["coverage", "--root", str(repo), "--base", "HEAD", "--format", "json", "--today", "2026-10-15"])
    return code, json.loads(capsys.readouterr().out)["errors_introduced"]


def test_gate_codes_are_documented_with_examples() -> None:
    assert GATE_CODES == ["GATE001", "GATE002"]
    for code in GATE_CODES:
        assert RULES[code].examples and RULES[code].counter_examples


@pytest.mark.parametrize("code", GATE_CODES)
def test_gate_example_fires(code: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for block in RULES[code].examples:
        files = apply_example(repo, block, raw=False)
        exit_code, errors = _gate(repo, capsys)
        assert exit_code == 1
        found = [e for e in errors if e["rule"] == code]
        assert found, errors
        for patched in files:
            if patched.expect is not None:
                where = positions(repo, patched.path, patched.expect)
                assert {(e["line"], e["column"]) for e in found if e["path"] == patched.path} & where


@pytest.mark.parametrize("code", GATE_CODES)
def test_gate_counter_example_is_clean(code: str, repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for block in RULES[code].counter_examples:
        apply_example(repo, block, raw=False)
        _, errors = _gate(repo, capsys)
        assert [e for e in errors if e["rule"].startswith("GATE")] == []


def test_smb_move_needs_no_approval_when_the_policy_names_tiers(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(
        repo,
        "# data/accounts/corner-shop/account.yaml\n"
        "{id: corner-shop, name: {en: Corner Shop}, tier: smb, industry: energy, region: north,\n"
        " owner: north-region, lifecycle: growth}\n",
        raw=False,
    )
    commit_all(repo, "add a small customer")
    apply_example(repo, "# data/accounts/corner-shop/account.yaml\nregion: south\nowner: south-region\n", raw=False)
    _, errors = _gate(repo, capsys)
    assert [e for e in errors if e["rule"] == "GATE001"] == []


def test_tier_change_needs_approval(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(repo, "# data/accounts/acme/account.yaml\ntier: strategic\n", raw=False)
    _, errors = _gate(repo, capsys)
    gate = [e for e in errors if e["rule"] == "GATE001"]
    assert len(gate) == 1 and "tier of 'acme' changes from 'key' to 'strategic'" in gate[0]["message"]


def test_criteria_change_needs_approval(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tiers = repo / "data/tiers.yaml"
    tiers.write_text(tiers.read_text(encoding="utf-8").replace("threshold: 1000", "threshold: 800"), encoding="utf-8")
    _, errors = _gate(repo, capsys)
    gate = [e for e in errors if e["rule"] == "GATE001"]
    assert [(e["path"], e["message"].split(":")[0]) for e in gate] == [
        ("data/tiers.yaml", "the criteria of tier 'strategic' change")
    ]
    text = tiers.read_text(encoding="utf-8") + (
        "approvals:\n"
        "  - {change: criteria, tier: strategic, approved_by: nina-lead, approved_on: 2026-10-01, reason: Market}\n"
    )
    tiers.write_text(text, encoding="utf-8")
    _, errors = _gate(repo, capsys)
    assert [e for e in errors if e["rule"].startswith("GATE")] == []


def test_an_old_approval_does_not_approve_a_new_move(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    approval = "  - {change: owner, to: tax-accounts, approved_by: nina-lead, approved_on: 2026-01-01, reason: Old}\n"
    account = repo / "data/accounts/acme/account.yaml"
    account.write_text(account.read_text(encoding="utf-8") + "approvals:\n" + approval, encoding="utf-8")
    commit_all(repo, "an approval recorded earlier")
    apply_example(repo, "# data/accounts/acme/account.yaml\nowner: tax-accounts\n", raw=False)
    _, errors = _gate(repo, capsys)
    assert [e["rule"] for e in errors if e["rule"].startswith("GATE")] == ["GATE001"]
