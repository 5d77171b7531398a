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


def _validate(root: Path, capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, list[dict[str, object]]]:
    import json

    code = main(["validate", "--root", str(root), "--format", "json", "--today", "2026-10-15", *paths])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_validate_reports_a_stale_codeowners(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    assert _validate(base_repo, capsys) == (0, [])
    assert main(["new", "account", "globex", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    code, findings = _validate(base_repo, capsys)
    owners = [f for f in findings if f["rule"] == "OWN001"]
    assert code == 1
    last = len((base_repo / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines())
    # globex sorts after acme, the last line: the first line that differs is the one after it
    assert [(f["path"], f["line"], f["column"]) for f in owners] == [(".github/CODEOWNERS", last + 1, 1)]
    assert "run 'playbook codeowners' and commit the file" in str(owners[0]["message"])
    assert "'/data/accounts/globex/" in str(owners[0]["message"])


def test_a_stale_codeowners_shows_at_the_new_account_in_a_narrowed_run(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    assert main(["new", "account", "globex", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    new = "data/accounts/globex/account.yaml"
    lines = (base_repo / new).read_text(encoding="utf-8").splitlines()
    owner_line = next(number for number, line in enumerate(lines, 1) if line.startswith("owner: "))
    code, findings = _validate(base_repo, capsys, str(base_repo / new))
    assert code == 1
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings if f["rule"] == "OWN001"] == [
        ("OWN001", new, owner_line, 8)  # the account's owner
    ]
    assert _validate(base_repo, capsys, str(base_repo / new)) == (code, findings)  # the same from the cache
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    assert [f for f in _validate(base_repo, capsys, str(base_repo / new))[1] if f["rule"] == "OWN001"] == []


def test_an_edit_of_codeowners_alone_is_seen_by_a_warm_run(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["codeowners", "--root", str(base_repo)]) == 0
    capsys.readouterr()
    assert _validate(base_repo, capsys) == (0, [])
    assert _validate(base_repo, capsys) == (0, [])  # answered from the cache
    path = base_repo / ".github/CODEOWNERS"
    path.write_text(path.read_text(encoding="utf-8").replace("/data/accounts/acme/", "/data/accounts/acne/"), "utf-8")
    code, findings = _validate(base_repo, capsys)
    assert code == 1 and [f["rule"] for f in findings] == ["OWN001"]
    path.unlink()
    assert _validate(base_repo, capsys) == (0, [])


def test_a_repository_without_codeowners_is_not_checked(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert not (base_repo / ".github/CODEOWNERS").exists()
    assert _validate(base_repo, capsys) == (0, [])


def test_a_base_revision_is_checked_against_its_own_codeowners(tmp_path: Path) -> None:
    from playbook import gitsource
    from tests.examples import copy_base
    from tests.gitrepo import commit_all, init

    root = init(tmp_path / "repo")
    copy_base(root)
    assert main(["codeowners", "--root", str(root)]) == 0
    committed = (root / ".github/CODEOWNERS").read_text(encoding="utf-8")
    commit_all(root, "base")
    (root / ".github/CODEOWNERS").write_text("# edited in the work tree\n", encoding="utf-8")
    assert gitsource.load_at(root, "HEAD").playbook.codeowners == committed
    (root / ".github/CODEOWNERS").unlink()
    commit_all(root, "no review owners")
    assert gitsource.load_at(root, "HEAD").playbook.codeowners is None
