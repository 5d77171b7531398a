"""The README's first screen shows `playbook assign` on the sample: what it shows must stay what it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook.cli import main

PROJECT = Path(__file__).resolve().parents[1]


def _readme_block(command: str) -> list[str]:
    """The lines of the README's code block that starts with ``$ command``, without that line and the elisions."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```\n\$ " + re.escape(command) + r"\n(.*?)```", readme, re.S)
    assert found is not None, f"the README shows no '$ {command}'"
    return [line for line in found.group(1).splitlines() if line and line != "..."]


def test_the_readme_shows_what_assign_prints_on_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    shown = _readme_block(".venv/bin/playbook assign examples/crm-sample.csv")
    code = main(["assign", str(PROJECT / "examples/crm-sample.csv"), "--root", str(PROJECT)])
    printed = capsys.readouterr().out.splitlines()
    assert code == 1  # the sample extract has customers nobody owns, on purpose
    missing = [line for line in shown if line not in printed]
    assert not missing, missing
    assert printed.index(shown[0]) < printed.index(shown[-1])
