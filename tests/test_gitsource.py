"""A base revision read beside the working tree gives what reading the revision alone gives."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from playbook import gitsource, repository
from tests.gitrepo import commit_all, copy_tree, init

SAMPLE = Path(__file__).resolve().parent.parent


@pytest.fixture
def reorganised(tmp_path: Path) -> Path:
    """The sample committed, then reorganised in the working tree: each account's region and tier changed on its
    own line, one account removed, one added, and one comment rewritten."""
    root = init(tmp_path / "repo")
    copy_tree(SAMPLE / "data", root / "data")
    shutil.copy(SAMPLE / "playbook.yaml", root / "playbook.yaml")
    commit_all(root, "base")
    accounts = sorted((root / "data" / "accounts").glob("*/account.yaml"))
    for path in accounts[2:]:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^region: .*$", "region: moved-away", text, count=1, flags=re.MULTILINE)
        text = re.sub(r"^tier: .*$", "tier: smb", text, count=1, flags=re.MULTILINE)
        path.write_text(text, encoding="utf-8")
    accounts[0].write_text("# rewritten\n" + accounts[0].read_text(encoding="utf-8"), encoding="utf-8")
    broken = accounts[3].read_text(encoding="utf-8")  # its region changed above, and now it does not parse
    accounts[3].write_text(broken.replace("region: moved-away", "region: [moved-away"), encoding="utf-8")
    bom = accounts[4].read_text(encoding="utf-8")
    accounts[4].write_bytes(b"\xef\xbb\xbf" + bom.replace("\n", "\r\n").encode())
    shutil.rmtree(accounts[1].parent)
    shutil.copytree(accounts[2].parent, accounts[2].parent.with_name("a-new-account"))
    return root


def test_the_base_beside_the_working_tree_is_the_base_read_alone(reorganised: Path) -> None:
    alone = gitsource.read_at(reorganised, "HEAD")
    beside, working = gitsource.read_with_working_tree(reorganised, "HEAD")
    assert beside.changed and len(beside.changed) > 10
    assert set(beside.results) == {path for path, _ in gitsource._wanted(beside)}
    for path, result in beside.results.items():
        expected = alone.results[path]
        assert result.kind == expected.kind and result.findings == expected.findings, path
        assert result.sourced is not None and expected.sourced is not None, path
        assert result.sourced.model == expected.sourced.model, path
        assert result.sourced.document.text == expected.sourced.document.text, path
        assert result.sourced.document.values == expected.sourced.document.values, path
    loaded = repository.load(reorganised)
    assert working.files == loaded.files
    assert [r.sourced.model if r.sourced else None for r in working.results or []] == [
        r.sourced.model if r.sourced else None for r in loaded.results or []
    ]


def test_a_file_changed_only_in_top_level_values_is_made_from_its_working_copy(reorganised: Path) -> None:
    beside, working = gitsource.read_with_working_tree(reorganised, "HEAD")
    by_path = {result.path: result for result in working.results or []}
    made = [
        path
        for path, result in beside.results.items()
        if path in by_path
        and result.sourced is not None
        and (head := by_path[path].sourced) is not None
        and result.sourced.model.name is head.model.name  # shares what did not change
    ]
    removed = {path for path in beside.results if path not in by_path}
    assert removed and all(path.startswith("data/accounts/") for path in removed)
    accounts = sorted(path for path in beside.results if path.endswith("/account.yaml"))
    # the rewritten account, the one that no longer parses, and the one now with a BOM and CRLF line ends
    assert set(beside.results) - set(made) - removed == {accounts[0], accounts[3], accounts[4]}
