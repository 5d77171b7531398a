"""The region hierarchy: the tree itself, the rules about it, and coverage worked out on its leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from playbook import coverage, repository
from playbook.cli import main
from playbook.coverage_report import FORMATS
from playbook.findings import Finding
from playbook.models.common import Name
from playbook.models.taxonomy import Region
from playbook.regions import RegionTree
from playbook.validation import validate
from tests.conftest import AS_OF
from tests.examples import apply_example, positions

#: North, and South with two provinces, Guangdong with two cities.
NESTED = """# data/taxonomy.yaml
regions:
  - {id: north, name: {en: North, zh: 北区}}
  - {id: south, name: {en: South, zh: 南区}}
  - {id: guangdong, name: {en: Guangdong, zh: 广东}, parent: south}
  - {id: shenzhen, name: {en: Shenzhen, zh: 深圳}, parent: guangdong}
  - {id: guangzhou, name: {en: Guangzhou, zh: 广州}, parent: guangdong}
  - {id: fujian, name: {en: Fujian, zh: 福建}, parent: south}
"""
FUJIAN_OFFICE = """# data/teams/fujian-office.yaml
id: fujian-office
name: {en: Fujian Office, zh: 福建办事处}
type: regional
scope: {regions: [fujian]}
lead: fei-fujian
members:
  - {id: fei-fujian, name: {en: Fei Fujian}, roles: [ar]}
charter: Owns every customer in Fujian that no named-account team owns.
"""


def _tree(*pairs: tuple[str, str | None]) -> RegionTree:
    return RegionTree.of(Region(id=region, name=Name(en=region), parent=parent) for region, parent in pairs)


def _of(root: Path, code: str) -> list[Finding]:
    return [finding for finding in validate(root, AS_OF).findings if finding.rule == code]


def test_the_tree() -> None:
    tree = _tree(
        ("north", None), ("south", None), ("guangdong", "south"), ("shenzhen", "guangdong"), ("fujian", "south")
    )
    assert tree.top_level == ("north", "south")
    assert tree.ancestors("shenzhen") == ("guangdong", "south")
    assert tree.top("shenzhen") == "south" and tree.top("north") == "north"
    assert tree.depth("shenzhen") == 2 and tree.depth("south") == 0
    assert tree.leaves("south") == {"shenzhen", "fujian"} and tree.leaves("north") == {"north"}
    assert tree.children["south"] == ("guangdong", "fujian")
    assert tree.subtree("south") == ("south", "guangdong", "shenzhen", "fujian")
    assert tree.within("shenzhen", ["south"]) and not tree.within("south", ["guangdong"])
    assert tree.maximal(["shenzhen", "fujian"]) == ("south",)
    assert tree.maximal(["shenzhen", "north"]) == ("north", "guangdong")
    assert tree.cycles == [] and tree.unknown_parents == {}


def test_cycles_and_unknown_parents_are_cut() -> None:
    tree = _tree(("a", "b"), ("b", "a"), ("c", "c"), ("d", "nowhere"), ("e", "a"))
    assert tree.cycles == [["a", "b"], ["c"]]
    assert tree.unknown_parents == {"d": "nowhere"}
    assert tree.ancestors("e") == ("a", "b")  # the cycle is cut where it closes, so every walk ends
    assert set(tree.top_level) == {"b", "c", "d"}
    assert tree.leaves("b") == {"e"}


def test_a_parent_cycle(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/taxonomy.yaml\nregions:\n  - {id: north, name: {en: North}, parent: south}\n"
        "  - {id: south, name: {en: South}, parent: north}\n",
        raw=False,
    )
    found = _of(base_repo, "TAX001")
    assert len(found) == 2
    at = {(finding.line, finding.column) for finding in found}
    for index in (0, 1):
        assert at & positions(base_repo, "data/taxonomy.yaml", ("regions", index, "parent"))
    assert "north → south → north" in found[0].message


def test_a_region_that_is_its_own_parent(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/taxonomy.yaml\nregions:\n  - {id: north, name: {en: North}, parent: north}\n"
        "  - {id: south, name: {en: South}}\n",
        raw=False,
    )
    (finding,) = _of(base_repo, "TAX001")
    assert (finding.line, finding.column) in positions(base_repo, "data/taxonomy.yaml", ("regions", 0, "parent"))


def test_an_unknown_parent(base_repo: Path) -> None:
    apply_example(
        base_repo, NESTED.replace("parent: south}\n  - {id: shenzhen", "parent: sout}\n  - {id: shenzhen"), raw=False
    )
    (finding,) = _of(base_repo, "TAX002")
    assert "did you mean 'south'?" in finding.message
    assert (finding.line, finding.column) in positions(base_repo, "data/taxonomy.yaml", ("regions", 2, "parent"))


def test_a_region_in_one_regional_scope_and_its_parent_in_another(base_repo: Path) -> None:
    apply_example(base_repo, NESTED + FUJIAN_OFFICE, raw=False)
    (finding,) = _of(base_repo, "COV012")
    assert _of(base_repo, "COV005") == []
    assert finding.path == "data/teams/south-region.yaml"
    assert (finding.line, finding.column) in positions(base_repo, finding.path, ("scope", "regions", 0))
    assert (
        "regional team 'south-region' covers 'south', which holds 'fujian' that 'fujian-office' covers: both cover"
        " 'fujian'" in finding.message
    )
    result = coverage.compute(repository.load(base_repo).playbook)
    assert [(cell.row, cell.region) for cell in result.commercial.overlaps] == [
        ("banking", "fujian"),
        ("energy", "fujian"),
    ]
    assert result.commercial.cell("energy", "south").overlap_leaves == ("fujian",)


def test_a_named_team_on_a_province_of_another_named_teams_region(base_repo: Path) -> None:
    apply_example(
        base_repo,
        NESTED
        + """# data/teams/fujian-banks.yaml
