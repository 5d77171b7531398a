"""The scale model of benchmarks/generate.py: deterministic, complete and valid."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from playbook.validation import validate

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"
AS_OF = date(2026, 11, 23)
N = 30


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return load_generator()


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_same_n_gives_the_same_bytes(generator: ModuleType, tmp_path: Path) -> None:
    generator.generate(N, tmp_path / "one")
    generator.generate(N, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one == two
    accounts = [path for path in one if path.startswith("data/accounts/") and path.endswith("/account.yaml")]
    assert len(accounts) == N


def test_generated_repository_validates(generator: ModuleType, tmp_path: Path) -> None:
    result = generator.generate(N, tmp_path / "repo")
    validation = validate(tmp_path / "repo", AS_OF)
    assert validation.errors == 0, [str(finding) for finding in validation.findings[:10]]
    assert len(validation.playbook.accounts) == N
    assert result.n_files == len(validation.files) - 1  # playbook.yaml is copied, not generated
    by_account = validation.playbook.assessments_by_account
    assert all(len(by_account.get(account.model.id, [])) >= 2 for account in validation.playbook.accounts)


def test_refuses_a_folder_that_is_not_empty(generator: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generator.generate(N, tmp_path / "repo")
