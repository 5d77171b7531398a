"""`playbook rules` and the registry's own documentation."""

from __future__ import annotations

import re

import pytest

from playbook.cli import main
from playbook.rules import RULES
from playbook.rules.registry import SECTIONS

CODES = sorted(RULES)


def test_list_has_every_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listed = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == CODES


@pytest.mark.parametrize("code", CODES)
def test_rule_is_documented(code: str) -> None:
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z]{2,5}[0-9]{3}", code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.summary.endswith("."), rule.summary
    for section in SECTIONS:
        assert rule.sections.get(section, "").strip(), f"{code} lacks '## {section}'"


def test_rule_names_are_unique() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


def test_explain_by_code_and_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "ref001"]) == 0
    by_code = capsys.readouterr().out
    assert main(["rules", "unknown-team"]) == 0
    assert capsys.readouterr().out == by_code
    assert by_code.startswith("REF001 unknown-team (error)")
    for section in SECTIONS:
        assert f"## {section}" in by_code


def test_explain_unknown_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "NOPE999"]) == 2
    assert "no rule 'NOPE999'" in capsys.readouterr().err


@pytest.mark.parametrize("code", sorted(RULES))
def test_examples_are_shown_without_test_markers(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    from playbook.site.pages import rule_pages

    assert main(["rules", code]) == 0
    shown = capsys.readouterr().out
    assert "# expect:" not in shown
    assert all(section in shown for section in ("## Example", "## Use instead"))
    page = next(page for page in rule_pages(RULES) if f"## {code} " in page.markdown)
    section = page.markdown.split(f"## {code} ", 1)[1].split("\n## ", 1)[0]
    assert "### Example" in section and "# expect:" not in section
