"""The validation cache: never stale, never trusted when foreign, and the same findings as a cold run."""

from __future__ import annotations

import json
import marshal
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from playbook import cache, layout
from playbook.cli import main
from playbook.validation import validate
from tests.conftest import AS_OF

ACCOUNT = "data/accounts/acme/account.yaml"
TODAY = ["--today", AS_OF.isoformat()]


def _run(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict[str, object]]]:
    capsys.readouterr()
    code = main(["validate", "--root", str(root), "--format", "json", *TODAY, *extra])
    return code, json.loads(capsys.readouterr().out)["findings"]


def _break(root: Path) -> None:
    path = root / ACCOUNT
    path.write_text(path.read_text(encoding="utf-8").replace("owner: finance-key-accounts", "owner: nobody"))


def test_a_warm_run_reports_what_the_cold_run_did(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(base_repo)
    cold = _run(base_repo, capsys)
    assert (base_repo / layout.CACHE / cache.RUN).is_file()
    assert cold[0] == 1 and cold[1]
    warm = _run(base_repo, capsys)
    assert warm == cold
    assert _run(base_repo, capsys, "--no-cache") == cold


def test_a_warm_run_does_not_validate_again(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(base_repo, capsys)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm run validated again")

    monkeypatch.setattr("playbook.validation.validate", refuse)
    assert _run(base_repo, capsys) == (0, [])


def test_an_edit_behind_the_caches_back_is_seen(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(base_repo, capsys) == (0, [])
    path = base_repo / ACCOUNT
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    broken = text.replace("owner: finance-key-accounts", "owner: finance-key-accountz")
    assert len(broken) == len(text)
    path.write_text(broken, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time
    code, findings = _run(base_repo, capsys)
    assert code == 1
    assert [f["rule"] for f in findings] == ["REF001"]


def test_a_new_day_is_a_new_run(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(base_repo, capsys) == (0, [])
    capsys.readouterr()
    main(["validate", "--root", str(base_repo), "--format", "json", "--today", "2027-06-01"])
    rules = {f["rule"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert "ACT001" in rules  # the action due 2026-11-30 is overdue by then


@pytest.mark.parametrize("damage", ["garbage", "truncate", "resign", "other-secret"])
def test_a_corrupt_or_foreign_cache_is_ignored(
    base_repo: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    _run(base_repo, capsys)
    run = base_repo / layout.CACHE / cache.RUN
    signature, _, payload = run.read_bytes().partition(b"\n")
    stored = marshal.loads(payload)
    stored["findings"] = [["data/taxonomy.yaml", 1, 1, "FAKE001", "error", "planted"]]
    planted = marshal.dumps(stored)
    if damage == "garbage":
        run.write_bytes(b"\x00\xff not a cache")
    elif damage == "truncate":
        run.write_bytes(run.read_bytes()[:40])
    elif damage == "resign":
        run.write_bytes(signature + b"\n" + planted)  # the old signature does not cover the new payload
    else:
        shutil.rmtree(base_repo / layout.CACHE)
        other_home = base_repo.parent / "someone-else"
        os.environ["XDG_CACHE_HOME"] = str(other_home)
        _run(base_repo, capsys)  # a cache written with someone else's secret
        os.environ["XDG_CACHE_HOME"] = str(base_repo.parent / "back")
    assert _run(base_repo, capsys) == (0, [])


def test_another_version_of_the_code_does_not_read_the_cache(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(base_repo, capsys)
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert cache.RunCache(base_repo, AS_OF).lookup() is None


def test_the_cache_can_be_switched_off(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAYBOOK_CACHE", "0")
    assert _run(base_repo, capsys) == (0, [])
    assert not (base_repo / layout.CACHE).exists()
    monkeypatch.delenv("PLAYBOOK_CACHE")
    assert _run(base_repo, capsys, "--no-cache") == (0, [])
    assert not (base_repo / layout.CACHE).exists()


def test_the_cache_folder_ignores_itself(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(base_repo, capsys)
    assert (base_repo / layout.CACHE / ".gitignore").read_text(encoding="utf-8") == "*\n"
    project_ignore = (Path(__file__).resolve().parents[1] / ".gitignore").read_text(encoding="utf-8")
    assert ".playbook-cache/" in project_ignore


def _many_files(root: Path, accounts: int) -> None:
    """The base playbook with many accounts (and so many files), some of them broken."""
    template = (root / ACCOUNT).read_text(encoding="utf-8")
    assessment = (root / "data/accounts/acme/assessments/2026-09-30.yaml").read_text(encoding="utf-8")
    for number in range(accounts):
        folder = root / f"data/accounts/acme-{number:04d}"
        (folder / "assessments").mkdir(parents=True)
        text = template.replace("id: acme", f"id: acme-{number:04d}")
        if number % 37 == 0:
            text = text.replace("lifecycle: growth", "lifecycle: growing")
        if number % 53 == 0:
            text += "\nnotes: [unclosed\n"
        (folder / "account.yaml").write_text(text, encoding="utf-8")
        (folder / "assessments/2026-09-30.yaml").write_text(assessment, encoding="utf-8")


def test_parallel_reading_finds_exactly_what_one_process_finds(base_repo: Path) -> None:
    _many_files(base_repo, 240)
    single = validate(base_repo, AS_OF, jobs=1)
    assert len(single.files) > 400 and single.errors > 0
    parallel = validate(base_repo, AS_OF, jobs=2)
    assert parallel.findings == single.findings
    assert [f.path for f in parallel.findings] == [f.path for f in single.findings]


def test_reading_falls_back_to_one_process_when_workers_fail(base_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from playbook import repository

    _many_files(base_repo, 240)
    single = validate(base_repo, AS_OF, jobs=1)

    class BrokenPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise BrokenProcessPool("no workers here")

    monkeypatch.setattr(repository, "ProcessPoolExecutor", BrokenPool)
    assert validate(base_repo, AS_OF, jobs=2).findings == single.findings


def test_an_unchanged_repository_is_not_even_listed(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(base_repo)
    cold = _run(base_repo, capsys)

    def refuse(root: Path, known: object = None, seen: object = None) -> object:
        raise AssertionError("a warm run listed the data files")

    monkeypatch.setattr(cache, "scan", refuse)
    assert _run(base_repo, capsys) == cold


def test_a_touched_file_is_compared_by_content_and_then_remembered(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _break(base_repo)
    cold = _run(base_repo, capsys)
    os.utime(base_repo / ACCOUNT)  # a new modification time, the same content
    read: list[str] = []

    def reading(path: str, *args: Any, **kwargs: Any) -> Any:
        read.append(Path(path).relative_to(base_repo).as_posix())
        return Path(path).open(*args, **kwargs)

    monkeypatch.setattr(cache, "open", reading, raising=False)
    assert _run(base_repo, capsys) == cold
    assert read == [ACCOUNT]  # only the touched file is digested again
    assert _run(base_repo, capsys) == cold
    assert read == [ACCOUNT]  # its new status was kept: the run after reads nothing


def test_settings_added_beside_data_are_seen(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(base_repo, capsys) == (0, [])
    (base_repo / layout.SETTINGS).write_text("language: klingon\n", encoding="utf-8")
    code, findings = _run(base_repo, capsys)
    assert code == 1 and [f["path"] for f in findings] == [layout.SETTINGS]
    (base_repo / layout.SETTINGS).unlink()
    assert _run(base_repo, capsys) == (0, [])


def test_a_file_added_to_a_folder_is_seen(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(base_repo, capsys) == (0, [])
    assessments = base_repo / "data/accounts/acme/assessments"
    (assessments / "2026-10-01.yaml").write_bytes((assessments / "2026-09-30.yaml").read_bytes())
    code, findings = _run(base_repo, capsys)
    assert code == 1 and {f["rule"] for f in findings} == {"ID002"}


def test_only_the_folders_that_changed_are_listed_again(
    base_repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(base_repo, capsys) == (0, [])
    assessments = base_repo / "data/accounts/acme/assessments"
    (assessments / "2026-10-01.yaml").write_bytes((assessments / "2026-09-30.yaml").read_bytes())
    listed: list[str] = []
    original = layout._list

    def counting(folder: str) -> tuple[list[str], list[str]]:
        listed.append(Path(folder).relative_to(base_repo).as_posix())
        return original(folder)

    monkeypatch.setattr(layout, "_list", counting)
    code, findings = _run(base_repo, capsys)
    assert code == 1 and {f["rule"] for f in findings} == {"ID002"}
    assert listed == ["data/accounts/acme/assessments"]
