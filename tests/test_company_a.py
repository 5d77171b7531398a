"""Company A of seed 000 at its own size: 29 provinces under 7 big regions, 12 industries, 4 domains."""

from __future__ import annotations

import importlib.util
import re
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from playbook import coverage, repository
from playbook.coverage_report import FORMATS
from playbook.site import coverage_page
from playbook.site.context import SiteContext
from playbook.site.directory import Directory
from playbook.validation import validate

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "company_a.py"
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="module")
def company_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("company_a", GENERATOR)
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    root = tmp_path_factory.mktemp("company-a") / "repo"
    module.generate(root)
    again = tmp_path_factory.mktemp("company-a-again") / "repo"
    module.generate(again)
    first = {path.relative_to(root): path.read_bytes() for path in sorted((root / "data").rglob("*.yaml"))}
    second = {path.relative_to(again): path.read_bytes() for path in sorted((again / "data").rglob("*.yaml"))}
    assert first == second, "the generator is not deterministic"
    return root


def test_company_a_validates(company_a: Path) -> None:
    assert [finding for finding in validate(company_a, AS_OF).findings if finding.is_error] == []


def test_the_matrix_rolls_29_provinces_up_into_7_big_regions(company_a: Path) -> None:
    result = coverage.compute(repository.load(company_a).playbook)
    matrix = result.commercial
    assert len(matrix.regions) == 7 and len(matrix.rows) == 12 and len(result.government.rows) == 4
    assert sum(len(matrix.children[big]) for big in matrix.regions) == 29
    assert not matrix.gaps and not matrix.overlaps
    east = matrix.cell("banking", "east")
    assert east.rolled_up and len(east.regional_teams) == 7 and east.named_teams == ("banking-ka-south",)
    text = FORMATS["text"](result)
    assert "7 regional teams" in text and "shandong-unit" not in text  # the provinces stay folded
    assert "shandong-unit" in FORMATS["text"](coverage.focus(result, "east"))


def test_the_matrix_page_fits_a_screen(company_a: Path) -> None:
    playbook = repository.load(company_a).playbook
    context = SiteContext(playbook, (), "internal", "en", AS_OF)
    markdown = coverage_page.page(context, Directory(playbook)).markdown
    assert markdown.startswith("---\n") and "\nhide:\n  - navigation\n  - toc\n---\n" in markdown
    header = next(line for line in markdown.splitlines() if line.startswith("| Industry |"))
    assert header.count("|") == 9  # the industry and 7 big regions
    assert markdown.count('??? note "') == 14  # each big region opens, in both matrices
    for line in markdown.splitlines():
        if line.startswith("| **"):  # a row of a matrix: no cell names more than two regional teams
            for square in line.split(" | ")[1:]:
                assert square.count("](teams/") <= 3, square
    east = re.search(r'\?\?\? note "[^"]*East China[^"]*"\n\n(    .*\n|\n)+', markdown)
    assert east is not None and east.group(0).count("Unit](teams/") == 7 * 12
