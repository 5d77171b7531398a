"""`playbook new`: starting files that pass their schema, with guidance, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.cli import main
from playbook.documents import load
from playbook.models import Account, Team
from playbook.validation import validate
from tests.conftest import AS_OF


def test_new_account_is_valid_and_owned(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "account", "globex", "--root", str(base_repo)]) == 0
    path = base_repo / "data/accounts/globex/account.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/account.schema.json\n")
    assert "#" in text.splitlines()[2]
    document, findings = load("data/accounts/globex/account.yaml", text.encode())
    assert findings == [] and document is not None
    account = Account.model_validate(document.data)
    assert (account.id, account.tier, account.owner) == ("globex", "smb", "north-region")
    findings_about_it = [f for f in validate(base_repo, AS_OF).findings if "globex" in f.path and f.is_error]
    assert findings_about_it == []


def test_new_team_is_valid(base_repo: Path) -> None:
    assert main(["new", "team", "energy-key-accounts", "--type", "key_account", "--root", str(base_repo)]) == 0
    text = (base_repo / "data/teams/energy-key-accounts.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/team.schema.json\n")
    document, findings = load("data/teams/energy-key-accounts.yaml", text.encode())
    assert findings == [] and document is not None
    team = Team.model_validate(document.data)
    assert (team.id, team.type, team.lead) == ("energy-key-accounts", "key_account", "energy-key-accounts-lead")


def test_new_never_overwrites(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = base_repo / "data/teams/delivery.yaml"
    before = path.read_bytes()
    assert main(["new", "team", "delivery", "--root", str(base_repo)]) == 2
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("bad_id", ["Globex", "globex corp", "globex_corp", "../escape", ""])
def test_new_rejects_bad_ids(bad_id: str, base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "account", bad_id, "--root", str(base_repo)]) == 2
    assert "not a valid id" in capsys.readouterr().err
    assert not (base_repo / "escape").exists()


def test_new_assessment_starts_from_the_latest_scores(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "assessment", "acme", "--date", "2026-10-14", "--root", str(base_repo)]) == 0
    assert capsys.readouterr().out == "wrote data/accounts/acme/assessments/2026-10-14.yaml\n"
    relative = "data/accounts/acme/assessments/2026-10-14.yaml"
    text = (base_repo / relative).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../../schemas/assessment.schema.json\n")
    document, findings = load(relative, text.encode())
    assert findings == [] and document is not None
    data = document.data
    assert (data["date"], data["assessor"]) == ("2026-10-14", "amy-ar")
    assert data["dimensions"] == {"executive": 1, "key-person": 2}
    assert data["contacts"] == {"zhao-lei": 1, "qian-yu": 2}
    assert data["satisfaction"] == {"expectation": 8, "perception": 7}
    errors = [f for f in validate(base_repo, AS_OF).findings if f.path == relative and f.is_error]
    assert errors == []


def test_new_assessment_is_dated_today_by_default(base_repo: Path) -> None:
    from datetime import date

    assert main(["new", "assessment", "acme", "--root", str(base_repo)]) == 0
    assert (base_repo / f"data/accounts/acme/assessments/{date.today().isoformat()}.yaml").is_file()


def test_new_assessment_without_an_earlier_one_starts_at_neutral(base_repo: Path) -> None:
    (base_repo / "data/accounts/acme/assessments/2026-09-30.yaml").unlink()
    assert main(["new", "assessment", "acme", "--date", "2026-10-01", "--root", str(base_repo)]) == 0
    relative = "data/accounts/acme/assessments/2026-10-01.yaml"
    document, findings = load(relative, (base_repo / relative).read_bytes())
    assert findings == [] and document is not None
    assert document.data["contacts"] == {"zhao-lei": 0, "qian-yu": 0}
    assert set(document.data["dimensions"].values()) == {0}


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["assessment", "nobody"], "no account 'nobody'"),
        (["assessment", "acme", "--date", "2026-02-30"], "is not a date"),
        (["assessment", "acme", "--date", "2026-09-30"], "already exists"),
    ],
)
def test_new_assessment_refuses_with_exit_2(
    arguments: list[str], words: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (base_repo / "data/accounts/acme/assessments/2026-09-30.yaml").read_bytes()
    assert main(["new", *arguments, "--root", str(base_repo)]) == 2
    assert words in capsys.readouterr().err
    assert (base_repo / "data/accounts/acme/assessments/2026-09-30.yaml").read_bytes() == before
