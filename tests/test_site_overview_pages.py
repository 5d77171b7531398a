"""The overview pages (overview, tier reference, coverage matrix, heat map, people), rendered without MkDocs."""

from __future__ import annotations

import html
import random
import re
from datetime import date, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml

from playbook.documents import Document
from playbook.findings import Finding, Severity
from playbook.models import Account, Assessment, Team
from playbook.models.account import IronTriangle
from playbook.models.common import Name
from playbook.models.team import Member
from playbook.repository import Playbook, Sourced
from playbook.rules import RULES
from playbook.site import account_pages, accounts_index, heatmap_page, overview_pages, people_pages, zensical
from playbook.site.context import Audience, Language, SiteContext
from playbook.site.pages import Page, rule_pages
from tests.conftest import AS_OF
from tests.examples import apply_example, copy_base
from tests.site_markdown import context as site_context
from tests.site_markdown import render

#: The pages that sum up the whole playbook (each person and account has a page of its own).
OVERVIEW_PAGES = ("index.md", "tiers-reference.md", "coverage-matrix.md", "relationships-heatmap.md", "people/index.md")

PROJECT = Path(__file__).resolve().parent.parent
HOSTILE = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) *b* {: .x } | pipe"
#: The largest Markdown any overview page may have at 10,000 accounts (HTML adds its tags on top).
MAX_MARKDOWN = 1_500_000
#: The most bytes Zensical 0.0.73 takes in one search entry's text when the index holds
#: 131,073 to 262,144 entries, as it does at 10,000 accounts (see playbook.site.zensical).
ZENSICAL_ENTRY_BYTES = 4096
#: Any tag but those Zensical keeps in an entry's text (p, li, code, pre and the lists).
_DROPPED_TAG = re.compile(r"<(?!/?(?:p|code|li|pre|ul|ol)\b)[^>]*>")
_EXCLUDED_BLOCK = re.compile(r"<div data-search-exclude markdown>.*?</div>", flags=re.S)


def context_of(
    root: Path, audience: Audience = "internal", language: Language = "en", as_of: date = AS_OF
) -> SiteContext:
    return site_context(root, audience, language, as_of)


def pages_of(context: SiteContext) -> dict[str, Page]:
    return {page.path: page for page in overview_pages.pages(context)}


def cells(rendered: str, css: str) -> list[str]:
    """The contents of the table cells carrying class ``css``."""
    return re.findall(rf'<td class="[^"]*\b{css}\b[^"]*">(.*?)</td>', rendered, flags=re.S)


