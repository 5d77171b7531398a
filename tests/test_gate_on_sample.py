"""The pull-request gate on the sample playbook, in a real git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from playbook.cli import main
from tests.examples import apply_example
from tests.gitrepo import commit_all, init

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    repo = init(tmp_path / "sample")
    shutil.copytree(ROOT / "data", repo / "data")
    shutil.copy(ROOT / "playbook.yaml", repo / "playbook.yaml")
    commit_all(repo, "the sample")
    return repo


def _coverage(repo: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["coverage", "--root", str(repo), "--base", "HEAD", "--today", TODAY, *extra])
    return code, capsys.readouterr().out


def test_the_sample_is_clean_against_itself(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _coverage(sample, capsys, "--format", "markdown")
    assert code == 0
    assert out.startswith("### ✅ Coverage change: no errors introduced")
    assert "No change to coverage." in out


def test_a_move_prints_a_markdown_summary(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(
        sample,
        "# data/accounts/qingshi-rural-credit-union/account.yaml\nregion: south\nowner: south-region\n",
        raw=False,
    )
    _, out = _coverage(sample, capsys, "--format", "markdown")
    lines = out.splitlines()
    assert lines[0].startswith("### ")
    assert "| accounts moved between owners | 1 |" in out
    assert "- moved: qingshi-rural-credit-union from southwest-region to south-region" in out
    assert out.index("| change | count |") < out.index("<details>")


def test_a_region_left_without_a_regional_team_fails_and_is_named(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (sample / "data/teams/northwest-region.yaml").unlink()
    code, out = _coverage(sample, capsys)
    assert code == 1
    assert "gap opened: region northwest has no regional team" in out
    assert "COV006" in out


def test_moving_a_strategic_account_needs_an_approval(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    strategic = next(
        path.parent.name
        for path in sorted((sample / "data/accounts").glob("*/account.yaml"))
        if "\ntier: strategic\n" in path.read_text(encoding="utf-8")
    )
    apply_example(sample, f"# data/accounts/{strategic}/account.yaml\nowner: east-region\n", raw=False)
    code, out = _coverage(sample, capsys)
    assert code == 1
    assert "GATE001" in out
