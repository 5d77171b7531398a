"""The pre-commit hooks, run by pre-commit itself on a real git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repository_with_hooks(tmp_path: Path, base_repo: Path) -> Path:
    """The base playbook in a git repository, with this project's hook config.

    The hooks' entry points at the playbook of the running interpreter instead of .venv.
    """
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    for hook in config["repos"][0]["hooks"]:
        hook["entry"] = hook["entry"].replace(".venv/bin/playbook", f"{sys.executable} -m playbook")
    (base_repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    shutil.copytree(ROOT / "schemas", base_repo / "schemas")
    _git(base_repo, "init", "-q")
    _git(base_repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "add", "-A")
    _git(base_repo, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base")
    return base_repo


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--config", ".pre-commit-config.yaml"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_hook_passes_on_clean_data_and_fails_on_a_broken_change(tmp_path: Path, base_repo: Path) -> None:
    repo = _repository_with_hooks(tmp_path, base_repo)
    account = repo / "data/accounts/acme/account.yaml"
    account.write_text(account.read_text(encoding="utf-8").replace("lifecycle: growth", "lifecycle: mature"))
    _git(repo, "add", "-A")
    clean = _pre_commit(repo, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    account.write_text(account.read_text(encoding="utf-8").replace("owner: finance-key-accounts", "owner: nobody"))
    _git(repo, "add", "-A")
    broken = _pre_commit(repo, tmp_path)
    assert broken.returncode == 1
    assert "data/accounts/acme/account.yaml:" in broken.stdout
    assert "REF001" in broken.stdout


def test_hook_catches_a_deleted_file(tmp_path: Path, base_repo: Path) -> None:
    repo = _repository_with_hooks(tmp_path, base_repo)
    _git(repo, "rm", "-q", "data/teams/delivery.yaml")
    result = _pre_commit(repo, tmp_path)
    assert result.returncode == 1
    assert "REF002" in result.stdout


def test_published_hooks_match_the_command_line() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entries = {hook["id"]: hook["entry"] for hook in hooks}
    assert entries == {"playbook-validate": "playbook validate", "playbook-schemas": "playbook schemas --check"}
    local = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local_ids = {hook["id"] for hook in local["repos"][0]["hooks"]}
    assert local_ids == set(entries)