def write_account(root: Path, account_id: str, **changes: Any) -> None:
    """A copy of acme under another id, with ``changes`` merged in."""
    data = yaml.safe_load((root / "data/accounts/acme/account.yaml").read_text(encoding="utf-8"))
    data.update({"id": account_id, "name": {"en": f"Bank {account_id}"}, **changes})
    folder = root / "data/accounts" / account_id
    folder.mkdir(parents=True)
    (folder / "account.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


# --- pages and links ---------------------------------------------------------------------------


def test_every_page_is_there_and_people_pages_stay_out_of_the_nav(base_repo: Path) -> None:
    pages = pages_of(context_of(base_repo))
    people = {"amy-ar", "nina-lead", "nick-north", "sue-south", "tom-tax", "sam-sr", "fay-fr"}
    assert set(pages) == {*OVERVIEW_PAGES, *(f"people/{person}.md" for person in people)}
    assert tuple(page.path for page in pages.values() if page.in_nav)[:5] == OVERVIEW_PAGES
    assert not any(page.in_nav for path, page in pages.items() if path.startswith("people/") and "index" not in path)
    assert pages["index.md"].title == "Overview"
    assert pages["people/amy-ar.md"].title == "陈艾米 (Amy Chen)"


_LINK = re.compile(r"\]\(([^)\s]+)\)")
_ANCHOR = re.compile(r"\{ #([a-z0-9-]+) \}")


def _targets(context: SiteContext, pages: dict[str, Page]) -> tuple[set[str], dict[str, set[str]]]:
    """Every page a link may point at, and the anchors of the pages whose anchors are known."""
    playbook = context.playbook
    existing = set(pages) | {path.relative_to(PROJECT / "docs").as_posix() for path in (PROJECT / "docs").rglob("*.md")}
    existing |= {f"accounts/{account.model.id}.md" for account in playbook.accounts}
    existing |= {f"teams/{team.model.id}.md" for team in playbook.teams}
    anchors = {path: set(_ANCHOR.findall(page.markdown)) for path, page in pages.items()}
    for page in rule_pages(RULES):
        existing.add(page.path)
        anchors[page.path] = set(_ANCHOR.findall(page.markdown))
    return existing, anchors


def assert_links_resolve(context: SiteContext, pages: dict[str, Page]) -> int:
    existing, anchors = _targets(context, pages)
    checked = 0
    for path, page in pages.items():
        for target in _LINK.findall(page.markdown):
            file, _, anchor = target.partition("#")
            resolved = path if not file else str(PurePosixPath(path).parent / file)
            parts: list[str] = []
            for part in resolved.split("/"):
                if part == "..":
                    parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            resolved = "/".join(parts)
            assert resolved in existing, f"{path} links to {target}, which does not exist"
            if anchor and resolved in anchors:
                assert anchor in anchors[resolved], f"{path} links to {target}, which has no such anchor"
            checked += 1
    return checked


def test_links_resolve_to_pages_and_anchors(base_repo: Path) -> None:
    (base_repo / "data/teams/south-region.yaml").unlink()
    overdue = "actions:\n  - {id: a, title: T, owner: amy-ar, due: 2026-01-01, status: planned}\n"
    apply_example(base_repo, f"# data/accounts/acme/account.yaml\n{overdue}", raw=False)
    context = context_of(base_repo)
    # The home page links each count to an account list and each flag to an account page.
    linked = [*accounts_index.pages(context), *account_pages.pages(context)]
    assert assert_links_resolve(context, pages_of(context) | {page.path: page for page in linked}) > 40


def test_a_broken_link_would_be_caught(base_repo: Path) -> None:
    context = context_of(base_repo)
    pages = pages_of(context)
    pages["index.md"] = Page("index.md", "x", "[gone](teams/nobody.md) [anchor](rules/cov.md#cov999)\n")
    with pytest.raises(AssertionError, match=r"nobody\.md"):
        assert_links_resolve(context, pages)


# --- overview ---------------------------------------------------------------------------------


def test_overview_counts_by_tier_industry_and_region(base_repo: Path) -> None:
    write_account(base_repo, "beta", tier="strategic", region="south")
    write_account(base_repo, "gamma", industry="energy", owner="south-region", tier="smb", region="south")
    text = pages_of(context_of(base_repo))["index.md"].markdown
    # Every count links to the list of the accounts it counts; a zero is no link.
    assert "| Strategic | [1](accounts/by/tier-strategic.md) |" in text
    assert "| Key | [1](accounts/by/tier-key.md) |" in text
    assert "| SMB | [1](accounts/by/tier-smb.md) |" in text
    assert "| **Total** | **[3](accounts/index.md)** |" in text
    bank = "accounts/by/industry-banking.md"
    assert f"| 银行 \\(Banking\\) | [1]({bank}#tier-strategic) | [1]({bank}#tier-key) | 0 | [2]({bank}) |" in text
    energy = "accounts/by/industry-energy.md"
    assert f"| 能源 \\(Energy\\) | 0 | 0 | [1]({energy}#tier-smb) | [1]({energy}) |" in text
    south = "accounts/by/region-south.md"
    assert f"| 南区 \\(South\\) | [1]({south}#tier-strategic) | 0 | [1]({south}#tier-smb) | [2]({south}) |" in text
    north = "accounts/by/region-north.md"
    assert f"| 北区 \\(North\\) | 0 | [1]({north}#tier-key) | 0 | [1]({north}) |" in text
    assert "Named accounts: 3; teams: 6; people: 7." in text


def test_overview_health_links_stale_and_overdue_accounts(base_repo: Path) -> None:
    (base_repo / "data/accounts/acme/assessments/2026-09-30.yaml").unlink()
    apply_example(
        base_repo,
        "# data/accounts/acme/account.yaml\n"
        "actions:\n"
        "  - {id: a1, title: Visit, owner: amy-ar, due: 2026-09-01, status: planned}\n"
        "  - {id: a2, title: Call, owner: amy-ar, due: 2026-09-02, status: in_progress}\n",
        raw=False,
    )
    context = context_of(base_repo)
    text = pages_of(context)["index.md"].markdown
    assert "| [Stale assessments](rules/asm.md#asm002) (ASM002) | 1 |" in text
    assert "| [Overdue actions](rules/act.md#act001) (ACT001) | 2 |" in text
    stale = text.split("### Stale assessments")[1].split("###")[0]
    overdue = text.split("### Overdue actions")[1].split("###")[0]
    assert "[艾克美银行 \\(Acme Bank\\)](accounts/acme.md)" in stale
    assert "[艾克美银行 \\(Acme Bank\\)](accounts/acme.md)" in overdue
    assert overdue.count("accounts/acme.md") == 1  # one link per account, however many actions
    warnings = sum(1 for finding in context.findings if not finding.is_error)
    assert f"| Warnings | {warnings} |" in text and warnings >= 3
    # Each rule in plain words with its code, linked to the rule.
    acme = "[艾克美银行 \\(Acme Bank\\)](accounts/acme.md)"
    assert f"| [Action overdue (ACT001)](rules/act.md#act001) | warning | 2 | {acme} |" in text


def test_overview_names_an_account_that_did_not_load_without_linking_it(base_repo: Path) -> None:
    folder = base_repo / "data/accounts/broken"
    folder.mkdir()
    (folder / "account.yaml").write_text("id: broken\nname: {en: Broken}\n", encoding="utf-8")
    text = pages_of(context_of(base_repo))["index.md"].markdown
    assert "broken" in text and "accounts/broken.md" not in text


def test_overview_is_clean_on_clean_data(base_repo: Path) -> None:
    text = pages_of(context_of(base_repo))["index.md"].markdown
    assert "| Errors | 0 |" in text and "The data passes every check." in text


# --- tier reference ----------------------------------------------------------------------------


def test_tier_reference_lists_rules_and_the_line_matrix(base_repo: Path) -> None:
    apply_example(
        base_repo,
        "# data/tiers.yaml\nmetrics:\n  - {id: annual-revenue, name: {en: Annual revenue}, unit: CNY 100m}\n"
        "  - {id: margin, name: {en: Gross margin}, unit: '%'}\n",
        raw=False,
    )
    tiers = yaml.safe_load((base_repo / "data/tiers.yaml").read_text(encoding="utf-8"))
    tiers["tiers"][1]["criteria"].append({"metric": "margin", "comparison": ">", "threshold": 15.5})
    tiers["tiers"][1]["criteria_match"] = "any"
    (base_repo / "data/tiers.yaml").write_text(yaml.safe_dump(tiers, sort_keys=False), encoding="utf-8")
    text = pages_of(context_of(base_repo))["tiers-reference.md"].markdown
    key = text.split("{ #tier-key }")[1].split("## ")[0]
    assert "| Criteria | any of: Annual revenue ≥ 50 CNY 100m; Gross margin > 15.5 % |" in key
    assert "| Accounts per AR | 1 to 3 |" in key and "| Review cadence | every 90 days |" in key
    assert "| Owning team types | key-account team, government team |" in key
    strategic = text.split("{ #tier-strategic }")[1].split("## ")[0]
    assert "| Dedicated AR | yes |" in strategic and "| Iron triangle required | yes |" in strategic
    assert "| Tier | ESP+ | MCI | TAS+ | ECM | PRM | CSM |" in text
    rendered = render(text)
    row = re.search(r"<tr>\s*<td><a href=\"#tier-smb\">SMB</a></td>(.*?)</tr>", rendered, flags=re.S)
    assert row is not None
    assert (
        re.findall(r'class="pb-line pb-(\w+)"', row.group(1))
        == ["optional", "important", "critical"] + ["optional"] * 3
    )
    assert "○ optional" in row.group(1) and "● critical" in row.group(1) and "◐ important" in row.group(1)
    assert "| **TAS+** | opportunity and sales process |" in text
    assert "| Growth | 50 % | 25 % | 15 % | 10 % |" in text


# --- coverage matrix ---------------------------------------------------------------------------


def test_matrix_cells_name_both_owners_and_count(base_repo: Path) -> None:
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    ok = cells(rendered, "pb-ok")
    banking_north = next(cell for cell in ok if "north-region" in cell and "finance-key-accounts" in cell)
    assert 'href="teams/finance-key-accounts.md"' in banking_north and "1 account" in banking_north
    assert not cells(rendered, "pb-gap")[1:] and not cells(rendered, "pb-overlap")[1:]  # the legend only


def test_a_region_without_regional_team_is_a_gap_linking_to_its_cause(base_repo: Path) -> None:
    (base_repo / "data/teams/south-region.yaml").unlink()
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    gaps = cells(rendered, "pb-gap")[1:]  # the first is the legend's
    assert len(gaps) == 1
    assert "GAP" in gaps[0] and 'href="rules/cov.md#cov006"' in gaps[0]
    assert "Regions without a regional team" in rendered and "南区 (South)" in html.unescape(rendered)
    banking_south = [cell for cell in cells(rendered, "pb-ok") if "no regional team" in cell]
    assert banking_south and 'href="rules/cov.md#cov006"' in banking_south[0]


def test_two_regional_teams_on_one_region_overlap(base_repo: Path) -> None:
    apply_example(base_repo, "# data/teams/north-region.yaml\nscope: {regions: [north, south]}\n", raw=False)
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    overlaps = cells(rendered, "pb-overlap")[1:]
    assert len(overlaps) == 3  # banking, energy and tax in the south
    for overlap in overlaps:
        assert 'href="teams/north-region.md"' in overlap and 'href="teams/south-region.md"' in overlap
        assert 'href="rules/cov.md#cov005"' in overlap and "OVERLAP" in overlap


def test_two_named_teams_on_one_pair_overlap(base_repo: Path) -> None:
    team = yaml.safe_load((base_repo / "data/teams/finance-key-accounts.yaml").read_text(encoding="utf-8"))
    team.update(id="banks-north", name={"en": "Banks North"}, scope={"regions": ["north"], "industries": ["banking"]})
    team["lead"] = "bo-north"
    team["members"] = [{"id": "bo-north", "name": {"en": "Bo North"}, "roles": ["ar"]}]
    (base_repo / "data/teams/banks-north.yaml").write_text(yaml.safe_dump(team), encoding="utf-8")
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    (overlap,) = cells(rendered, "pb-overlap")[1:]
    assert 'href="rules/cov.md#cov004"' in overlap and 'href="teams/banks-north.md"' in overlap
    assert 'href="teams/finance-key-accounts.md"' in overlap


def test_load_view_marks_an_overloaded_ar(base_repo: Path) -> None:
    for account_id in ("beta", "gamma", "delta"):
        write_account(base_repo, account_id)
    pages = pages_of(context_of(base_repo))
    rendered = render(pages["coverage-matrix.md"].markdown)
    (over,) = cells(rendered, "pb-over")
    assert "over" in over
    row = re.search(r"<tr>\s*<td><a href=\"people/amy-ar.md\">.*?</tr>", rendered, flags=re.S)
    assert row is not None and ">4</td>" in row.group(0) and "1 to 3" in row.group(0)
    person = render(pages["people/amy-ar.md"].markdown)
    assert cells(person, "pb-over") and person.count('href="../accounts/') == 4
    index = pages["people/index.md"].markdown
    assert "Over or under bounds" in index and "[陈艾米 \\(Amy Chen\\)](amy-ar.md) | Key | 4 | 1 to 3 |" in index


def test_load_view_marks_an_underused_ar_when_bounds_require_more(base_repo: Path) -> None:
    tiers = yaml.safe_load((base_repo / "data/tiers.yaml").read_text(encoding="utf-8"))
    tiers["tiers"][1]["accounts_per_ar"] = {"min": 2, "max": 5}
    (base_repo / "data/tiers.yaml").write_text(yaml.safe_dump(tiers, sort_keys=False), encoding="utf-8")
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    assert cells(rendered, "pb-under") and not cells(rendered, "pb-over")


# --- heat map ----------------------------------------------------------------------------------


def _older_assessment(root: Path, day: str, executive: int, key_person: int) -> None:
    (root / f"data/accounts/acme/assessments/{day}.yaml").write_text(
        f"date: {day}\nassessor: amy-ar\ndimensions: {{executive: {executive}, key-person: {key_person}}}\n",
        encoding="utf-8",
    )


def test_heat_map_shows_the_change_since_the_previous_assessment(base_repo: Path) -> None:
    _older_assessment(base_repo, "2026-07-01", 0, 3)
    text = pages_of(context_of(base_repo))["relationships-heatmap.md"].markdown
    row = next(line for line in text.splitlines() if "accounts/acme.md" in line)
    assert "▲1" in row and "▼1" in row and "2026-09-30" in row and "| 1.5 |" in row
    assert text.index("{ #tier-strategic }") < text.index("{ #tier-key }")
    assert "tier-smb" not in text  # the SMB tier needs no iron triangle


def test_heat_map_uses_the_latest_assessment_up_to_the_day(base_repo: Path) -> None:
    _older_assessment(base_repo, "2026-07-01", 0, 3)
    context = context_of(base_repo, as_of=date(2026, 8, 1))
    row = next(line for line in pages_of(context)["relationships-heatmap.md"].markdown.splitlines() if "acme" in line)
    assert "2026-07-01" in row and "▲" not in row and "▼" not in row


def test_heat_map_orders_weakest_first_and_lists_the_unassessed(base_repo: Path) -> None:
    write_account(base_repo, "beta")
    write_account(base_repo, "gamma")
    (base_repo / "data/accounts/beta/assessments").mkdir()
    (base_repo / "data/accounts/beta/assessments/2026-09-01.yaml").write_text(
        "date: 2026-09-01\nassessor: amy-ar\ndimensions: {executive: -1, key-person: 0}\n", encoding="utf-8"
    )
    text = pages_of(context_of(base_repo))["relationships-heatmap.md"].markdown
    assert text.index("accounts/beta.md") < text.index("accounts/acme.md")
    assert "Not assessed yet (1):" in text and "[Bank gamma](accounts/gamma.md)" in text


# --- audiences ---------------------------------------------------------------------------------


def test_public_hides_the_heat_map_and_every_contact(base_repo: Path) -> None:
    apply_example(
        base_repo, "# data/accounts/acme/assessments/2026-09-30.yaml\nnotes: Secret note about Zhao\n", raw=False
    )
    internal = pages_of(context_of(base_repo))
    public = pages_of(context_of(base_repo, audience="public"))
    assert "pb-heat" in internal["relationships-heatmap.md"].markdown
    heat = public["relationships-heatmap.md"].markdown
    assert "pb-heat" not in heat and "acme" not in heat and "not publish" in heat
    for pages in (internal, public):
        for page in pages.values():
            for private in ("赵雷", "Zhao Lei", "钱宇", "zhao-lei", "qian-yu", "Secret note", "CFO"):
                assert private not in page.markdown, f"{private} on {page.path}"
    assert "陈艾米" in public["people/index.md"].markdown  # staff names stay


# --- escaping ----------------------------------------------------------------------------------


def _hostile_repo(root: Path) -> None:
    name = f"{{en: '{HOSTILE}', zh: '{HOSTILE}'}}"
    patches = [
        f"# data/accounts/acme/account.yaml\nname: {name}",
        f"# data/teams/finance-key-accounts.yaml\nname: {name}\nmembers:\n"
        f"  - {{id: nina-lead, name: {name}, roles: [ar]}}\n"
        f"  - {{id: amy-ar, name: {name}, roles: [ar], title: '{HOSTILE}'}}",
        f"# data/teams/north-region.yaml\nname: {name}",
        f"# data/taxonomy.yaml\nregions:\n  - {{id: north, name: {name}}}\n  - {{id: south, name: {name}}}\n"
        f"industries:\n  - {{id: banking, name: {name}}}\n  - {{id: energy, name: {name}}}\n"
        f"government_domains:\n  - {{id: tax, name: {name}}}\n"
        f"relationship_dimensions:\n  - {{id: executive, name: {name}}}\n  - {{id: key-person, name: {name}}}",
    ]
    for patch in patches:
        apply_example(root, patch, raw=False)
    tiers = yaml.safe_load((root / "data/tiers.yaml").read_text(encoding="utf-8"))
    tiers["metrics"][0].update(name={"en": HOSTILE}, unit=HOSTILE)
    for tier in tiers["tiers"]:
        tier.update(name={"en": HOSTILE}, description=HOSTILE)
    (root / "data/tiers.yaml").write_text(yaml.safe_dump(tiers, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("language", ["en", "zh"])
def test_hostile_names_are_shown_as_text_on_every_page(base_repo: Path, language: Language) -> None:
    _hostile_repo(base_repo)
    context = context_of(base_repo, language=language)
    assert not any(finding.rule.startswith(("SCH", "YAML")) for finding in context.findings)
    pages = pages_of(context)
    for path in (*OVERVIEW_PAGES, "people/amy-ar.md"):
        rendered = render(pages[path].markdown)
        assert not re.search(r"<img\b", rendered), path
        assert not re.search(r'href="javascript', rendered), path
        assert not re.search(r"<[^>]*\sonerror\s*=", rendered), path
        assert 'class="x"' not in rendered, path
        assert HOSTILE in html.unescape(re.sub(r"<[^>]+>", "", rendered)), path
        for href in re.findall(r'href="([^"]*)"', rendered):
            assert re.fullmatch(r"(\.\./)?[a-z0-9/._-]*(#[a-z0-9_-]+)?", href), f"{path}: {href}"


def test_a_gap_and_an_overlap_stay_marked_with_hostile_names(base_repo: Path) -> None:
    _hostile_repo(base_repo)
    (base_repo / "data/teams/south-region.yaml").unlink()
    rendered = render(pages_of(context_of(base_repo))["coverage-matrix.md"].markdown)
    assert len(cells(rendered, "pb-gap")) == 2  # the legend's and energy × south


# --- language ----------------------------------------------------------------------------------


def test_chinese_labels(base_repo: Path) -> None:
    for account_id in ("beta", "gamma", "delta"):
        write_account(base_repo, account_id)
    (base_repo / "data/teams/south-region.yaml").unlink()
    pages = pages_of(context_of(base_repo, language="zh"))
    assert pages["index.md"].title == "概览"
    assert "\n# 概览\n" in pages["index.md"].markdown
    assert "### 按分级统计客户" in pages["index.md"].markdown
    assert pages["tiers-reference.md"].markdown.startswith("# 客户分级参考\n")
    assert "| 评估周期 | 每 90 天 |" in pages["tiers-reference.md"].markdown
    assert "● 关键" in pages["tiers-reference.md"].markdown
    coverage = pages["coverage-matrix.md"].markdown
    assert "\n# 覆盖矩阵\n" in coverage and "**空白**" in coverage and "**超出**" in coverage
    assert "\n# 客户关系热力图\n" in pages["relationships-heatmap.md"].markdown
    assert pages["people/index.md"].markdown.startswith("# 人员\n")
    english = ("Accounts by tier", "Coverage matrix", "Review cadence", "within bounds", "## Everyone", "GAP")
    for page in pages.values():
        for words in english:
            assert words not in page.markdown, f"{words} on {page.path}"


# --- determinism -------------------------------------------------------------------------------


def test_the_same_data_gives_the_same_pages(base_repo: Path) -> None:
    for account_id in ("beta", "gamma", "delta", "epsilon"):
        write_account(base_repo, account_id, region="south")
    first = overview_pages.pages(context_of(base_repo))
    context = context_of(base_repo)
    shuffled = Playbook(
        context.playbook.root,
        context.playbook.settings,
        context.playbook.taxonomy,
        context.playbook.tiers,
        random.Random(7).sample(context.playbook.teams, len(context.playbook.teams)),
        random.Random(8).sample(context.playbook.accounts, len(context.playbook.accounts)),
        random.Random(9).sample(context.playbook.assessments, len(context.playbook.assessments)),
    )
    findings = tuple(random.Random(10).sample(list(context.findings), len(context.findings)))
    again = overview_pages.pages(SiteContext(shuffled, findings, "internal", "en", AS_OF))
    assert first == again


# --- size at 10,000 accounts -------------------------------------------------------------------


def _sourced(model: Any, path: str) -> Sourced[Any]:
    return Sourced(model, Document(path, {}))


def big_context(base: SiteContext, count: int, ars: int = 1500) -> SiteContext:
    """A playbook of ``count`` accounts built in memory from acme: a quarter key, some strategic, the rest SMB."""
    playbook = base.playbook
    acme: Account = playbook.account_by_id["acme"].model
    team: Team = playbook.team_by_id["finance-key-accounts"].model
    members = [Member(id=f"ar-{n:04d}", name=Name(en=f"Account Manager {n:04d}"), roles=["ar"]) for n in range(ars)]
    big_team = team.model_copy(update={"id": "big-accounts", "members": [*team.members, *members]})
    accounts: list[Sourced[Account]] = []
    assessments: list[Sourced[Assessment]] = []
    findings: list[Finding] = []
    first = playbook.assessments[0].model
    for n in range(count):
        account_id = f"customer-{n:05d}"
        tier = "strategic" if n < 100 or ars <= n < ars + 50 else "key" if n < 2600 else "smb"
        model = acme.model_copy(
            update={
                "id": account_id,
                "name": Name(en=f"Customer {n:05d}", zh=f"客户{n:05d}"),
                "tier": tier,
                "owner": "big-accounts",
                "industry": ("banking", "energy")[n % 2],
                "region": ("north", "south")[n % 3 % 2],
                "iron_triangle": IronTriangle(ar=[f"ar-{n % ars:04d}"], sr=["sam-sr"], fr=["fay-fr"]),
            }
        )
        folder = f"data/accounts/{account_id}"
        accounts.append(_sourced(model, f"{folder}/account.yaml"))
        for age, shift in ((200, 1), (20, 0)):
            day = AS_OF - timedelta(days=age + n % 7)
            scores = {key: max(-1, min(3, value - shift + (n % 3) - 1)) for key, value in first.dimensions.items()}
            assessment = first.model_copy(update={"date": day, "dimensions": scores, "notes": "private"})
            assessments.append(_sourced(assessment, f"{folder}/assessments/{day.isoformat()}.yaml"))
        findings.append(Finding(f"{folder}/account.yaml", 3, 7, "ASM002", Severity.WARNING, "stale"))
        findings.append(Finding(f"{folder}/account.yaml", 9, 7, "ACT001", Severity.WARNING, "overdue"))
        findings.append(Finding(f"{folder}/account.yaml", 4, 1, "TRI001", Severity.ERROR, "missing"))
    teams = [*playbook.teams, _sourced(big_team, "data/teams/big-accounts.yaml")]
    big = Playbook(playbook.root, playbook.settings, playbook.taxonomy, playbook.tiers, teams, accounts, assessments)
    return SiteContext(big, tuple(findings), base.audience, base.language, base.as_of)


@pytest.fixture(scope="module")
def big_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    root = copy_base(tmp_path_factory.mktemp("big") / "repo")
    return pages_of(big_context(context_of(root), 10_000))


def test_pages_stay_small_at_ten_thousand_accounts(big_pages: dict[str, Page]) -> None:
    sizes = {path: len(page.markdown.encode("utf-8")) for path, page in big_pages.items()}
    for path in OVERVIEW_PAGES:
        assert sizes[path] < MAX_MARKDOWN, f"{path} is {sizes[path]} bytes"
    largest = max(size for path, size in sizes.items() if path.startswith("people/") and path != "people/index.md")
    assert largest < MAX_MARKDOWN
    assert sizes["relationships-heatmap.md"] > 50_000  # it does show the weakest accounts


def test_big_lists_say_how_many_more(big_pages: dict[str, Page]) -> None:
    overview = big_pages["index.md"].markdown
    stale = overview.split("### Stale assessments")[1].split("###")[0]
    assert stale.count("](accounts/") == 50 and "and 9950 more" in stale
    assert "| [Iron triangle incomplete (TRI001)](rules/tri.md#tri001) | error | 10000 |" in overview
    assert "| [Stale assessments](rules/asm.md#asm002) (ASM002) | 10000 |" in overview
    heat = big_pages["relationships-heatmap.md"].markdown
    assert f"The {heatmap_page.HEAT_ROWS} weakest of 2450 assessed accounts" in heat
    assert heat.count("](accounts/") == 150 + heatmap_page.HEAT_ROWS
    coverage = big_pages["coverage-matrix.md"].markdown
    assert coverage.count("{: .pb-cell") == 3 + 4 + 2  # the legend, 2 × 2 commercial, 1 × 2 government
    assert coverage.count("](people/") == 100  # every strategic AR (under LOAD_ROWS); key and SMB only counted
    assert "1450 ARs are within bounds" in coverage and "1500 ARs hold accounts of this tier, which sets no" in coverage
    assert coverage.count("**over**") == 50
    people = big_pages["people/index.md"].markdown
    assert people.count("](ar-") <= people_pages.INDEX_ROWS + people_pages.FLAGGED_ROWS


def search_entries(markdown: str) -> list[str]:
    """A page's sections as Zensical's search index holds them, near enough: what lies between
    two headings, rendered, with the tags Zensical drops replaced by spaces."""
    sections = re.split(r"<h[1-6]\b[^>]*>.*?</h[1-6]>", render(markdown), flags=re.S)
    return [" ".join(_DROPPED_TAG.sub(" ", section).split()) for section in sections]


def test_what_zensical_searches_fits_its_index_at_ten_thousand_accounts(big_pages: dict[str, Page]) -> None:
    people = sorted(
        (path for path in big_pages if path.startswith("people/")), key=lambda path: -len(big_pages[path].markdown)
    )
    checked = [path for path in big_pages if not path.startswith("people/")] + people[:20]
    largest = {}
    for path in checked:
        page = big_pages[path]
        searched = _EXCLUDED_BLOCK.sub("", zensical.without_listings(page.markdown))
        largest[path] = max(len(entry.encode("utf-8")) for entry in search_entries(searched))
    assert max(largest.values()) <= ZENSICAL_ENTRY_BYTES, largest
    # Without leaving the listings out, the coverage matrix and the heat map would not fit.
    for path in ("coverage-matrix.md", "relationships-heatmap.md", "people/index.md"):
        whole = max(len(entry.encode("utf-8")) for entry in search_entries(big_pages[path].markdown))
        assert whole > ZENSICAL_ENTRY_BYTES, path


def test_the_big_coverage_page_renders_under_two_megabytes(big_pages: dict[str, Page]) -> None:
    for path in ("coverage-matrix.md", "index.md", "people/index.md"):
        assert len(render(big_pages[path].markdown).encode("utf-8")) < 2_000_000, path