id: fujian-banks
name: {en: Fujian Banks}
type: key_account
scope: {regions: [fujian], industries: [banking]}
lead: fay-banks
members:
  - {id: fay-banks, name: {en: Fay Banks}, roles: [ar]}
charter: Owns the named banks of Fujian.
""",
        raw=False,
    )
    (finding,) = _of(base_repo, "COV012")
    assert _of(base_repo, "COV004") == []
    assert finding.path == "data/teams/fujian-banks.yaml"  # the later file by name
    assert (finding.line, finding.column) in positions(base_repo, finding.path, ("scope", "regions", 0))
    assert "'fujian-banks' covers 'fujian' for 'banking', which lies in 'south' that 'finance-key-accounts'" in (
        finding.message
    )


def test_an_account_at_the_big_region_while_the_offices_cover_its_provinces(base_repo: Path) -> None:
    apply_example(
        base_repo,
        NESTED
        + FUJIAN_OFFICE
        + "# data/teams/south-region.yaml\nscope: {regions: [guangdong]}\n"
        + "# data/accounts/acme/account.yaml\ntier: smb\nregion: south\nowner: south-region\n"
        "iron_triangle: {ar: [sue-south]}\ncontacts: []\nactions: []\n",
        raw=False,
    )
    (finding,) = _of(base_repo, "COV007")
    assert "region 'south' of account 'acme' is wider than the scope of its owner 'south-region'" in finding.message
    assert (finding.line, finding.column) in positions(base_repo, "data/accounts/acme/account.yaml", ("region",))


def test_a_big_region_left_without_a_regional_team_is_named_once(base_repo: Path) -> None:
    apply_example(base_repo, NESTED, raw=False)
    (base_repo / "data/teams/south-region.yaml").unlink()
    (finding,) = _of(base_repo, "COV006")
    assert "region 'south'" in finding.message
    assert (finding.line, finding.column) in positions(base_repo, "data/taxonomy.yaml", ("regions", 1, "id"))
    result = coverage.compute(repository.load(base_repo).playbook)
    assert result.regions_without_regional_team == ("south",)
    assert result.commercial.cell("energy", "south").gap_leaves == ("fujian", "guangzhou", "shenzhen")


def test_a_province_left_without_a_regional_team(base_repo: Path) -> None:
    apply_example(base_repo, NESTED + "# data/teams/south-region.yaml\nscope: {regions: [guangdong]}\n", raw=False)
    (finding,) = _of(base_repo, "COV006")
    assert "region 'fujian'" in finding.message
    text = FORMATS["text"](coverage.compute(repository.load(base_repo).playbook))
    assert "GAP in fujian south-region" in text


def test_a_team_on_the_big_region_covers_its_cities(base_repo: Path) -> None:
    apply_example(base_repo, NESTED + "# data/accounts/acme/account.yaml\nregion: shenzhen\n", raw=False)
    assert validate(base_repo, AS_OF).findings == []
    result = coverage.compute(repository.load(base_repo).playbook)
    assert result.commercial.regions == ("north", "south")
    for region in ("shenzhen", "guangdong", "south"):
        assert result.commercial.cell("banking", region).accounts == (("finance-key-accounts", 1),)
    assert result.commercial.cell("banking", "north").account_count == 0
    markdown = FORMATS["markdown"](result)
    assert "<details><summary>industry × south: 2 regions</summary>" in markdown
    assert "| industry | guangdong | fujian |" in markdown
    assert "<details><summary>industry × guangdong: 2 regions</summary>" in markdown
    assert "| industry | shenzhen | guangzhou |" in markdown


def test_coverage_opens_a_region(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    apply_example(base_repo, NESTED, raw=False)
    assert main(["coverage", "--root", str(base_repo), "--region", "guangdong", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "industry,shenzhen,guangzhou"
    assert main(["coverage", "--root", str(base_repo), "--region", "atlantis"]) == 2
    assert "'atlantis' is not a region" in capsys.readouterr().err


def test_the_sample_shows_the_northwest_in_the_simplified_model() -> None:
    root = Path(__file__).resolve().parents[1]
    result = coverage.compute(repository.load(root).playbook)
    gansu = result.commercial.cell("energy", "gansu")
    assert (gansu.named_teams, gansu.regional_teams, gansu.supporting_teams) == (
        (),
        ("northwest-region",),
        ("northwest-key-accounts",),
    )
    assert result.commercial.cell("banking", "shaanxi").named_teams == ("banking-ka",)
    assert "northwest" in result.commercial.children
    assert "northwest-region supported by northwest-key-accounts" in FORMATS["text"](result)


def test_a_deep_chain_and_a_long_cycle_do_not_break_anything(base_repo: Path) -> None:
    """Thousands of nested regions (deeper than Python recurses) and a cycle of three."""
    depth = 3000
    lines = [
        "# data/taxonomy.yaml",
        "regions:",
        "  - {id: north, name: {en: North}}",
        "  - {id: south, name: {en: South}}",
    ]
    lines += [f"  - {{id: level-{n}, name: {{en: Level {n}}}, parent: {'south' if n == 0 else f'level-{n - 1}'}}}"
              for n in range(depth)]  # fmt: skip
    lines += [
        "  - {id: loop-a, name: {en: A}, parent: loop-c}",
        "  - {id: loop-b, name: {en: B}, parent: loop-a}",
        "  - {id: loop-c, name: {en: C}, parent: loop-b}",
    ]
    apply_example(base_repo, "\n".join(lines) + "\n", raw=False)
    found = validate(base_repo, AS_OF).findings
    assert sorted(finding.rule for finding in found) == ["COV006", "TAX001", "TAX001", "TAX001"]
    result = coverage.compute(repository.load(base_repo).playbook)
    assert result.commercial.cell("banking", "south").rolled_up
    assert result.regions_without_regional_team == ("loop-b",)  # the cycle is cut where it closes


def test_the_home_page_counts_accounts_in_their_top_level_region(base_repo: Path) -> None:
    from playbook.site import overview_pages
    from playbook.site.context import SiteContext

    apply_example(base_repo, NESTED + "# data/accounts/acme/account.yaml\nregion: shenzhen\n", raw=False)
    context = SiteContext(repository.load(base_repo).playbook, (), "internal", "en", AS_OF)
    home = next(page for page in overview_pages.pages(context) if page.path == "index.md").markdown
    table = home[home.index("{ #by-region }") :]
    rows = [re.sub(r"\[(\d+)\]\([^)]*\)", r"\1", row) for row in table.split("\n\n")[1].splitlines()]
    assert any(row.startswith("| 南区") and row.endswith("| 0 | 1 | 0 | 1 |") for row in rows)
    assert not any("Shenzhen" in row or "Guangdong" in row for row in rows)


def test_region_does_not_combine_with_base(base_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--root", str(base_repo), "--region", "south", "--base", "HEAD"]) == 2
    assert "does not combine with --base" in capsys.readouterr().err


def test_the_sample_validates_with_its_deliberate_warnings_only() -> None:
    from datetime import date

    root = Path(__file__).resolve().parents[1]
    found = validate(root, date(2026, 11, 23)).findings
    assert not [finding for finding in found if finding.is_error]
    assert sorted({finding.rule for finding in found}) == [
        "ACT001",
        "ASM002",
        "REL006",
    ]  # REL006: drops the sample leaves unaddressed on purpose


def test_the_matrix_page_says_how_many_accounts_name_a_big_region_itself(base_repo: Path) -> None:
    from playbook.site import coverage_page
    from playbook.site.context import SiteContext
    from playbook.site.directory import Directory

    apply_example(base_repo, NESTED + "# data/accounts/acme/account.yaml\nregion: south\n", raw=False)
    playbook = repository.load(base_repo).playbook
    markdown = coverage_page.page(SiteContext(playbook, (), "internal", "en", AS_OF), Directory(playbook)).markdown
    assert "    Named accounts that give 南区 \\(South\\) itself as their region, not a region below it: 1." in markdown
    assert markdown.count("itself as their region") == 1  # the government matrix holds no account there


def test_a_big_regions_list_of_accounts_holds_its_provinces_accounts(base_repo: Path) -> None:
    from playbook.site import accounts_index, overview_pages
    from playbook.site.context import SiteContext

    apply_example(base_repo, NESTED + "# data/accounts/acme/account.yaml\nregion: shenzhen\n", raw=False)
    context = SiteContext(repository.load(base_repo).playbook, (), "internal", "en", AS_OF)
    lists = {page.path: page.markdown for page in accounts_index.pages(context)}
    for region in ("south", "guangdong", "shenzhen"):  # the account's region and each region it lies in
        assert "](../../accounts/acme.md)" in lists[f"accounts/by/region-{region}.md"], region
    assert "accounts/by/region-fujian.md" not in lists
    home = next(page for page in overview_pages.pages(context) if page.path == "index.md").markdown
    for target in re.findall(r"\]\((accounts/by/region-[a-z0-9-]+)\.md", home):  # every count's link has its page
        assert f"{target}.md" in lists, target
