"""The coverage matrix: owners per cell, gaps, overlaps, counts and AR load."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from playbook import coverage, repository
from playbook.coverage_report import FORMATS
from tests.examples import apply_example


def _coverage(root: Path) -> coverage.Coverage:
    return coverage.compute(repository.load(root).playbook)


def test_base_cells(base_repo: Path) -> None:
    result = _coverage(base_repo)
    cell = result.commercial.cell("banking", "north")
    assert cell.named_teams == ("finance-key-accounts",)
    assert cell.regional_teams == ("north-region",)
    assert cell.accounts == (("finance-key-accounts", 1),)
    assert result.commercial.cell("energy", "south").named_teams == ()
    assert result.government.cell("tax", "north").named_teams == ("tax-accounts",)
    assert result.commercial.gaps == [] and result.commercial.overlaps == []
    assert result.regions_without_regional_team == ()


def test_removing_a_regional_team_leaves_a_gap(base_repo: Path) -> None:
    (base_repo / "data/teams/south-region.yaml").unlink()
    result = _coverage(base_repo)
    assert result.regions_without_regional_team == ("south",)
    assert [(cell.row, cell.region) for cell in result.commercial.gaps] == [("energy", "south")]
    banking_south = result.commercial.cell("banking", "south")
    assert not banking_south.gap  # the named team still covers the banks there
    assert "gap: region south has no regional team" in FORMATS["text"](result)


def test_two_regional_teams_on_one_region_overlap(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/teams/north-region.yaml\nscope: {regions: [north, south]}\n",
        raw=False,
    )
    result = _coverage(base_repo)
    cell = result.commercial.cell("energy", "south")
    assert cell.overlap and cell.regional_teams == ("north-region", "south-region")
    assert "overlap: industry energy in region south is claimed by north-region, south-region" in FORMATS["text"](
        result
    )


def test_ar_load(base_repo: Path) -> None:
    (load,) = _coverage(base_repo).load
    assert (load.person, load.tier, load.accounts, load.minimum, load.maximum) == ("amy-ar", "key", ("acme",), 1, 3)
    assert not load.over and not load.under


def test_formats(base_repo: Path) -> None:
    result = _coverage(base_repo)
    data = json.loads(FORMATS["json"](result))
    north_banking = next(
        cell for cell in data["commercial"]["cells"] if (cell["industry"], cell["region"]) == ("banking", "north")
    )
    assert north_banking["accounts"] == {"finance-key-accounts": 1}
    rows = list(csv.reader(io.StringIO(FORMATS["csv"](result))))
    assert rows[0] == ["industry", "north", "south"]
    assert rows[1][1] == "finance-key-accounts / north-region (1)"
    markdown = FORMATS["markdown"](result)
    assert markdown.startswith("**Coverage:** no gaps, no overlaps")
    assert "| banking | finance-key-accounts / north-region (1) |" in markdown
