from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.examples import copy_base

#: The date every test validates as of, so that "overdue" and "in the future" are stable.
AS_OF = date(2026, 10, 15)


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    """A fresh copy of the smallest complete playbook, which validates clean."""
    return copy_base(tmp_path / "repo")


@pytest.fixture(autouse=True)
def _own_cache_secret(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests keep the cache's signing secret in a folder of their own, not in the user's home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "user-cache"))
