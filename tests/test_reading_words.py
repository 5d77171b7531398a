"""Syntax mistakes in plain words: at the mistake's own line and column, naming what to type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.cli import main
from playbook.documents import parse
from playbook.models import Team
from playbook.schema import check

TEAM = "data/teams/delivery.yaml"
GOOD_TEAM = (
    "id: delivery\ntype: delivery\nlead: fay-fr\nmembers: [{id: fay-fr, name: {en: Fay Fu}, roles: [fr]}]\n"
    "charter: Delivers what is sold.\n"
)

#: text, the finding's code, line, column, and words it must say.
SYNTAX = {
    "full-width colon after a key": (
        "id: acme\ntier： key\nregion: north\n",
        "YAML001",
        2,
        5,
        ["full-width colon '：'", "ASCII colon ':'", "全角冒号"],
    ),
    "full-width colon on the last line": ("id: acme\ntier： key\n", "YAML001", 2, 5, ["'：'", "':'"]),
    "ideographic space after a colon": (
        "id: a\ntier:\u3000key\nregion: x\n",
        "YAML001",
        2,
        6,
        ["ideographic space", "ordinary space", "全角空格"],
    ),
    "full-width quote around a value": (
        "title: “Note: x”\n",
        "YAML001",
        1,
        8,
        ["full-width quote '“'", "ASCII double quote '\"'"],
    ),
    "full-width hyphen for a list item": (
        "contacts:\n  － id: a\n    title: x\nid: b\n",
        "YAML001",
        2,
        3,
        ["full-width hyphen '－'", "ASCII hyphen '-'"],
    ),
    "full-width number sign for a comment": (
        "id: a\n＃ note\nregion: x\n",
        "YAML001",
        2,
        1,
        ["full-width number sign '＃'", "'#'"],
    ),
    "tab before a comment": ("a: 1\n\t# c\nb: [1\n", "YAML001", 2, 1, ["a tab", "replace it with spaces"]),
    "tab in the indentation": ("id: a\nname:\n\ten: x\n", "YAML001", 3, 1, ["tab", "spaces"]),
    "value holding ': ' in a block": (
        "title: Note: important\nid: x\n",
        "YAML001",
        1,
        8,
        ["put the value in quotes", 'title: "Note: important"'],
    ),
    "value holding ': ' inside {}": (
        "name: {en: Note: this}\n",
        "YAML001",
        1,
        12,
        ["put the value in quotes", 'en: "Note: this"'],
    ),
    "line indented under a key that has a value": (
        "id: a\nowner: x\n tier: key\n",
        "YAML001",
        3,
        2,
        ["indented more than 'owner' on line 2", "start it in column 1"],
    ),
    "line indented between two keys": (
        "name:\n  en: a\n zh: b\nid: x\n",
        "YAML001",
        3,
        2,
        ["column 3 beside 'en' (line 2)", "column 1 beside 'name' (line 1)"],
    ),
    "list item key out of line": (
        "contacts:\n  - id: a\n    title: x\n   owner: y\n",
        "YAML001",
        4,
        4,
        ["start it in column 5 beside 'title' (line 3)"],
    ),
    "unclosed double quote": (
        'id: a\ntitle: "abc\ntier: key\n',
        "YAML001",
        2,
        8,
        ['quote " that opens', "end the value"],
    ),
    "unclosed single quote": ("id: a\ntitle: 'abc\ntier: key\n", "YAML001", 2, 8, ["quote ' that opens"]),
    "apostrophe inside single quotes": ("title: 'it's'\nid: a\n", "YAML001", 1, 11, ["''", "two quotes"]),
    "unclosed bracket": ("id: a\ntags: [a, b\ntier: key\n", "YAML001", 2, 7, ["'[' opened here", "']'"]),
    "unclosed brace": ("id: a\nname: {en: x\ntier: key\n", "YAML001", 2, 7, ["'{' opened here", "'}'"]),
    "key without its colon": ("id: a\ntier key\nregion: x\n", "YAML001", 2, 5, ["'tier' has no ':'", "'tier: key'"]),
    "key without its colon after block text holding '：'": (
        "notes: >-\n  客户说：价格太高\ntier key\n",
        "YAML001",
        3,
        5,
        ["'tier' has no ':'"],
    ),
    "value starting with @": ("id: a\nhandle: @amy\n", "YAML001", 2, 9, ["cannot start with '@'", '"@amy"']),
}


@pytest.mark.parametrize("case", sorted(SYNTAX))
def test_syntax_mistake_is_named_where_it_is(case: str) -> None:
    text, code, line, column, words = SYNTAX[case]
    document, findings = parse("data/accounts/acme/account.yaml", text)
    assert document is None
    assert [(f.rule, f.path, f.line, f.column) for f in findings] == [
        (code, "data/accounts/acme/account.yaml", line, column)
    ]
    for word in words:
        assert word in findings[0].message
    assert "(YAML parser: " in findings[0].message  # the parser's words, as a detail only


#: Mistakes that read as valid YAML but not as meant: text, code, line, column, words.
MISREAD = {
    "full-width colon inside {}": (
        "name: {zh： 李娜}\n",
        "SCH002",
        6,
        10,
        ["full-width colon '：'", "write 'zh: 李娜'"],
    ),
    "unquoted ', ' inside {}": (
        "name: {en: East China (Shanghai, Zhejiang, Fujian)}\n",
        "SCH002",
        6,
        12,
        ["put the value in quotes", 'en: "East China (Shanghai, Zhejiang, Fujian)"'],
    ),
    "ideographic spaces as indentation": (
        "name:\n\u3000\u3000en: Delivery\n",
        "SCH002",
        7,
        1,
        ["ideographic space", "ordinary space"],
    ),
}


@pytest.mark.parametrize("case", sorted(MISREAD))
def test_misread_mistake_says_what_to_type(case: str) -> None:
    text, code, line, column, words = MISREAD[case]
    document, findings = parse(TEAM, GOOD_TEAM + text)
    assert findings == [] and document is not None
    _, found = check(document, Team)
    mine = [f for f in found if f.rule == code]
    assert {(f.rule, f.path, f.line, f.column) for f in mine} == {(code, TEAM, line, column)}
    for word in words:
        assert word in mine[0].message


def test_full_width_bracket_value_is_named() -> None:
    text = "id: delivery\ntype: delivery\nlead: fay-fr\nmembers: ［fay-fr］\ncharter: x\nname: {en: D}\n"
    document, _ = parse(TEAM, text)
    assert document is not None
    _, found = check(document, Team)
    members = [f for f in found if f.rule == "SCH001" and "members" in f.message]
    assert [(f.line, f.column) for f in members] == [(4, 10)]
    assert "full-width bracket '［'" in members[0].message and "'['" in members[0].message


def test_ordinary_chinese_punctuation_in_values_is_not_blamed() -> None:
    text = "id: a\nname: {zh: 中国（北京）有限公司、分公司}\nnote: 客户说：价格太高\n"
    document, findings = parse("f.yaml", text)
    assert findings == [] and document is not None
    assert document.data["name"]["zh"] == "中国（北京）有限公司、分公司"


def test_validate_reports_the_words_with_path_line_and_column(
    base_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (base_repo / TEAM).write_text("id: delivery\ntype： delivery\nlead: fay-fr\n", encoding="utf-8")
    assert main(["validate", "--root", str(base_repo), "--format", "json", "--no-cache", str(base_repo / TEAM)]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["path"], f["line"], f["column"]) for f in findings] == [("YAML001", TEAM, 2, 5)]
    assert "type the ASCII colon ':'" in findings[0]["message"]


def test_an_item_holding_colon_space_inside_brackets_says_to_quote_it() -> None:
    text = GOOD_TEAM + "name: {en: D}\nscope: {regions: [north: south, east]}\n"
    document, _ = parse(TEAM, text)
    assert document is not None
    _, found = check(document, Team)
    assert [(f.rule, f.path, f.line, f.column) for f in found] == [("SCH001", TEAM, 7, 19)]
    assert "inside […]" in found[0].message and 'put the value in quotes: "north: south"' in found[0].message
