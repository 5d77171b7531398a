"""`playbook coverage --base`: what a change does to coverage, read from real git history."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook.cli import main
from tests.examples import apply_example, copy_base
from tests.gitrepo import commit_all, git, init

ACCOUNT = "data/accounts/acme/account.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository whose first commit is the base playbook."""
    root = init(tmp_path / "repo")
    copy_base(root)
    commit_all(root, "base")
    return root


def _diff(repo: Path, capsys: pytest.CaptureFixture[str], base: str = "HEAD") -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["coverage", "--root", str(repo), "--base", base, "--format", "json", "--today", "2026-10-15"])
    return code, json.loads(capsys.readouterr().out)


def test_no_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, diff = _diff(repo, capsys)
    assert code == 0
    assert diff["moved"] == [] and diff["errors_introduced"] == []


def test_move_between_owners(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(repo, f"# {ACCOUNT}\nowner: tax-accounts\ndomain: tax\n", raw=False)
    code, diff = _diff(repo, capsys)
    assert diff["moved"] == [{"account": "acme", "before": "finance-key-accounts", "after": "tax-accounts"}]
    # The move breaks rules (the AR is not in the new team), so the gate fails.
    assert code == 1
    assert any(f["path"] == ACCOUNT for f in diff["errors_introduced"])


def test_move_markdown_summary(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(repo, f"# {ACCOUNT}\nowner: tax-accounts\ndomain: tax\n", raw=False)
    capsys.readouterr()
    main(["coverage", "--root", str(repo), "--base", "HEAD", "--format", "markdown", "--today", "2026-10-15"])
    markdown = capsys.readouterr().out
    first = markdown.splitlines()[0]
    assert first.startswith("### ❌ Coverage change:")
    assert "| accounts moved between owners | 1 |" in markdown
    assert "<details><summary>team tax-accounts: 1</summary>" in markdown  # details folded by team
    assert "- moved: acme from finance-key-accounts to tax-accounts" in markdown


def test_deleting_a_regional_team_opens_a_gap_and_fails(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data/teams/south-region.yaml").unlink()
    code, diff = _diff(repo, capsys)
    assert code == 1
    assert "region south has no regional team" in diff["gaps_opened"]
    capsys.readouterr()
    main(["coverage", "--root", str(repo), "--base", "HEAD", "--today", "2026-10-15"])
    assert "gap opened: region south has no regional team" in capsys.readouterr().out


def test_new_overlap(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(repo, "# data/teams/north-region.yaml\nscope: {regions: [north, south]}\n", raw=False)
    code, diff = _diff(repo, capsys)
    assert code == 1
    assert "industry energy in region south is claimed by north-region, south-region" in diff["overlaps_opened"]


def test_overloaded_ar(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    account = (repo / ACCOUNT).read_text(encoding="utf-8")
    for number in range(1, 4):
        target = repo / f"data/accounts/acme-{number}/account.yaml"
        target.parent.mkdir(parents=True)
        text = account.replace("id: acme", f"id: acme-{number}").replace("Acme Bank", f"Acme Bank {number}")
        target.write_text(text.replace("艾克美银行", f"艾克美银行{number}"), encoding="utf-8")
    code, diff = _diff(repo, capsys)
    assert code == 1
    assert diff["load_changes"] == [{"person": "amy-ar", "tier": "key", "before": 1, "after": 4, "maximum": 3}]
    assert [a["account"] for a in diff["added"]] == ["acme-1", "acme-2", "acme-3"]


def test_rename(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "mv", "data/accounts/acme", "data/accounts/acme-bank")
    apply_example(repo, "# data/accounts/acme-bank/account.yaml\nid: acme-bank\n", raw=False)
    code, diff = _diff(repo, capsys)
    assert code == 0
    assert diff["renamed"] == [{"account": "acme-bank", "before": "acme", "after": "acme-bank"}]
    assert diff["added"] == [] and diff["removed"] == []


def test_base_without_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = init(tmp_path / "repo")
    (root / "README.md").write_text("empty\n", encoding="utf-8")
    commit_all(root, "empty")
    copy_base(root)
    code, diff = _diff(root, capsys)
    assert code == 0
    assert [a["account"] for a in diff["added"]] == ["acme"]
    assert diff["errors_fixed"]  # the missing taxonomy and tiers of the base
    assert diff["gaps_closed"] == []


def test_base_that_does_not_validate(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data/teams/delivery.yaml").write_text("id: delivery\nid: again\n", encoding="utf-8")
    broken = commit_all(repo, "broken")
    copy_base(repo)  # the change repairs it
    code, diff = _diff(repo, capsys, base=broken)
    assert code == 0
    assert diff["base_errors"] >= 1
    assert any(f["rule"] == "YAML002" for f in diff["errors_fixed"])


def test_base_is_read_without_touching_the_work_tree(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data/teams/south-region.yaml").unlink()
    git(repo, "add", "-A")
    index_before = (repo / ".git/index").read_bytes()
    _diff(repo, capsys)
    assert not (repo / "data/teams/south-region.yaml").exists()
    assert (repo / ".git/index").read_bytes() == index_before


@pytest.mark.parametrize("base", ["no-such-branch", "--all"])
def test_bad_base_exits_2(repo: Path, base: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--root", str(repo), f"--base={base}"]) == 2
    assert "is not a" in capsys.readouterr().err


def test_csv_is_the_matrix(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data/teams/south-region.yaml").unlink()
    capsys.readouterr()
    main(["coverage", "--root", str(repo), "--base", "HEAD", "--format", "csv"])
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "kind,row,region,owners,accounts,gap,overlap,changed"
    assert "industry,energy,south,GAP,0,True,False,True" in rows
