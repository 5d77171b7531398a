"""Real git repositories in temporary folders, for the commands that read a base revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

IDENTITY = ["-c", "user.email=test@example.com", "-c", "user.name=Test"]


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *IDENTITY, *args], cwd=repo, check=True, capture_output=True, text=True)
    return result.stdout


def commit_all(repo: Path, message: str = "change") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)
