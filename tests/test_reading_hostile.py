"""Hostile and malformed files: each gets a located finding, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.documents import MAX_FILE_BYTES, MAX_VALUES, load

TEAM = "data/teams/delivery.yaml"

#: bytes, the finding's code, line, column, and words it must say.
HOSTILE: dict[str, tuple[bytes, str, int, int, str]] = {
    "undefined alias in a flow list": (b"a: [*nope, 1]\n", "YAML008", 1, 5, "alias *nope names no anchor"),
    "undefined alias in a block list": (b"a:\n  - *nope\n", "YAML008", 2, 5, "put &nope on a value above it"),
    "undefined alias as a key": (b"*nope : 1\n", "YAML008", 1, 1, "alias *nope"),
    "alias before its anchor": (b"a: *x\nb: &x 1\n", "YAML008", 1, 4, "alias *x names no anchor"),
    "flow nesting past libyaml's depth": (
        b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
        "YAML001",
        1,
        1003,
        "nest too deep",
    ),
    "block nesting past the limit": (
        "".join("  " * i + f"k{i}:\n" for i in range(100)).encode(),
        "YAML004",
        65,
        129,
        "nest deeper than 64 levels",
    ),
    "a NUL byte": (b"a: b\x00c\n", "YAML001", 1, 5, "control character (U+0000)"),
    "a control character after Chinese text": ("x: 1\nab: 中\x07c\n".encode(), "YAML001", 2, 6, "U+0007"),
    "invalid UTF-8": (b"a: \xff\xfe\n", "YAML001", 1, 4, "not UTF-8 text (byte 0xff)"),
    "UTF-16 with its byte-order mark": ("a: b\n".encode("utf-16"), "YAML001", 1, 1, "UTF-16 text: save it as UTF-8"),
    "a lone surrogate escape": (b'a: "\\ud800"\n', "YAML001", 1, 7, "YAML syntax error"),
    "binary junk": (bytes(range(256)) * 10, "YAML001", 2, 118, "not UTF-8"),
    "an empty file": (b"", "YAML005", 1, 1, "the file is empty"),
    "only a comment": (b"# only a comment\n", "YAML005", 1, 1, "the file is empty"),
    "too many keys below the size limit": (
        b"".join(b"k%d: 1\n" % i for i in range(MAX_VALUES)),
        "YAML004",
        MAX_VALUES // 2,
        9,
        f"more than {MAX_VALUES:,} values",
    ),
    "one long flow list below the size limit": (
        b"a: [" + b"1, " * (MAX_VALUES + 10) + b"1]\n",
        "YAML004",
        1,
        3 * MAX_VALUES - 4,
        f"more than {MAX_VALUES:,} values",
    ),
    "over the size limit": (
        b"a: 1\n" + b"# pad\n" * (MAX_FILE_BYTES // 6 + 1),
        "YAML009",
        1,
        1,
        "larger than the 5 MB",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_gets_a_located_finding(case: str) -> None:
    raw, code, line, column, words = HOSTILE[case]
    document, findings = load(TEAM, raw)
    assert document is None
    assert [(f.rule, f.path, f.line, f.column) for f in findings] == [(code, TEAM, line, column)]
    assert words in findings[0].message


def test_a_very_long_line_reads() -> None:
    document, findings = load(TEAM, b"a: " + b"x" * 2_000_000 + b"\n")
    assert findings == [] and document is not None
    assert len(document.data["a"]) == 2_000_000


def test_an_oversized_file_is_not_parsed() -> None:
    """Past the limit, even a file that is not YAML at all gets only the size finding."""
    document, findings = load(TEAM, b"[" * 200 + b"\x00" * MAX_FILE_BYTES)
    assert document is None and [f.rule for f in findings] == ["YAML009"]


def test_the_size_limit_is_set_in_playbook_yaml(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (base_repo / "playbook.yaml").write_text("# the largest data file\nmax_file_mb: 0.02\n", encoding="utf-8")
    (base_repo / TEAM).write_text("id: delivery\n" + "# a comment that pads the file\n" * 1000, encoding="utf-8")
    assert main(["validate", "--root", str(base_repo), "--format", "json", "--no-cache"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings if f["rule"] == "YAML009"] == [
        ("YAML009", TEAM, 1, 1)
    ]
    assert "raise max_file_mb in playbook.yaml" in next(f["message"] for f in findings if f["rule"] == "YAML009")


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_validate_never_breaks_on_a_hostile_file(
    case: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw, code, line, column, _ = HOSTILE[case]
    (base_repo / TEAM).write_bytes(raw)
    assert main(["validate", "--root", str(base_repo), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert (code, TEAM, line, column) in {(f["rule"], f["path"], f["line"], f["column"]) for f in findings}


@pytest.mark.parametrize("special", ["device", "pipe"])
def test_a_device_or_a_pipe_named_like_a_data_file_is_not_read(
    special: str, base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    target = base_repo / "data/teams/special.yaml"
    if special == "device":
        target.symlink_to("/dev/zero")
    else:
        os.mkfifo(target)
    assert main(["validate", "--root", str(base_repo), "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    special_findings = [f for f in findings if f["path"] == "data/teams/special.yaml"]
    assert [(f["rule"], f["line"], f["column"]) for f in special_findings] == [("FILE003", 1, 1)]
    assert "cannot read the file: not a regular file" in special_findings[0]["message"]
