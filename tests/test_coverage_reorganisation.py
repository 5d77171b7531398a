"""`playbook coverage --base` sees a reorganisation: each kind of change, and a comment that stays small."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from playbook.cli import main
from playbook.coverage import Coverage, Matrix
from playbook.coverage_diff import CoverageDiff, LoadChange, Move, SetChange
from playbook.coverage_diff_report import to_markdown
from playbook.coverage_organisation import ContactDrop, Renamed, TermChange
from playbook.findings import Finding, Severity
from tests.examples import copy_base
from tests.gitrepo import commit_all, init

ACCOUNT = "data/accounts/acme/account.yaml"
TAXONOMY = "data/taxonomy.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = init(tmp_path / "repo")
    copy_base(root)
    (root / "playbook.yaml").write_text("approvals_required:\n  - {change: owner}\n", encoding="utf-8")
    commit_all(root, "base")
    return root


def edit(repo: Path, path: str, old: str, new: str) -> None:
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text, (path, old)
    target.write_text(text.replace(old, new), encoding="utf-8")


def diff_of(repo: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    capsys.readouterr()
    code = main(["coverage", "--root", str(repo), "--base", "HEAD", "--format", "json", "--today", "2026-10-15"])
    return code, json.loads(capsys.readouterr().out)


def markdown_of(repo: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    main(["coverage", "--root", str(repo), "--base", "HEAD", "--format", "markdown", "--today", "2026-10-15"])
    return capsys.readouterr().out


def test_team_renamed_by_hand_is_a_rename_not_a_move(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = repo / "data/teams/finance-key-accounts.yaml"
    text = old.read_text(encoding="utf-8").replace("id: finance-key-accounts", "id: banking-accounts")
    (repo / "data/teams/banking-accounts.yaml").write_text(text, encoding="utf-8")
    old.unlink()
    edit(repo, ACCOUNT, "owner: finance-key-accounts", "owner: banking-accounts")
    code, diff = diff_of(repo, capsys)
    assert code == 0, diff["errors_introduced"]
    assert diff["teams_renamed"] == [{"before": "finance-key-accounts", "after": "banking-accounts"}]
    assert diff["teams_added"] == diff["teams_removed"] == diff["moved"] == []
    assert diff["errors_fixed"] == []
    markdown = markdown_of(repo, capsys)
    assert "| teams renamed | 1 |" in markdown and "moved" not in markdown


def test_team_added_and_removed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "data/teams/delivery.yaml").rename(repo / "data/teams/delivery-east.yaml")
    edit(repo, "data/teams/delivery-east.yaml", "id: delivery", "id: delivery-east")
    edit(repo, "data/teams/delivery-east.yaml", "{id: fay-fr", "{id: dan-fr")  # other people: not the same team
    _, diff = diff_of(repo, capsys)
    assert diff["teams_added"] == ["delivery-east"] and diff["teams_removed"] == ["delivery"]
    assert diff["teams_renamed"] == []


def test_scope_gained_and_lost(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, "data/teams/finance-key-accounts.yaml", "industries: [banking]", "industries: [energy]")
    _, diff = diff_of(repo, capsys)
    assert diff["scope_changes"] == [
        {"team": "finance-key-accounts", "what": "industries", "gained": ["energy"], "lost": ["banking"]}
    ]
    markdown = markdown_of(repo, capsys)
    assert "| scope gained | 1 |" in markdown and "| scope lost | 1 |" in markdown
    assert "scope industries: +energy -banking" in markdown


def test_taxonomy_terms_added_removed_renamed_and_reparented(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, TAXONOMY, "{id: energy, name: {en: Energy, zh: 能源}}", "{id: power, name: {en: Energy, zh: 能源}}")
    edit(repo, TAXONOMY, "{id: tax, name: {en: Tax, zh: 税务}}", "{id: customs, name: {en: Customs}}")
    edit(
        repo,
        TAXONOMY,
        "  - {id: south, name: {en: South, zh: 南区}}\n",
        "  - {id: south, name: {en: South, zh: 南区}, parent: north}\n  - {id: west, name: {en: West}}\n",
    )
    _, diff = diff_of(repo, capsys)
    changes = {(c["vocabulary"], c["term"], c["change"], c["detail"]) for c in diff["term_changes"]}
    assert changes == {
        ("industry", "power", "renamed", "from energy"),
        ("domain", "tax", "removed", ""),
        ("domain", "customs", "added", ""),
        ("region", "west", "added", ""),
        ("region", "south", "re-parented", "from (top level) to north"),
    }


def test_account_region_industry_and_owner_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, ACCOUNT, "region: north", "region: south")
    edit(repo, ACCOUNT, "industry: banking", "industry: energy")
    edit(repo, ACCOUNT, "owner: finance-key-accounts", "owner: tax-accounts")
    code, diff = diff_of(repo, capsys)
    assert code == 1
    assert diff["region_changes"] == [{"account": "acme", "before": "north", "after": "south"}]
    assert diff["industry_changes"] == [{"account": "acme", "before": "banking", "after": "energy"}]
    assert diff["moved"] == [{"account": "acme", "before": "finance-key-accounts", "after": "tax-accounts"}]
    assert "GATE001" in {error["rule"] for error in diff["errors_introduced"]}


def test_person_moves_team_and_load_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    team = repo / "data/teams/finance-key-accounts.yaml"
    text = team.read_text(encoding="utf-8")
    amy = "  - id: amy-ar\n    name: {en: Amy Chen, zh: 陈艾米}\n    roles: [ar]\n    reports_to: {solid: nina-lead}\n"
    assert amy in text
    team.write_text(text.replace(amy, ""), encoding="utf-8")
    south = repo / "data/teams/south-region.yaml"
    south.write_text(
        south.read_text(encoding="utf-8").replace("members:\n", "members:\n" + amy.replace("{solid: nina-lead}", "{}")),
        encoding="utf-8",
    )
    _, diff = diff_of(repo, capsys)
    assert diff["people_moved"] == [{"person": "amy-ar", "before": "finance-key-accounts", "after": "south-region"}]
    assert "people who moved team | 1 |" in markdown_of(repo, capsys)


def test_key_contact_relationship_dropped(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    latest = repo / "data/accounts/acme/assessments/2026-10-10.yaml"
    text = (repo / "data/accounts/acme/assessments/2026-09-30.yaml").read_text(encoding="utf-8")
    latest.write_text(
        text.replace("2026-09-30", "2026-10-10").replace("{zhao-lei: 1, qian-yu: 2}", "{zhao-lei: -1, qian-yu: 0}"),
        encoding="utf-8",
    )
    _, diff = diff_of(repo, capsys)
    # qian-yu is a technical buyer, not a key relationship; zhao-lei is the economic buyer.
    assert diff["contact_drops"] == [{"account": "acme", "contact": "zhao-lei", "before": 1, "after": -1}]
    assert "relationship dropped: acme contact zhao-lei 1 -\\> -1" in markdown_of(repo, capsys)


def _reorganisation(accounts: int, teams: int) -> CoverageDiff:
    """A diff in which every account moved, changed region and tier, and broke a rule."""
    diff = CoverageDiff()
    for number in range(accounts):
        account, team = f"account-{number:05d}", f"team-{number % teams:03d}"
        diff.moved.append(Move(account, f"team-{(number + 1) % teams:03d}", team))
        diff.region_changes.append(Move(account, "east", "east-jiangsu"))
        diff.tier_changes.append(Move(account, "key", "strategic"))
        diff.triangle_changes.append(SetChange(account, "AR", (f"person-{number}",), (f"person-{number + 1}",)))
        diff.contact_drops.append(ContactDrop(account, "cfo", 2, 1))
        diff.owners[account] = team
        message = f"AR 'person-{number}' of '{account}' is in team 'x', not in its owning team '{team}': choose " * 3
        path = f"data/accounts/{account}/account.yaml"
        diff.errors_introduced.append(Finding(path, 22, 22, "TRI003", Severity.ERROR, message))
        diff.load_changes.append(LoadChange(f"person-{number}", "key", 0, 1, 10))
    diff.teams_renamed = [Renamed(f"old-{number}", f"team-{number:03d}") for number in range(teams)]
    diff.term_changes = [TermChange("region", f"city-{number}", "added") for number in range(400)]
    return diff


def test_markdown_of_a_reorganisation_of_every_account_stays_within_a_comment() -> None:
    empty = Matrix("industry", (), (), {})
    markdown = to_markdown(_reorganisation(10_000, 96), Coverage(empty, empty, ()))
    assert len(markdown) <= 65_536
    for row in (
        "| accounts moved between owners | 10000 |",
        "| region changes | 10000 |",
        "| tier changes | 10000 |",
        "| teams renamed | 96 |",
        "| taxonomy terms added | 400 |",
        "| key contacts whose relationship dropped | 10000 |",
        "| AR load changes | 10000 |",
    ):
        assert row in markdown
    assert "<details><summary>errors introduced: 10000</summary>" in markdown
    assert "more (run `playbook coverage --base`)" in markdown
    assert markdown.count("<details>") == markdown.count("</details>")


def test_markdown_with_thousands_of_teams_counts_the_groups_it_leaves_out() -> None:
    empty = Matrix("industry", (), (), {})
    markdown = to_markdown(_reorganisation(5_000, 5_000), Coverage(empty, empty, ()))
    assert len(markdown) <= 65_536
    assert "more groups with" in markdown
