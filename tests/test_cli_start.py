"""The command line starts light: a warm `playbook validate` reads no model and builds no site."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import pytest

from playbook import cli
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


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["--root", "somewhere", "validate", "--format", "json", "data/teams"],
        ["--root=somewhere", "rules", "COV006"],
        ["coverage", "--base", "main", "--format", "markdown"],
        ["build", "--engine", "zensical", "--audience", "public"],
        ["new", "account", "acme"],
    ],
)
def test_a_parser_with_the_named_command_alone_reads_it_as_the_whole_parser_does(argv: list[str]) -> None:
    command = cli._command_named(argv)
    assert command == next(word for word in argv if word in cli.COMMANDS)
    assert vars(cli.build_parser(command).parse_args(argv)) == vars(cli.build_parser().parse_args(argv))


@pytest.mark.parametrize("argv", [[], ["--help"], ["-h", "validate"], ["valdate"], ["--root", "x"]])
def test_without_a_command_first_the_whole_parser_reads_the_line(argv: list[str]) -> None:
    assert cli._command_named(argv) is None
