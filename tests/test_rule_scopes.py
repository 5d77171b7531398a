"""Every rule keeps to its scope, which incremental validation relies on.

The part of a rule that looks at one account folder at a time must find about each folder
exactly what it finds when it sees that folder alone (with the shared files), and about the
shared files only what it finds without any account. The part that compares accounts must find
the same through the accounts' summaries alone as over the whole playbook. Both are checked on
every rule's Example and Use instead, on the sample, and on a playbook where accounts clash.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from playbook import repository
from playbook.findings import Finding
from playbook.layout import account_folder
from playbook.repository import AccountSummary, Playbook
from playbook.rules import RULES, registry, run_across, run_each
from tests.conftest import AS_OF
from tests.examples import apply_example, copy_base

SAMPLE = Path(__file__).resolve().parents[1]
ACME = "data/accounts/acme"


def _folder_alone(playbook: Playbook, folder: str) -> Playbook:
    alone = playbook.shared_part()
    alone.accounts = [item for item in playbook.accounts if account_folder(item.document.path) == folder]
    alone.assessments = [item for item in playbook.assessments if account_folder(item.document.path) == folder]
    return alone


def _assert_scopes_hold(root: Path) -> set[Finding]:
    """Check both scopes on the playbook at ``root``; return every rule finding there."""
    playbook = repository.load(root).playbook
    whole = set(run_each(playbook, AS_OF))
    shared = set(run_each(playbook.shared_part(), AS_OF))
    assert all(account_folder(finding.path) is None for finding in shared)
    pieced = set(shared)
    folders = {account_folder(item.document.path) for item in [*playbook.accounts, *playbook.assessments]}
    for folder in sorted(folder for folder in folders if folder is not None):
        alone = set(run_each(_folder_alone(playbook, folder), AS_OF))
        elsewhere = {finding for finding in alone if account_folder(finding.path) not in (folder, None)}
        assert not elsewhere, f"looking at {folder} alone found something about another folder: {elsewhere}"
        assert {finding for finding in alone if account_folder(finding.path) is None} == shared, folder
        pieced |= {finding for finding in alone if account_folder(finding.path) == folder}
    assert pieced == whole, f"folder by folder: {sorted(pieced ^ whole)}"
    for code, registered in RULES.items():
        alone = set(registered.run_shared(playbook, AS_OF))
        assert alone == set(registered.run_shared(playbook.shared_part(), AS_OF)), code
        assert all(account_folder(finding.path) is None for finding in alone), code

    across = set(run_across(playbook, AS_OF))
    summarised = playbook.shared_part()
    summarised.summaries = [AccountSummary.from_row(summary.as_row(), f"{root}/") for summary in playbook.summaries]
    assert set(run_across(summarised, AS_OF)) == across
    return whole | across


def test_scopes_hold_on_the_sample(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    for part in ("data", "playbook.yaml"):
        source = SAMPLE / part
        shutil.copytree(source, root / part) if source.is_dir() else shutil.copy(source, root / part)
    assert _assert_scopes_hold(root)


def test_scopes_hold_where_accounts_clash(base_repo: Path) -> None:
    """Accounts that share an id and an AR: the rules that compare accounts fire, through summaries too."""
    for number in range(4):
        shutil.copytree(base_repo / ACME, base_repo / f"{ACME}-{number}")
    found = _assert_scopes_hold(base_repo)
    assert {"ID001", "ID002", "LOAD001"} <= {finding.rule for finding in found}


EXAMPLES = [
    (code, kind, number, block)
    for code, registered in sorted(RULES.items())
    if registered.stage == "rules"
    for kind, blocks in (("example", registered.examples), ("use-instead", registered.counter_examples))
    for number, block in enumerate(blocks)
]


@pytest.mark.parametrize(("code", "kind", "number", "block"), EXAMPLES, ids=[f"{e[0]}-{e[1]}-{e[2]}" for e in EXAMPLES])
def test_scopes_hold_on_every_rule_example(code: str, kind: str, number: int, block: str, tmp_path: Path) -> None:
    root = copy_base(tmp_path / "repo")
    apply_example(root, block, raw=False)
    found = _assert_scopes_hold(root)
    if kind == "example":
        assert code in {finding.rule for finding in found}


def test_rules_in_blocks_find_what_they_find_at_once(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules go over account folders a block at a time; the findings are those of one pass over all."""
    for number in range(7):
        shutil.copytree(base_repo / ACME, base_repo / f"{ACME}-{number}")
        account = base_repo / f"{ACME}-{number}/account.yaml"
        text = account.read_text(encoding="utf-8").replace("id: acme\n", f"id: acme-{number}\n")
        account.write_text(text.replace("owner: finance-key-accounts", "owner: nobody") if number % 3 else text)
    team = base_repo / "data/teams/delivery.yaml"
    team.write_text(re.sub(r"(?m)^lead: .*$", "lead: nobody-leads", team.read_text(encoding="utf-8")))
    playbook = repository.load(base_repo).playbook
    monkeypatch.setattr(registry, "BLOCK", 10_000)
    at_once = run_each(playbook, AS_OF)
    assert {finding.rule for finding in at_once} >= {"REF001", "REF002"}
    assert any(finding.path == "data/teams/delivery.yaml" for finding in at_once)
    for size in (1, 2, 3):
        monkeypatch.setattr(registry, "BLOCK", size)
        in_blocks = repository.load(base_repo).playbook
        assert sorted(run_each(in_blocks, AS_OF)) == sorted(at_once), size
        assert in_blocks.summaries == [AccountSummary.of(account) for account in in_blocks.accounts]
        assert sorted(run_across(in_blocks, AS_OF)) == sorted(run_across(playbook, AS_OF))
