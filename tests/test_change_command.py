"""`playbook change FILE`: reorganising commands carried out as one change, checked once, on git repositories."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.gitrepo import git
from tests.test_edit_commands import errors, gate, run, sample, snapshot

__all__ = ["sample"]  # the fixture: a git repository of the sample playbook

#: A new region no regional team covers (COV006) and a team for it, in that order: the first alone adds an error.
REGION_AND_TEAM = """\
# a region of its own for Jiangsu
new region east-jiangsu --after east --en 'Jiangsu & Shanghai'

new team east-jiangsu-region --scope east-jiangsu --lead chen-hao --en 'Jiangsu Region'
move jinyuan-precision --to east-jiangsu-region --region east-jiangsu
"""


def clean(root: Path) -> bool:
    """Nothing written: the repository is as committed."""
    return git(root, "status", "--porcelain", "--untracked-files=all") == ""


def steps(tmp_path: Path, text: str) -> str:
    path = tmp_path / "steps.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_steps_that_mend_each_other_are_written_as_one_change(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(sample, capsys, "change", steps(tmp_path, REGION_AND_TEAM))
    assert code == 0 and "coverage change: no errors introduced" in out and "wrote " in out, out + err
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert diff["teams_added"] == ["east-jiangsu-region"]
    assert diff["people_moved"] == [{"person": "chen-hao", "before": "east-region", "after": "east-jiangsu-region"}]


def test_a_dry_run_writes_nothing(sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(sample, capsys, "change", steps(tmp_path, REGION_AND_TEAM), "--dry-run")
    assert code == 0 and "dry run: nothing written; it adds no errors" in out, out + err
    assert out.count("--- a/data/taxonomy.yaml") == 1 and "+++ b/data/teams/east-jiangsu-region.yaml" in out
    assert clean(sample)


def test_a_step_that_fails_is_named_by_its_line_and_nothing_is_written(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = steps(tmp_path, REGION_AND_TEAM.replace("--to east-jiangsu-region", "--to east-jiangsu-regoin"))
    code, _, err = run(sample, capsys, "change", path)
    assert code == 2 and f"{path}:5: there is no team 'east-jiangsu-regoin'" in err, err
    assert "did you mean 'east-jiangsu-region'?" in err  # the team an earlier step made
    assert "nothing written" in err and "Traceback" not in err
    assert clean(sample)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("rename team east-region e1\nvalidate\n", ":2: 'validate' is not a step: a change is made of move, rename"),
        ("\n\nnew account acme\n", ":3: 'new account' writes a starting file to fill in, not a change"),
        ("move donghai-gas --to north-region --force\n", ":1: --force goes on 'playbook change' itself"),
        ("move donghai-gas --to north-region --root .\n", ":1: --root goes on 'playbook change' itself"),
        ("scope banking-ka --add 'east\n", ":1: the line does not read as words (No closing quotation)"),
        ("move donghai-gas --too north-region\n", ":1: the following arguments are required: --to"),
        ("rename team --help\n", ":1: --help is not a step"),
        ("# nothing but comments\n\n", " holds no command"),
        (
            "rename team east-region e1\nnew team east-region --scope east --lead chen-hao --en East\n",
            "data/teams/east-region.yaml is renamed by one step and made anew by another",
        ),
    ],
)
def test_lines_that_are_no_step_exit_2(
    text: str, said: str, sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(sample, capsys, "change", steps(tmp_path, text))
    assert code == 2 and said in err and "Traceback" not in err, err
    assert clean(sample)


def test_a_whole_that_adds_errors_is_refused(sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = steps(tmp_path, REGION_AND_TEAM.split("\n\n")[0] + "\n")
    code, out, err = run(sample, capsys, "change", path)
    assert code == 1 and "COV006" in out and "refused: the change adds 1 error(s)" in err, out + err
    assert clean(sample)


def test_force_writes_a_whole_that_adds_errors(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(REGION_AND_TEAM.split("\n\n")[0] + "\n"))
    code, out, _ = run(sample, capsys, "change", "-", "--force")
    assert code == 1 and "wrote 1 file(s)" in out
    assert "  - id: east-jiangsu\n" in (sample / "data/taxonomy.yaml").read_text(encoding="utf-8")
    assert errors(sample, capsys) == 1


def test_renames_in_a_change_are_followed_by_later_steps(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(sample)
    text = (
        "rename team east-region east-one\n"
        "rename team east-one east-two   # renamed twice: one rename of the file\n"
        "rename region east east-china\n"
        "new region east-jiangsu --parent east-china --en Jiangsu\n"
        "rename account jinyuan-precision jinyuan\n"
        "playbook move jinyuan --to east-two --region east-jiangsu\n"
    )
    code, out, err = run(sample, capsys, "change", steps(tmp_path, text))
    assert code == 0, out + err
    assert "renamed data/teams/east-region.yaml -> data/teams/east-two.yaml\n" in out
    assert "renamed data/accounts/jinyuan-precision -> data/accounts/jinyuan\n" in out
    after = snapshot(sample)
    assert "data/teams/east-one.yaml" not in after and "data/teams/east-region.yaml" not in after
    account = after["data/accounts/jinyuan/account.yaml"].decode("utf-8")
    assert "owner: east-two\n" in account and "region: east-jiangsu\n" in account and "id: jinyuan\n" in account
    team = after["data/teams/east-two.yaml"].decode("utf-8")
    assert team == before["data/teams/east-region.yaml"].decode("utf-8").replace(
        "id: east-region\n", "id: east-two\n"
    ).replace("regions: [east]\n", "regions: [east-china]\n")
    assert "  - id: east-jiangsu\n    name: {en: Jiangsu}\n    parent: east-china\n" in after[
        "data/taxonomy.yaml"
    ].decode("utf-8")
    assert b"east-two" in after[".github/CODEOWNERS"] and b"east-one" not in after[".github/CODEOWNERS"]
    assert errors(sample, capsys) == 0
    _, diff = gate(sample, capsys)
    assert diff["teams_renamed"] == [{"before": "east-region", "after": "east-two"}]


def test_a_change_that_comes_back_to_where_it_started_writes_nothing(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "rename team east-region e1\nrename team e1 east-region\n"
    code, out, _ = run(sample, capsys, "change", steps(tmp_path, text))
    assert code == 0 and out == "nothing to change\n"
    assert clean(sample)
