"""`playbook move` and `playbook rename` on real git repositories of the sample playbook."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path
from typing import Any

import pytest

from playbook.cli import main
from tests.examples import copy_base
from tests.gitrepo import commit_all, git, init

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the repository (outside .git) and its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts[:1]
    }


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A git repository holding the sample playbook, committed."""
    root = init(tmp_path / "sample")
    for name in ("data", ".github"):
        shutil.copytree(PROJECT / name, root / name, ignore=shutil.ignore_patterns("workflows"))
    shutil.copy(PROJECT / "playbook.yaml", root / "playbook.yaml")
    commit_all(root, "base")
    return root


def run(root: Path, capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*words, "--root", str(root), "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def gate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(root, capsys, "coverage", "--base", "HEAD", "--format", "json")
    return code, json.loads(out)


def errors(root: Path, capsys: pytest.CaptureFixture[str]) -> int:
    _, out, _ = run(root, capsys, "validate", "--format", "json", "--no-cache")
    return int(json.loads(out)["summary"]["errors"])


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in set(before) | set(after) if before.get(path) != after.get(path)}


def test_rename_team(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, _ = run(sample, capsys, "rename", "team", "banking-ka", "banking-key-accounts")
    assert code == 0, out
    after = snapshot(sample)
    owned = {path for path, raw in before.items() if raw.count(b"owner: banking-ka\n")}
    assert len(owned) == 8
    assert changed(before, after) == owned | {
        ".github/CODEOWNERS",
        "data/teams/banking-ka.yaml",
        "data/teams/banking-key-accounts.yaml",
    }
    for path in owned:  # only the owner line changed
        assert after[path] == before[path].replace(b"owner: banking-ka\n", b"owner: banking-key-accounts\n")
    assert after["data/teams/banking-key-accounts.yaml"] == before["data/teams/banking-ka.yaml"].replace(
        b"id: banking-ka\n", b"id: banking-key-accounts\n"
    )
    assert b"/data/teams/banking-key-accounts.yaml" in after[".github/CODEOWNERS"]
    assert "renamed team 'banking-ka' to 'banking-key-accounts'" in out
    assert errors(sample, capsys) == 0
    code, diff = gate(sample, capsys)
    assert code == 0
    assert diff["teams_renamed"] == [{"before": "banking-ka", "after": "banking-key-accounts"}]
    assert diff["moved"] == [] and diff["teams_added"] == [] and diff["teams_removed"] == []
    assert diff["errors_introduced"] == []


def test_rename_person_everywhere(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, _ = run(sample, capsys, "rename", "person", "zhou-zhenhua", "zhou-zh")
    assert code == 0, out
    after = snapshot(sample)
    for path in changed(before, after) - {".github/CODEOWNERS"}:
        assert b"zhou-zhenhua" in before[path] and b"zhou-zhenhua" not in after[path].replace(b"@zhou-zhenhua", b"")
    assert all(b"zhou-zhenhua" not in raw.replace(b"@zhou-zhenhua", b"") for raw in after.values())
    assert "data/tiers.yaml" in changed(before, after)  # an approver
    assert errors(sample, capsys) == 0
    code, diff = gate(sample, capsys)
    assert code == 0 and diff["people_renamed"] == [{"before": "zhou-zhenhua", "after": "zhou-zh"}]
    assert diff["triangle_changes"] == [] and diff["load_changes"] == []


def test_rename_region_follows_parents_scopes_and_accounts(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = sample / "data/taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    anchor = "regions:\n"
    assert anchor in text
    child = "  - id: shanghai\n    name: {en: Shanghai}\n    parent: east   # a city of East China\n"
    taxonomy.write_text(text.replace(anchor, anchor + child, 1), encoding="utf-8")
    commit_all(sample, "a city")
    code, out, _ = run(sample, capsys, "rename", "region", "east", "east-china")
    assert code == 0, out
    text = taxonomy.read_text(encoding="utf-8")
    assert "    parent: east-china   # a city of East China\n" in text and "- id: east-china\n" in text
    assert "regions: [east-china]" in (sample / "data/teams/east-region.yaml").read_text(encoding="utf-8")
    code, diff = gate(sample, capsys)
    assert code == 0
    assert {"vocabulary": "region", "term": "east-china", "change": "renamed", "detail": "from east"} in diff[
        "term_changes"
    ]
    assert diff["region_changes"] == [] and diff["scope_changes"] == [] and diff["gaps_opened"] == []


@pytest.mark.parametrize(("kind", "old", "new"), [("industry", "banking", "banks"), ("domain", "tax", "taxation")])
def test_rename_vocabulary_terms(
    kind: str, old: str, new: str, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(sample, capsys, "rename", kind, old, new)
    assert code == 0, out
    assert errors(sample, capsys) == 0
    code, diff = gate(sample, capsys)
    assert code == 0 and [change["change"] for change in diff["term_changes"]] == ["renamed"]


def test_rename_account_moves_its_folder(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assessments = sorted(path.name for path in (sample / "data/accounts/bashu-bank/assessments").iterdir())
    code, out, _ = run(sample, capsys, "rename", "account", "bashu-bank", "bashu-commercial-bank")
    assert code == 0, out
    assert not (sample / "data/accounts/bashu-bank").exists()
    folder = sample / "data/accounts/bashu-commercial-bank"
    assert sorted(path.name for path in (folder / "assessments").iterdir()) == assessments
    assert (folder / "account.yaml").read_text(encoding="utf-8").splitlines()[1] == "id: bashu-commercial-bank"
    assert "/data/accounts/bashu-commercial-bank/" in (sample / ".github/CODEOWNERS").read_text(encoding="utf-8")
    code, diff = gate(sample, capsys)
    assert code == 0 and diff["renamed"] == [
        {"account": "bashu-commercial-bank", "before": "bashu-bank", "after": "bashu-commercial-bank"}
    ]


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (("rename", "team", "banking-ka", "energy-ka"), "there is already a team 'energy-ka'"),
        (("rename", "team", "banking-kaa", "banks"), "did you mean 'banking-ka'?"),
        (("rename", "person", "zhou-zhenhua", "Zhou"), "'Zhou' is not an id"),
        (("rename", "region", "east", "east"), "is already called"),
        (("rename", "account", "bashu-bank", "beiyuan-bank"), "there is already a account"),
        (("move", "bashu-bank", "--to", "nowhere"), "there is no team 'nowhere'"),
        (("move", "bashu-bank", "--to", "banking-ka", "--ar", "nobody"), "there is no person 'nobody'"),
        (("move", "bashu-bnk", "--to", "banking-ka"), "did you mean 'bashu-bank'?"),
        (("move", "bashu-bank", "--to", "banking-ka", "--tier", "gold"), "there is no tier 'gold'"),
        (("move", "bashu-bank", "--to", "banking-ka", "--approved-by", "lin-shuhua"), "needs both"),
    ],
)
def test_bad_arguments_exit_2_and_write_nothing(
    words: tuple[str, ...], message: str, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(sample)
    code, _, err = run(sample, capsys, *words)
    assert code == 2 and message in err
    assert snapshot(sample) == before


def test_rename_onto_an_existing_file_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (sample / "data/teams/banks.yaml").write_text("# a draft\n", encoding="utf-8")
    before = snapshot(sample)
    code, _, err = run(sample, capsys, "rename", "team", "banking-ka", "banks")
    assert code == 2 and "data/teams/banks.yaml already exists" in err
    assert snapshot(sample) == before


def test_dry_run_shows_the_diff_and_writes_nothing(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, _ = run(sample, capsys, "rename", "team", "banking-ka", "banks", "--dry-run")
    assert code == 0
    assert "--- a/data/accounts/bashu-bank/account.yaml\n+++ b/data/accounts/bashu-bank/account.yaml\n" in out
    assert "-owner: banking-ka\n+owner: banks\n" in out
    assert "renamed data/teams/banking-ka.yaml -> data/teams/banks.yaml" in out
    assert "teams renamed: 1" in out and "dry run: nothing written" in out
    assert snapshot(sample) == before


def test_a_move_that_adds_errors_is_refused(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(sample)
    code, out, err = run(sample, capsys, "move", "donghai-gas", "--to", "east-region")
    assert code == 1
    assert "TRI003" in out and "refused: the change adds 2 error(s)" in err
    assert snapshot(sample) == before
    code, out, _ = run(sample, capsys, "move", "donghai-gas", "--to", "east-region", "--dry-run")
    assert code == 1 and "would be refused" in out and "+owner: east-region" in out
    assert snapshot(sample) == before


def test_force_writes_a_move_that_adds_errors(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(sample, capsys, "move", "donghai-gas", "--to", "east-region", "--force")
    assert code == 1 and "wrote 2 file(s)" in out
    assert "owner: east-region\n" in (sample / "data/accounts/donghai-gas/account.yaml").read_text(encoding="utf-8")
    assert errors(sample, capsys) == 2


SOUTH_TEAM = """\
id: finance-south
name: {en: Finance South}
type: key_account
scope: {regions: [south], industries: [banking]}
lead: sue-ar
members:
  - {id: sue-ar, name: {en: Sue South}, roles: [ar, sr, fr]}
kpis:
  - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 50, fr: 40}}
  - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 50, fr: 60}}
charter: Owns the named banks of the south.
"""


@pytest.fixture
def fixture_repo(tmp_path: Path) -> Path:
    """The small base playbook with a second banking team in the south; moving a key account needs an approval."""
    root = init(tmp_path / "repo")
    copy_base(root)
    (root / "playbook.yaml").write_text("approvals_required:\n  - {change: owner, tiers: [key]}\n", encoding="utf-8")
    team = root / "data/teams/finance-key-accounts.yaml"
    team.write_text(team.read_text(encoding="utf-8").replace("[north, south]", "[north]"), encoding="utf-8")
    (root / "data/teams/finance-south.yaml").write_text(SOUTH_TEAM, encoding="utf-8")
    commit_all(root, "base")
    return root


def test_move_with_an_approval(fixture_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    account = fixture_repo / "data/accounts/acme/account.yaml"
    # CRLF, a byte-order mark and a tab in a comment are kept by the move.
    hostile = b"\xef\xbb\xbf# the account\t(named)\r\n" + account.read_bytes().replace(b"\n", b"\r\n")
    account.write_bytes(hostile)
    commit_all(fixture_repo, "windows")
    move = ("move", "acme", "--to", "finance-south", "--region", "south", "--ar", "sue-ar")
    code, out, err = run(fixture_repo, capsys, *move)
    assert code == 1 and "GATE001" in out and account.read_bytes() == hostile
    code, out, err = run(fixture_repo, capsys, *move, "--approved-by", "nina-lead", "--reason", "Regional focus")
    assert code == 0, out + err
    written = account.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf# the account\t(named)\r\nid: acme\r\n")
    assert b"\n" not in written.replace(b"\r\n", b"")
    assert b"owner: finance-south\r\n" in written and b"region: south\r\n" in written
    assert b"iron_triangle: {ar: [sue-ar], sr: [sam-sr], fr: [fay-fr]}\r\n" in written
    code, diff = gate(fixture_repo, capsys)
    assert code == 0
    assert diff["moved"] == [{"account": "acme", "before": "finance-key-accounts", "after": "finance-south"}]
    assert diff["region_changes"] == [{"account": "acme", "before": "north", "after": "south"}]


def test_a_failure_while_writing_leaves_the_repository_as_it_was(
    sample: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sample)
    calls = [0]
    original = Path.replace

    def failing(self: Path, target: Any) -> Path:
        calls[0] += 1
        if calls[0] == 5:
            raise OSError(28, "No space left on device", str(target))
        return original(self, target)

    monkeypatch.setattr(Path, "replace", failing)
    code, _, err = run(sample, capsys, "rename", "team", "banking-ka", "banks")
    assert code == 2 and "No space left on device" in err
    assert calls[0] > 5  # the files already replaced were put back
    assert snapshot(sample) == before
    assert git(sample, "status", "--porcelain", "--untracked-files=all") == ""


def test_nothing_to_change(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(sample, capsys, "move", "bashu-bank", "--to", "banking-ka")
    assert code == 0 and out == "nothing to change\n"


def test_readme_lists_every_reference_the_rename_follows() -> None:
    from playbook.edit.references import described

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    for kind, file_kind, fields in described():
        assert f"| {kind} | {file_kind} | {fields} |" in readme


def readme_split() -> tuple[str, list[list[str]]]:
    """The README's region split (section "A region split"): the file of steps and the commands, word for word."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### A region split") :]
    steps = section.index("```text\n") + len("```text\n")
    commands = section.index("```sh\n") + len("```sh\n")
    listed = section[commands : section.index("```", commands)].splitlines()
    return section[steps : section.index("```", steps)], [shlex.split(line, comments=True) for line in listed]


def test_a_region_split(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """East China split in two, as the README shows: one file of steps, every command exits 0, no --force."""
    steps, commands = readme_split()
    assert "--force" not in steps and len(steps.splitlines()) == 8
    (tmp_path / "east-split.txt").write_text(steps, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [words[:2] for words in commands] == [["playbook", "change"]] * 2 + [
        ["playbook", "validate"],
        ["playbook", "coverage"],
    ]
    before = snapshot(sample)
    code, out, err = run(sample, capsys, *commands[0][1:])
    assert code == 0 and "dry run: nothing written; it adds no errors" in out, out + err
    assert out.count("+++ b/data/teams/east-jiangsu-region.yaml") == 1 and out.count("coverage change:") == 1
    assert snapshot(sample) == before
    code, out, err = run(sample, capsys, *commands[1][1:])
    assert code == 0 and "wrote 18 file(s), renamed 1" in out, out + err
    assert run(sample, capsys, *commands[2][1:])[0] == 0
    base = commands[3].index("origin/main")
    code, markdown, _ = run(sample, capsys, *commands[3][1:base], "HEAD", *commands[3][base + 1 :])
    assert code == 0
    for said in ("east-jiangsu-region", "east-south", "chen-hao", "jinyuan-precision", "+east-jiangsu"):
        assert said in markdown
    after = snapshot(sample)
    jiangsu = after["data/teams/east-jiangsu-region.yaml"].decode("utf-8")
    assert "lead: chen-hao\n" in jiangsu and "  regions: [east-jiangsu]\n" in jiangsu
    assert "    reports_to: {solid: zhou-zhenhua}\n" in jiangsu  # where the lead of East China reports
    assert b"chen-hao" not in after["data/teams/east-south-region.yaml"]
    taxonomy = after["data/taxonomy.yaml"].decode("utf-8")
    assert "  - id: east-jiangsu\n    name: {zh: 江苏与上海, en: Jiangsu & Shanghai}\n  - id: south\n" in taxonomy
    assert "data/teams/northwest-region.yaml" not in changed(before, after)
    assert errors(sample, capsys) == 0
    code, diff = gate(sample, capsys)
    assert code == 0 and diff["errors_introduced"] == []
    assert diff["teams_renamed"] == [{"before": "east-region", "after": "east-south-region"}]
    assert diff["teams_added"] == ["east-jiangsu-region"] and diff["teams_removed"] == []
    terms = {(change["term"], change["change"]) for change in diff["term_changes"]}
    assert terms == {("east-south", "renamed"), ("east-jiangsu", "added")}
    assert {(change["team"], tuple(change["gained"])) for change in diff["scope_changes"]} == {
        (team, ("east-jiangsu",))
        for team in (
            "banking-ka",
            "energy-ka",
            "insurance-securities-ka",
            "manufacturing-ka",
            "public-sector",
            "telecom-ka",
        )
    }
    assert diff["moved"] == [
        {"account": "jinyuan-precision", "before": "east-south-region", "after": "east-jiangsu-region"}
    ]
    assert diff["region_changes"] == [{"account": "jinyuan-precision", "before": "east-south", "after": "east-jiangsu"}]
    assert diff["people_moved"] == [
        {"person": "chen-hao", "before": "east-south-region", "after": "east-jiangsu-region"}
    ]


def test_a_failed_rename_of_the_folder_puts_every_file_back(
    sample: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(sample)

    def refused(self: Path, target: Any) -> Path:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(Path, "rename", refused)
    code, _, err = run(sample, capsys, "rename", "account", "bashu-bank", "bashu-commercial-bank")
    assert code == 2 and "Permission denied" in err
    assert snapshot(sample) == before
    assert git(sample, "status", "--porcelain", "--untracked-files=all") == ""


def test_without_codeowners_none_is_written(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (sample / ".github/CODEOWNERS").unlink()
    code, _, _ = run(sample, capsys, "rename", "team", "banking-ka", "banks")
    assert code == 0 and not (sample / ".github/CODEOWNERS").exists()


def test_no_repository_at_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(tmp_path, capsys, "rename", "team", "a", "b")
    assert code == 2 and "no playbook repository" in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("move", "rename", "scope", "new", "reparent", "change"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        assert "example:\n  playbook " + command in shown or "examples:\n  playbook " + command in shown
