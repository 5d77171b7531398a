"""The CI definitions shipped for the users' repository are valid against the public schemas."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("path", "schema"),
    [(".github/workflows/playbook.yml", "vendor.github-workflows"), (".gitlab-ci.yml", "vendor.gitlab-ci")],
)
def test_valid_against_the_public_schema(path: str, schema: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path: Path) -> None:
    broken = tmp_path / "workflow.yml"
    broken.write_text("on: push\njobs:\n  check:\n    steps: []\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1


def test_workflow_runs_the_gate() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/playbook.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    commands = "\n".join(step.get("run", "") for step in steps)
    assert "playbook validate --format github" in commands
    assert "playbook coverage --base" in commands and "--format markdown" in commands
    assert "make test" in commands
    assert "playbook build" in commands
    assert "playbook codeowners --check" in commands
    assert workflow["jobs"]["publish"]["steps"][0]["uses"].startswith("actions/deploy-pages@")
