"""`playbook validate` end to end: bad input, formats, narrowing, exit codes, no writes."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from playbook.cli import main

TODAY = ["--today", "2026-10-15"]
TEAM = "data/teams/delivery.yaml"
ACCOUNT = "data/accounts/acme/account.yaml"


def _line_of(root: Path, path: str, text: str) -> int:
    """The 1-based number of the first line of ``path`` that contains ``text``."""
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _validate(root: Path, *extra: str) -> int:
    return main(["validate", "--root", str(root), *TODAY, *extra])


def _findings(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, list[dict[str, object]]]:
    code = _validate(root, "--format", "json", *extra)
    payload = json.loads(capsys.readouterr().out)
    return code, payload["findings"]


def test_base_validates_clean(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _validate(base_repo) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 errors, 0 warnings" in captured.err


BAD_INPUTS = {
    "syntax error": (TEAM, "id: delivery\nname: {en: Delivery\ntype: delivery\n", "YAML001", 2),
    "duplicate key": (TEAM, "id: delivery\ntype: delivery\nid: other\n", "YAML002", 3),
    "empty file": (TEAM, "", "YAML005", 1),
    "object-building tag": (TEAM, "id: delivery\ncharter: !!python/object/apply:os.system [id]\n", "YAML003", 2),
    "alias bomb": (
        TEAM,
        "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
        + "".join(f"{n}: &{n} [{','.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)),
        "YAML004",
        6,
    ),
    "list where a mapping belongs": (TEAM, "- id: delivery\n- type: delivery\n", "SCH001", 1),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_a_finding_with_path_and_line(
    case: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, text, rule, line = BAD_INPUTS[case]
    (base_repo / path).write_text(text, encoding="utf-8")
    code, findings = _findings(base_repo, capsys)
    assert code == 1
    matching = [f for f in findings if f["rule"] == rule and f["path"] == path]
    assert matching, findings
    assert matching[0]["line"] == line
    assert isinstance(matching[0]["column"], int) and matching[0]["column"] >= 1


def test_wrong_type(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (base_repo / ACCOUNT).read_text(encoding="utf-8").replace("lifecycle: growth", "lifecycle: 3")
    (base_repo / ACCOUNT).write_text(text, encoding="utf-8")
    line = _line_of(base_repo, ACCOUNT, "lifecycle: 3")
    code, findings = _findings(base_repo, capsys)
    assert code == 1
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings] == [("SCH001", ACCOUNT, line, 12)]
    assert "lifecycle" in str(findings[0]["message"])


def test_unknown_key_suggests_the_right_one(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (base_repo / ACCOUNT).read_text(encoding="utf-8").replace("lifecycle: growth", "lifecycel: growth")
    (base_repo / ACCOUNT).write_text(text, encoding="utf-8")
    line = _line_of(base_repo, ACCOUNT, "lifecycel")
    code, findings = _findings(base_repo, capsys)
    assert code == 1
    unknown = [f for f in findings if f["rule"] == "SCH002"]
    assert [(f["path"], f["line"], f["column"]) for f in unknown] == [(ACCOUNT, line, 1)]
    assert "did you mean 'lifecycle'" in str(unknown[0]["message"])


def test_missing_reference(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (base_repo / ACCOUNT).read_text(encoding="utf-8").replace("owner: finance-key-accounts", "owner: finance-ka")
    (base_repo / ACCOUNT).write_text(text, encoding="utf-8")
    line = _line_of(base_repo, ACCOUNT, "owner: finance-ka")
    code, findings = _findings(base_repo, capsys)
    assert code == 1
    ref = [f for f in findings if f["rule"] == "REF001"]
    assert [(f["path"], f["line"], f["column"]) for f in ref] == [(ACCOUNT, line, 8)]


def test_text_format_is_one_finding_a_line(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: delivery\nid: again\n", encoding="utf-8")
    assert _validate(base_repo) == 1
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith(TEAM)]
    assert lines[0] == f"{TEAM}:2:1: error YAML002 duplicate key 'id': it is already set on line 1"


def test_github_format(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: delivery\nid: again\n", encoding="utf-8")
    assert _validate(base_repo, "--format", "github") == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if f"file={TEAM}," in line)
    assert line == f"::error file={TEAM},line=2,col=1,title=YAML002::duplicate key 'id': it is already set on line 1"


def test_json_format_fields(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: delivery\nid: again\n", encoding="utf-8")
    _validate(base_repo, "--format", "json")
    payload = json.loads(capsys.readouterr().out)
    assert set(payload["findings"][0]) == {"path", "line", "column", "severity", "rule", "message"}
    assert payload["summary"]["errors"] >= 1


def test_paths_narrow_the_report_not_the_load(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: delivery\nid: again\n", encoding="utf-8")
    code = _validate(base_repo, "--format", "json", str(base_repo / ACCOUNT))
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    # The account's findings only, but the error elsewhere still fails the run and is counted.
    assert all(f["path"] == ACCOUNT for f in payload["findings"])
    assert payload["summary"]["errors_elsewhere"] >= 1
    assert code == 1


def test_narrowing_to_a_folder(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: delivery\nid: again\n", encoding="utf-8")
    code = _validate(base_repo, "--format", "json", str(base_repo / "data/teams"))
    payload = json.loads(capsys.readouterr().out)
    assert code == 1
    assert {f["path"] for f in payload["findings"]} == {TEAM}


def test_validation_never_writes(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / TEAM).write_text("id: [unclosed\n", encoding="utf-8")

    def snapshot() -> dict[str, str]:
        """Every file but the validation cache's own folder."""
        return {
            str(path.relative_to(base_repo)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(base_repo.rglob("*"))
            if path.is_file() and ".playbook-cache" not in path.parts
        }

    before = snapshot()
    _validate(base_repo)
    _validate(base_repo, "--format", "json")
    assert snapshot() == before
    cache_files = {path.name for path in (base_repo / ".playbook-cache").iterdir()}
    assert cache_files <= {".gitignore", "run.marshal", "digests.marshal", "folders.pickle"}


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--root", "/nonexistent/playbook"],
        ["validate", "--format", "xml"],
        ["validate", "--today", "tomorrow"],
        ["frobnicate"],
        [],
    ],
)
def test_command_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("playbook: error: ")
    assert len(err.strip().splitlines()) == 1


def test_root_without_data_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--root", str(tmp_path)]) == 2
    assert "no playbook repository" in capsys.readouterr().err


def test_no_traceback_as_a_process(base_repo: Path) -> None:
    (base_repo / TEAM).write_bytes(b"id: \xff\xfe\n")
    result = subprocess.run(
        [sys.executable, "-m", "playbook", "validate", "--root", str(base_repo)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{TEAM}:1:5: error YAML001" in result.stdout
