"""The bench's reorganisation set-up: the team it renames is handed accounts, and the playbook stays valid."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

from playbook.validation import validate

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
AS_OF = date(2026, 11, 23)
N = 200


def load(name: str, file: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def load_bench_reorg() -> ModuleType:
    return load("benchmark_reorg", "bench_reorg.py")


def load_generator() -> ModuleType:
    return load("benchmark_generate", "generate.py")


def test_hand_over_gives_a_regional_team_the_accounts_wanted_and_the_playbook_stays_valid(tmp_path: Path) -> None:
    bench_reorg = load_bench_reorg()
    root = tmp_path / "repo"
    load_generator().generate(N, root)
    before = validate(root, AS_OF)
    given = bench_reorg.owned(root)
    team = max((team for team in given if team.endswith("-region")), key=lambda team: len(given[team]))
    wanted = len(given[team]) + 7

    assert bench_reorg.hand_over(root, team, wanted) == wanted

    owners = bench_reorg.owned(root)
    assert len(owners[team]) == wanted
    assert set(owners[team]) > set(given[team])
    after = validate(root, AS_OF)
    assert after.errors == 0, [str(finding) for finding in after.findings[:10]]
    assert sorted(map(str, after.findings)) == sorted(map(str, before.findings))
    handed = sorted(set(owners[team]) - set(given[team]))
    charter = (root / "data" / "teams" / f"{team}.yaml").read_text(encoding="utf-8")
    for folder in handed:
        text = (folder / "account.yaml").read_text(encoding="utf-8")
        assert f"owner: {team}\n" in text
        ar = text.split("iron_triangle: {ar: [", 1)[1].split("]", 1)[0]
        assert f"- id: {ar}\n" in charter  # the AR is one of the team's people


def test_hand_over_leaves_a_team_that_owns_enough_as_it_is(tmp_path: Path) -> None:
    bench_reorg = load_bench_reorg()
    root = tmp_path / "repo"
    load_generator().generate(N, root)
    team, owns = bench_reorg.largest_team(root)
    files = {path: path.read_bytes() for path in root.rglob("*.yaml")}
    assert bench_reorg.hand_over(root, team, owns - 1) == owns
    assert {path: path.read_bytes() for path in root.rglob("*.yaml")} == files


def test_hand_over_gives_nothing_to_a_team_that_is_not_regional(tmp_path: Path) -> None:
    bench_reorg = load_bench_reorg()
    root = tmp_path / "repo"
    load_generator().generate(N, root)
    owners = bench_reorg.owned(root)
    team = next(team for team in sorted(owners) if not team.endswith("-region"))
    files = {path: path.read_bytes() for path in root.rglob("*.yaml")}
    assert bench_reorg.hand_over(root, team, len(owners[team]) + 5) == len(owners[team])
    assert {path: path.read_bytes() for path in root.rglob("*.yaml")} == files
