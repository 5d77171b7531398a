"""Incremental validation: after each kind of edit, exactly the findings of a cold run, reading only what changed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from playbook import incremental, layout, repository
from playbook.cli import main
from tests.conftest import AS_OF

ACME = "data/accounts/acme"
TODAY = ["--today", AS_OF.isoformat()]


class Reads:
    """Records which files each run reads from disk."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        original = repository.read_files

        def recording(root: Path, files: list[str], jobs: int | None = None) -> list[repository.FileResult]:
            self.files.extend(files)
            return original(root, files, jobs)

        monkeypatch.setattr(repository, "read_files", recording)

    def take(self) -> list[str]:
        taken, self.files = self.files, []
        return taken


def _report(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["validate", "--root", str(root), "--format", "json", *TODAY, *extra])
    return code, capsys.readouterr().out


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def many(base_repo: Path) -> Path:
    """The base playbook with twelve more accounts, some broken, one AR shared too widely."""
    for number in range(12):
        folder = f"{ACME}-{number:02d}"
        shutil.copytree(base_repo / ACME, base_repo / folder)
        _edit(base_repo, f"{folder}/account.yaml", "id: acme\n", f"id: acme-{number:02d}\n")
        if number % 4 == 0:
            _edit(base_repo, f"{folder}/account.yaml", "owner: finance-key-accounts", "owner: finance")
        if number % 5 == 0:
            _edit(base_repo, f"{folder}/account.yaml", "lifecycle: growth", "lifecycle: growing")
        if number % 3 != 0:
            _edit(base_repo, f"{folder}/account.yaml", "ar: [amy-ar]", "ar: [sam-sr]")
    return base_repo


def _copy_folder(root: Path, name: str) -> None:
    shutil.copytree(root / f"{ACME}-01", root / f"{ACME}-{name}")


EDITS: dict[str, Callable[[Path], None]] = {
    "an owner renamed": lambda root: _edit(root, f"{ACME}-02/account.yaml", "owner: finance-key", "owner: fin-key"),
    "a broken file mended": lambda root: _edit(root, f"{ACME}-05/account.yaml", "growing", "growth"),
    "an AR overloaded": lambda root: _edit(root, f"{ACME}-03/account.yaml", "ar: [amy-ar]", "ar: [sam-sr]"),
    "a YAML error": lambda root: (root / f"{ACME}-07/account.yaml").write_text("id: [acme-07\n", encoding="utf-8"),
    "an account copied under its old id": lambda root: _copy_folder(root, "copy"),
    "an account removed": lambda root: shutil.rmtree(root / f"{ACME}-08"),
    "an assessment added": lambda root: shutil.copy(
        root / f"{ACME}-09/assessments/2026-09-30.yaml", root / f"{ACME}-09/assessments/2026-10-01.yaml"
    ),
    "an account file removed": lambda root: (root / f"{ACME}-10/account.yaml").unlink(),
}


@pytest.mark.parametrize("edit", EDITS)
def test_an_edited_folder_is_all_that_is_read_again(
    many: Path, edit: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(monkeypatch)
    first = _report(many, capsys)
    assert first[0] == 1 and reads.take()  # broken on purpose, and read whole
    assert (many / layout.CACHE / incremental.FOLDERS).is_file()
    EDITS[edit](many)
    cached = _report(many, capsys)
    read_again = reads.take()
    cold = _report(many, capsys, "--no-cache")
    reads.take()
    assert cached == cold
    assert all(path.startswith(f"{ACME}-") for path in read_again), read_again
    assert len({path.split("/")[2] for path in read_again}) <= 1
    again = _report(many, capsys)
    assert again == cold and not reads.take()  # nothing changed since: the warm run reads nothing


def test_edits_one_after_another_keep_to_a_cold_run(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _report(many, capsys)
    seen_rules: set[str] = set()
    for name, edit in EDITS.items():
        edit(many)
        cached = _report(many, capsys)
        assert cached == _report(many, capsys, "--no-cache"), name
        seen_rules |= {finding["rule"] for finding in json.loads(cached[1])["findings"]}
    assert {"REF001", "SCH001", "YAML001", "ID001", "ID002", "LOAD001", "FILE002"} <= seen_rules


@pytest.mark.parametrize(
    ("what", "edit"),
    [
        ("a team", lambda root: _edit(root, "data/teams/delivery.yaml", "id: delivery", "id: delivery-team")),
        ("the tiers", lambda root: _edit(root, "data/tiers.yaml", "max: 3", "max: 2")),
        (
            "a region put under another",
            lambda root: _edit(
                root,
                "data/taxonomy.yaml",
                "{id: south, name: {en: South, zh: 南区}}",
                "{id: south, name: {en: South, zh: 南区}, parent: north}",
            ),
        ),
        ("a file added beside the folders", lambda root: (root / "data/notes.yaml").write_text("a: 1\n")),
    ],
)
def test_a_shared_change_reads_everything_again(
    many: Path,
    what: str,
    edit: Callable[[Path], None],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads = Reads(monkeypatch)
    _report(many, capsys)
    everything = len(reads.take())
    edit(many)
    cached = _report(many, capsys)
    assert len(reads.take()) >= everything, what
    assert cached == _report(many, capsys, "--no-cache")


def test_another_day_reads_everything_again(
    many: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = Reads(monkeypatch)
    _report(many, capsys)
    everything = len(reads.take())
    later = ["--today", "2027-06-01"]
    assert _report(many, capsys, *later) == _report(many, capsys, "--no-cache", *later)
    assert len(reads.take()) >= everything


@pytest.mark.parametrize("damage", ["garbage", "resigned", "planted"])
def test_a_damaged_folder_cache_is_ignored(
    many: Path, damage: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = _report(many, capsys, "--no-cache")
    _report(many, capsys)
    store = many / layout.CACHE / incremental.FOLDERS
    signature, _, payload = store.read_bytes().partition(b"\n")
    if damage == "garbage":
        store.write_bytes(b"\x00\xff not a cache")
    elif damage == "resigned":
        store.write_bytes(signature + b"\n" + payload[:-1] + b"\x00")
    else:
        import pickle

        value = pickle.loads(payload)
        for record in value["store"].folders.values():
            record.findings.clear()  # as if every folder were clean, but signed by nobody
        store.write_bytes(signature + b"\n" + pickle.dumps(value))
    _edit(many, f"{ACME}-02/account.yaml", "title: CFO", "title: Chief Financial Officer")
    reads = Reads(monkeypatch)
    assert _report(many, capsys) == cold
    assert len(reads.take()) > 10  # read whole again


def test_files_are_told_apart_from_account_folders() -> None:
    files = [
        "data/accounts/acme/account.yaml",
        "data/accounts/acme/assessments/2026-09-30.yaml",
        "data/accounts/notes.yaml",
        "data/accountsbook/x/account.yaml",
        "data/teams/delivery.yaml",
        "playbook.yaml",
    ]
    split = incremental.Layout.of(files)
    assert split.folders == {"data/accounts/acme": files[:2]}
    assert split.shared == files[2:]
    assert all(layout.account_folder(path) is None for path in split.shared)
