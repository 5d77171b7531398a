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
