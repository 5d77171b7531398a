"""`playbook codeowners`: review owners from the team charters, and the staleness check."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from tests.examples import apply_example

ROOT = Path(__file__).resolve().parents[1]


def _owners(root: Path) -> dict[str, str]:
    text = (root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    pairs = [line.split(" ", 1) for line in text.splitlines() if line and not line.startswith("#")]
    return {path: owners for path, owners in pairs}


def test_owners_follow_the_charters(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / "playbook.yaml").write_text('governance: ["@acme/sales-ops"]\n', encoding="utf-8")
    apply_example(
        base_repo,
        "# data/teams/finance-key-accounts.yaml\nmembers:\n"
        "  - {id: nina-lead, name: {en: Nina Lead}, roles: [ar], handle: nina-l}\n"
        "  - {id: amy-ar, name: {en: Amy Chen}, roles: [ar], reports_to: {solid: nina-lead}}\n",
        raw=False,
    )
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    owners = _owners(base_repo)
    assert owners["/data/accounts/acme/"] == "@nina-l"
    assert owners["/data/teams/finance-key-accounts.yaml"] == "@nina-l"
    assert owners["/data/tiers.yaml"] == "@acme/sales-ops"
    assert owners["/data/taxonomy.yaml"] == "@acme/sales-ops"
    # A lead without a handle falls back to governance rather than leaving the file unowned.
    assert owners["/data/teams/delivery.yaml"] == "@acme/sales-ops"


def test_check_fails_when_a_charter_changes(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / "playbook.yaml").write_text('governance: ["@acme/sales-ops"]\n', encoding="utf-8")
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 0
    apply_example(
        base_repo,
        "# data/teams/delivery.yaml\nmembers: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr], handle: '@fay'}]\n",
        raw=False,
    )
    capsys.readouterr()
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 1
    assert ".github/CODEOWNERS:1:1: error" in capsys.readouterr().out


def test_check_never_writes(base_repo: Path) -> None:
    assert main(["codeowners", "--check", "--root", str(base_repo)]) == 1
    assert not (base_repo / ".github").exists()


def test_committed_codeowners_is_current() -> None:
    assert main(["codeowners", "--check", "--root", str(ROOT)]) == 0, "run 'playbook codeowners' and commit it"
