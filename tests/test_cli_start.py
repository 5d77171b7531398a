"""The command line starts light: a warm `playbook validate` reads no model and builds no site."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

from playbook.commands import build, new
from playbook.models.team import TeamType
from playbook.site import context, engine


def test_spelled_out_choices_match_their_sources() -> None:
    assert build.AUDIENCES == context.AUDIENCES
    assert build.ENGINES == engine.ENGINES
    assert typing.get_args(TeamType) == new.TEAM_TYPES


def test_a_warm_validate_imports_no_models(base_repo: Path) -> None:
    script = (
        "import sys\n"
        "from playbook.cli import main\n"
        f"main(['validate', '--root', {str(base_repo)!r}, '--today', '2026-10-15'])\n"
        f"code = main(['validate', '--root', {str(base_repo)!r}, '--today', '2026-10-15'])\n"
        "heavy = sorted(name for name in ('pydantic', 'playbook.models', 'playbook.rules', 'mkdocs')"
        " if name in sys.modules)\n"
        "print(code, heavy)\n"
    )
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # The first call in that process validated (and so imported the models); a fresh process is warm:
    warm_script = script.replace(
        f"main(['validate', '--root', {str(base_repo)!r}, '--today', '2026-10-15'])\ncode",
        "code",
    )
    warm = subprocess.run([sys.executable, "-c", warm_script], capture_output=True, text=True, check=True)
    assert first.stdout.strip().startswith("0 ")
    assert warm.stdout.strip() == "0 []"
