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
