"""Reading YAML: positions, the core schema, and every kind of bad input as a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.documents import MAX_DEPTH, decode, load, parse, parse_carefully


def _rules(text: str) -> list[tuple[str, int, int]]:
    _, findings = parse("f.yaml", text)
    return [(finding.rule, finding.line, finding.column) for finding in findings]


def test_positions_of_values_and_keys() -> None:
    document, findings = parse("f.yaml", "name:\n  en: Acme\ncontacts:\n  - id: zhao\n    owner: amy\n")
    assert findings == []
    assert document is not None
    assert document.values[("name", "en")] == (2, 7)
    assert document.keys[("name", "en")] == (2, 3)
    assert document.values[("contacts", 0, "owner")] == (5, 12)
    assert document.keys[("contacts", 0, "owner")] == (5, 5)
    assert document.locate(("contacts", 0, "missing", "deeper")) == (4, 5)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("off", "off"),
        ("yes", "yes"),
        ("2026-01-01", "2026-01-01"),
        ("1:20", "1:20"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("", None),
        ("0x1f", 31),
        ("0o17", 15),
        ("007", 7),
        ("-3", -3),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("'123'", "123"),
        ("!!str 5", "5"),
    ],
)
def test_core_schema_scalars(text: str, value: object) -> None:
    document, findings = parse("f.yaml", f"v: {text}\n")
    assert findings == []
    assert document is not None
    assert document.data["v"] == value
    assert type(document.data["v"]) is type(value)


def test_duplicate_key_names_both_lines() -> None:
    _, findings = parse("f.yaml", "id: a\nname: x\nid: b\n")
    assert [(f.rule, f.line, f.column) for f in findings] == [("YAML002", 3, 1)]
    assert "line 1" in findings[0].message


def test_duplicate_key_in_nested_flow_mapping() -> None:
    assert _rules("a:\n  - {b: 1, b: 2}\n") == [("YAML002", 2, 12)]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo hi']",
        "!!python/name:os.system",
        "!!binary aGk=",
        "!!timestamp 2026-01-01",
        "!custom x",
        "!!set {a}",
    ],
)
def test_object_building_and_other_tags_are_findings(tag: str) -> None:
    document, findings = parse("f.yaml", f"id: a\nv: {tag}\n")
    assert [(f.rule, f.line, f.column) for f in findings] == [("YAML003", 2, 4)]
    assert document is not None and document.data["v"] is None


def test_value_not_fitting_its_tag() -> None:
    assert _rules("v: !!int abc\n") == [("YAML003", 1, 4)]


def test_unclosed_bracket_is_reported_where_it_opened() -> None:
    assert _rules("a: [1, 2\nb: 3\n") == [("YAML001", 1, 4)]


def test_tab_indentation() -> None:
    rules = _rules("a:\n\tb: 1\n")
    assert rules[0][0] == "YAML001" and rules[0][1] == 2


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file(text: str) -> None:
    document, findings = parse("f.yaml", text)
    assert document is None
    assert [f.rule for f in findings] == ["YAML005"]


def test_several_documents() -> None:
    assert _rules("a: 1\n---\nb: 2\n") == [("YAML007", 2, 1)]


def test_alias_bomb_is_stopped() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]")
    rules = _rules("\n".join(levels) + "\n")
    assert len(rules) == 1 and rules[0][0] == "YAML004"


def test_small_aliases_are_fine() -> None:
    document, findings = parse("f.yaml", "base: &b {tier: key}\ncopy: *b\n")
    assert findings == []
    assert document is not None and document.data["copy"] == {"tier": "key"}


def test_recursive_alias() -> None:
    assert _rules("a: &a [1, *a]\n") == [("YAML004", 1, 11)]


@pytest.mark.parametrize("text", ["[" * 100_000, "- " * 100_000 + "x", "{a: " * 50_000])
def test_runaway_nesting_is_a_finding_not_a_crash(text: str) -> None:
    rules = _rules(text)
    assert rules[0][0] in {"YAML004", "YAML001"}
    assert rules[0] == ("YAML004", 1, rules[0][2]) or rules[0][0] == "YAML001"


def test_nesting_at_the_limit_is_allowed() -> None:
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert _rules(text) == []


def test_complex_and_merge_keys() -> None:
    assert _rules("? [a, b]\n: 1\n<<: {x: 1}\nc: 2\n") == [("YAML006", 1, 3), ("YAML006", 3, 1)]


def test_not_utf8() -> None:
    text, findings = decode("f.yaml", b"id: a\nname: caf\xe9\n")
    assert text is None
    assert [(f.rule, f.line, f.column) for f in findings] == [("YAML001", 2, 10)]


def test_byte_order_mark_is_accepted() -> None:
    document, findings = load("f.yaml", "\ufeffid: a\n".encode())
    assert findings == [] and document is not None and document.data == {"id": "a"}


def test_control_character() -> None:
    assert _rules("a: \x07\n")[0][0] == "YAML001"


def _data_files() -> list[Path]:
    project = Path(__file__).resolve().parents[1]
    return sorted([*(project / "data").rglob("*.yaml"), *(project / "tests/fixtures/base").rglob("*.yaml")])


def test_the_fast_and_the_careful_reader_agree_on_every_data_file() -> None:
    files = _data_files()
    assert len(files) > 100
    fast_files = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, fast_findings = parse(str(path), text)
        careful, careful_findings = parse_carefully(str(path), text)
        assert fast_findings == careful_findings == []
        assert fast is not None and careful is not None
        assert fast.data == careful.data, path
        assert fast.values == careful.values and fast.keys == careful.keys, path
        fast_files += (fast.text is not None and fast._values is None) or 0
    assert fast_files == 0  # positions were worked out on demand for every fast read above


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NO", "NO"),
        ("2026-01-01", "2026-01-01"),
        ("007", 7),
        ("0x1f", 31),
        ("1e3", 1000.0),
        ("~", None),
        ("True", True),
    ],
)
def test_the_careful_reader_resolves_scalars_like_the_fast_one(text: str, value: object) -> None:
    document, findings = parse_carefully("f.yaml", f"v: {text}\n")
    assert findings == [] and document is not None
    assert document.data["v"] == value and type(document.data["v"]) is type(value)


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: 1\na: 2\n", "[" * 70 + "]" * 70, "? [a]\n: 1\n"],
)
def test_unusual_files_take_the_careful_path(text: str) -> None:
    from playbook.documents import _NotPlain, _parse_plain

    with pytest.raises(_NotPlain):
        _parse_plain(text)
