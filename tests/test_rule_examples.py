"""Every rule's documented Example fires where it says, and its Use instead does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.rules import RULES
from playbook.validation import validate
from tests.conftest import AS_OF
from tests.examples import apply_example, copy_base, positions

#: Codes whose examples run over one repository (the gate's need a base revision: test_policy.py).
CODES = sorted(code for code, rule in RULES.items() if rule.stage != "gate")


def test_base_fixture_is_clean(base_repo: Path) -> None:
    assert validate(base_repo, AS_OF).findings == []


@pytest.mark.parametrize("code", CODES)
def test_rule_has_examples(code: str) -> None:
    rule = RULES[code]
    assert rule.examples, f"{code} has no YAML block under ## Example"
    assert rule.counter_examples, f"{code} has no YAML block under ## Use instead"


@pytest.mark.parametrize("code", CODES)
def test_example_fires(code: str, tmp_path: Path) -> None:
    rule = RULES[code]
    for number, block in enumerate(rule.examples):
        base_repo = copy_base(tmp_path / f"example-{number}")
        files = apply_example(base_repo, block, raw=rule.stage != "rules")
        found = [finding for finding in validate(base_repo, AS_OF).findings if finding.rule == code]
        assert found, f"{code} did not fire on its example:\n{block}"
        for patched in files:
            if patched.expect is not None:
                where = positions(base_repo, patched.path, patched.expect)
            elif patched.expect_position is not None:
                where = {patched.expect_position}
            else:
                continue
            hits = {(finding.line, finding.column) for finding in found if finding.path == patched.path}
            assert hits & where, (
                f"{code} fired at {[(f.path, f.line, f.column) for f in found]}, expected {patched.path} at {where}"
            )


@pytest.mark.parametrize("code", CODES)
def test_counter_example_is_clean(code: str, tmp_path: Path) -> None:
    rule = RULES[code]
    for number, block in enumerate(rule.counter_examples):
        base_repo = copy_base(tmp_path / f"counter-{number}")
        apply_example(base_repo, block, raw=rule.stage != "rules")
        found = [finding for finding in validate(base_repo, AS_OF).findings if finding.rule == code]
        assert not found, f"{code} fired on its Use instead example: {found}"
