"""The account pages: coverage, plan, pipeline, relationships, actions and findings, per audience."""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml

from playbook.repository import Playbook
from playbook.rules import RULES
from playbook.site import account_pages, engine, pages, staging, team_pages
from playbook.site.context import AUDIENCES, Audience, Language, SiteContext
from playbook.site.pages import Page
from tests.conftest import AS_OF
from tests.examples import apply_example
from tests.site_markdown import (
    HOSTILE,
    PROJECT,
    assert_links_resolve,
    assert_no_injection,
    assert_tables_are_regular,
    context,
    markdown_section,
    render,
    split_front_matter,
    table_rows,
    visible,
)

#: The acme account with a full plan, three contacts and three assessments (one dated after
#: the day the site describes, 2026-10-15).
RICH = """
# data/accounts/acme/account.yaml
domain: tax
notes: Prefers email to calls.
exception: {reason: Showcase bank of the north, approved_by: nina-lead, approved_on: 2026-01-10, expires: 2027-01-10}
goals:
  - {title: Win the core banking cloud, year: 2027, perspective: financial, target: 800 signed}
  - {title: Map every decision maker, year: 2026, perspective: customer}
share_of_wallet:
  - {year: 2027, share_pct: 20, breakthroughs: [Data platform, Security]}
  - {year: 2026, share_pct: 12.5}
leads:
  - {id: lead-2, title: Branch refresh, received: 2026-05-01, status: new}
  - {id: lead-1, title: Cloud migration, received: 2026-03-01, status: converted, opportunity: opp-1}
opportunities:
  - {id: opp-4, title: Renewal, stage: closing, amount: 1500}
  - {id: opp-1, title: Core banking cloud, stage: solution, amount: 800}
  - {id: opp-3, title: Security audit, stage: solution, amount: 200.25, overlay: cloud-solutions, close: 2026-12-31}
  - {id: opp-2, title: Data platform, stage: intent, amount: 120.5, product: Lakehouse}
contacts:
  - id: zephyrine-q
    name: {zh: 钟离沐雪, en: Zephyrine Quillfeather}
    title: Chief Zorblax Officer
    department: Quuxtreasury
    buying_role: eb
    influence: e-db
    influence_level: high
    owner: amy-ar
    backup: sam-sr
  - {id: orlando-v, name: {en: Orlando Vexworth}, title: Head of Plinthwork, buying_role: tb, influence: t-ca,
     reports_to: zephyrine-q, owner: sam-sr, backup: amy-ar}
  - {id: nimue-m, name: {en: Nimue Marchbanks}, title: Grand Ledgerwarden, buying_role: coach,
     reports_to: zephyrine-q, owner: amy-ar, backup: fay-fr}
actions:
  - {id: act-1, title: Executive visit, owner: amy-ar, due: 2026-11-30, status: planned, contact: zephyrine-q}
  - {id: act-2, title: Joint workshop, owner: sam-sr, due: 2026-10-01, status: in_progress, dimension: key-person}
  - {id: act-3, title: Send the proposal, owner: amy-ar, due: 2026-09-01, status: planned, contact: orlando-v}
  - {id: act-4, title: Kick-off meeting, owner: fay-fr, due: 2026-08-01, status: done}
  - {id: act-5, title: Review on the day, owner: amy-ar, due: 2026-10-15, status: planned}
# data/accounts/acme/assessments/2026-06-30.yaml
date: 2026-06-30
assessor: amy-ar
dimensions: {executive: 0, key-person: 1}
contacts: {zephyrine-q: 1, nimue-m: 3}
satisfaction: {expectation: 9, perception: 6}
notes: Marchbanks coached us through the tender.
# data/accounts/acme/assessments/2026-09-30.yaml
contacts: {zhao-lei: null, qian-yu: null, zephyrine-q: 2, orlando-v: -1}
notes: Xyloquent budget freeze discussed.
# data/accounts/acme/assessments/2026-12-01.yaml
date: 2026-12-01
assessor: amy-ar
dimensions: {executive: 3, key-person: 3}
contacts: {zephyrine-q: -1}
"""
#: Everything the rich account says about the customer's people.
PERSONAL = [
    "Zephyrine",
    "Quillfeather",
    "钟离沐雪",
    "Zorblax",
    "Quuxtreasury",
    "Orlando",
    "Vexworth",
    "Plinthwork",
    "Nimue",
    "Marchbanks",
    "Ledgerwarden",
    "Xyloquent",
]


@pytest.fixture
def rich_repo(base_repo: Path) -> Path:
    apply_example(base_repo, RICH, raw=False)
    return base_repo


def _page(root: Path, audience: Audience = "internal", language: Language = "en", as_of: date = AS_OF) -> str:
    (page,) = account_pages.pages(context(root, audience, language, as_of))
    return page.markdown


# --- one page per account -----------------------------------------------------------------


def test_one_page_per_account_out_of_the_navigation(rich_repo: Path) -> None:
    generated = account_pages.pages(context(rich_repo))
    assert [(page.path, page.title, page.in_nav) for page in generated] == [
        ("accounts/acme.md", "艾克美银行 (Acme Bank)", False)
    ]
    assert re.search(r"^# 艾克美银行 \\\(Acme Bank\\\)$", generated[0].markdown, flags=re.M)


def test_front_matter_has_the_title_and_tier_industry_region_as_tags(rich_repo: Path) -> None:
    meta, body = split_front_matter(_page(rich_repo))
    assert meta == {
        "title": "艾克美银行 (Acme Bank)",
        "hide": ["navigation"],
        "tags": ["Key", "银行 (Banking)", "北区 (North)"],
        # Each tag leads to the list of the accounts that carry it (the theme partial reads it).
        "tag_pages": {
            "Key": "by/tier-key.html",
            "银行 (Banking)": "by/industry-banking.html",
            "北区 (North)": "by/region-north.html",
        },
    }
    assert body.lstrip("\n").startswith("# 艾克美银行")


@pytest.mark.parametrize(
    "value",
    [HOSTILE, 'quote " and \\ backslash', "colon: hash # dash - [list]", "emoji 😀 and\u2028separator", "\x85next"],
)
def test_front_matter_reads_back_for_any_name(base_repo: Path, value: str) -> None:
    account = base_repo / "data/accounts/acme/account.yaml"
    data = yaml.safe_load(account.read_text(encoding="utf-8"))
    data["name"] = {"en": value}
    account.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    meta, _ = split_front_matter(_page(base_repo))
    # MkDocs and the theme put front-matter values into the HTML as they are: they are HTML already.
    assert meta["title"] == html.escape(" ".join(value.split()))
    assert meta["tags"] == ["Key", "银行 (Banking)", "北区 (North)"]


# --- coverage, triangle, plan -----------------------------------------------------------------


def test_facts_show_coverage_lifecycle_and_the_tier_exception(rich_repo: Path) -> None:
    facts = visible(render(markdown_section(_page(rich_repo), "Facts")))
    for expected in (
        "Tier: Key",
        "Industry: 银行 (Banking)",
        "Region: 北区 (North)",
        "Government domain: 税务 (Tax)",
        "Owning team: 金融大客户部 (Finance Key Accounts)",
        "Overlay teams: 云解决方案部 (Cloud Solutions) (credit 100%; Cloud platform)",
        "Lifecycle stage: Growth",
        "Tier exception: Showcase bank of the north (approved by Nina Lead on 2026-01-10; review by 2027-01-10)",
    ):
        assert expected in facts
    head = render(markdown_section(_page(rich_repo), "Facts"))
    assert 'href="../people/nina-lead.md"' in head
    assert 'href="../teams/finance-key-accounts.md"' in head
    assert 'href="../teams/cloud-solutions.md"' in head


def test_iron_triangle_names_each_role_holder_and_their_team(rich_repo: Path) -> None:
    rows = table_rows(markdown_section(_page(rich_repo), "Iron triangle"))
    assert rows == [
        ["Role", "Person", "Team"],
        ["AR (account)", "陈艾米 (Amy Chen)", "金融大客户部 (Finance Key Accounts)"],
        ["SR (solution)", "孙山 (Sam Sun)", "云解决方案部 (Cloud Solutions)"],
        ["FR (fulfilment)", "付菲 (Fay Fu)", "交付部 (Delivery)"],
    ]


def test_goals_and_wallet_plan_by_year(rich_repo: Path) -> None:
    rows = table_rows(markdown_section(_page(rich_repo), "Account plan"))
    assert rows[1] == ["2026", "Map every decision maker", "Customer", ""]
    assert rows[2] == ["2027", "Win the core banking cloud", "Financial", "800 signed"]
    assert rows[4] == ["2026", "12.5%", ""]
    assert rows[5] == ["2027", "20%", "Data platform, Security"]


# --- leads and opportunities ----------------------------------------------------------------


def test_opportunities_by_stage_in_taxonomy_order_with_totals(rich_repo: Path) -> None:
    section = markdown_section(_page(rich_repo), "Opportunities")
    stages = re.findall(r"^### (.*)$", section, flags=re.M)
    assert stages == [
        "Intent (win probability 10 %)", "Solution (win probability 40 %)", "Closing (win probability 90 %)"
    ]  # fmt: skip
    assert "Amounts in CNY 10k." in section
    solution = section.split("### Solution", 1)[1].split("###", 1)[0]
    rows = table_rows(solution)
    assert [row[0] for row in rows] == ["Id", "opp-1", "opp-3", "Total"]
    assert rows[2] == ["opp-3", "Security audit", "", "云解决方案部 (Cloud Solutions)", "2026-12-31", "200.25"]
    assert rows[-1][-1] == "1,000.25"
    assert table_rows(section.split("### Intent", 1)[1].split("###", 1)[0])[-1][-1] == "120.5"
    # Every stage here is open (none has a win probability of 100 %): the pipeline is their sum,
    # and weighted by each stage's probability.
    assert "Open pipeline: 2,620.75 CNY 10k; weighted by each stage's win probability:" in visible(render(section))


def test_opportunities_in_an_unknown_stage_come_last(rich_repo: Path) -> None:
    apply_example(
        rich_repo,
        "# data/accounts/acme/account.yaml\nopportunities:\n"
        "  - {id: opp-9, title: Odd, stage: limbo, amount: 5}\n"
        "  - {id: opp-1, title: Core, stage: closing, amount: 1}\n",
        raw=False,
    )
    section = markdown_section(_page(rich_repo), "Opportunities")
    assert re.findall(r"^### (.*)$", section, flags=re.M) == [
        "Closing (win probability 90 %)", "Stage limbo (not in the taxonomy)"
    ]  # fmt: skip


def test_leads_show_status_and_the_opportunity_they_became(rich_repo: Path) -> None:
    rows = table_rows(markdown_section(_page(rich_repo), "Leads"))
    assert rows == [
        ["Id", "Lead", "Received", "Status", "Opportunity"],
        ["lead-1", "Cloud migration", "2026-03-01", "Converted", "opp-1 Core banking cloud"],
        ["lead-2", "Branch refresh", "2026-05-01", "New", ""],
    ]


# --- actions ----------------------------------------------------------------------------------


def _overdue_ids(markdown: str) -> list[str]:
    return [row[-1] for row in table_rows(markdown_section(markdown, "Action plan")) if "overdue" in row[2]]


def test_open_actions_due_before_the_day_are_marked_overdue(rich_repo: Path) -> None:
    markdown = _page(rich_repo)
    section = markdown_section(markdown, "Action plan")
    assert _overdue_ids(markdown) == ["act-3", "act-2"]
    assert section.count('class="pb-overdue') == 2
    assert "2 of them overdue on 2026-10-15." in section
    rows = table_rows(section)
    assert [row[-1] for row in rows[1:]] == ["act-4", "act-3", "act-2", "act-5", "act-1"]
    assert rows[1][2] == "Done"
    assert rows[3][2] == "In progress overdue"


def test_overdue_depends_on_the_day_the_site_describes(rich_repo: Path) -> None:
    assert _overdue_ids(_page(rich_repo, as_of=date(2026, 8, 15))) == []
    assert _overdue_ids(_page(rich_repo, as_of=date(2026, 12, 1))) == ["act-3", "act-2", "act-5", "act-1"]


def test_actions_name_their_contact_internally_only(rich_repo: Path) -> None:
    internal = table_rows(markdown_section(_page(rich_repo), "Action plan"))
    assert internal[0][4] == "Contact"
    assert internal[-1][4] == "钟离沐雪 (Zephyrine Quillfeather)"
    public = table_rows(markdown_section(_page(rich_repo, audience="public"), "Action plan"))
    assert "Contact" not in public[0]
    assert public[2][:4] == ["2026-09-01", "Send the proposal", "Planned overdue", "陈艾米 (Amy Chen)"]
    assert public[2][-1] == "act-3"


# --- relationships ----------------------------------------------------------------------------


def test_internal_page_has_the_power_map_trend_scores_and_contacts(rich_repo: Path) -> None:
    markdown = _page(rich_repo)
    section = markdown_section(markdown, "Relationships")
    for diagram in ("pb-power-map", "pb-trend"):
        # The power map has a "show larger" switch (a checkbox and its label) above it.
        assert re.search(
            rf'\n\n<figure class="pb-figure">\n(<input [^\n]*</label>\n)?<div[^\n]*<svg[^>]*class="{diagram}"', section
        )
    assert "\n</figure>\n\n" in section
    rendered = render(section)
    assert rendered.count("<svg") == 2 and "&lt;svg" not in rendered
    assert "Latest assessment: 2026-09-30, by 陈艾米 (Amy Chen)" in visible(rendered)
    # A contact's level is from the latest assessment that scores them, never from a future one.
    contacts = table_rows(section.split("### Contacts", 1)[1])
    # Key columns first (who, role, level, our owner and backup), then the details; in the
    # data's order, each followed by the people who report to them.
    assert contacts[0] == [
        "Name", "Buying role", "Level", "Our owner", "Our backup", "Title", "Department", "Influence", "Weight"
    ]  # fmt: skip
    assert contacts[1] == [
        "钟离沐雪 (Zephyrine Quillfeather)", "EB Economic buyer", "2", "陈艾米 (Amy Chen)", "孙山 (Sam Sun)",
        "Chief Zorblax Officer", "Quuxtreasury", "E-DB Final decision", "high",
    ]  # fmt: skip
    assert contacts[3][1] == "Coach"
    assert 'href="../people/sam-sr.md"' in render(section.split("### Contacts", 1)[1])
    levels = {row[0]: row[2] for row in contacts[1:]}
    assert levels == {"钟离沐雪 (Zephyrine Quillfeather)": "2", "Nimue Marchbanks": "3", "Orlando Vexworth": "-1"}
    assert re.search(r'data-id="nimue&#45;m" data-level="3"', section)


def _power_map_links(markdown: str) -> list[tuple[str, str]]:
    """Each link on the power map of an account page: where it leads, and what it says."""
    section = markdown_section(markdown, "Relationships").split("### Power map", 1)[1].split("###", 1)[0]
    found = re.search(r"<svg.*?</svg>", section, flags=re.S)
    assert found is not None
    root = ET.fromstring(found.group(0))
    links = root.iter("{http://www.w3.org/2000/svg}a")
    return [(link.get("href") or "", " ".join("".join(link.itertext()).split())) for link in links]


def test_the_power_map_links_our_people_to_their_pages(rich_repo: Path) -> None:
    links = _power_map_links(_page(rich_repo))
    # Zephyrine (amy-ar, backup sam-sr), then her reports Orlando (sam-sr, amy-ar) and Nimue (amy-ar, fay-fr).
    assert [href for href, _ in links] == [
        f"../people/{person}.html" for person in ("amy-ar", "sam-sr", "sam-sr", "amy-ar", "amy-ar", "fay-fr")
    ]
    assert links[:2] == [
        ("../people/amy-ar.html", "ours: 陈艾米 (Amy Chen)"),
        ("../people/sam-sr.html", "backup: 孙山 (Sam Sun)"),
    ]
    # With mkdocs.yml's use_directory_urls, pages are folders: the links follow.
    site = replace(context(rich_repo), directory_urls=True)
    (page,) = account_pages.pages(site)
    assert _power_map_links(page.markdown)[0] == ("../../people/amy-ar/", "ours: 陈艾米 (Amy Chen)")


def test_latest_scores_and_satisfaction_gap_per_assessment(rich_repo: Path) -> None:
    section = markdown_section(_page(rich_repo), "Relationships")
    scores = table_rows(section.split("### Relationship trend", 1)[1].split("###", 1)[0])
    assert scores == [["Dimension", "Level"], ["Executive", "1 ▲1"], ["Key people", "2 ▲1"]]
    satisfaction = table_rows(section.split("### Satisfaction", 1)[1].split("###", 1)[0])
    assert satisfaction == [
        ["Date", "Expectation", "Perception", "Gap"],
        ["2026-06-30", "9", "6", "-3"],
        ["2026-09-30", "8", "7", "-1"],
    ]
    notes = visible(render(section.split("### Assessment notes", 1)[1].split("###", 1)[0]))
    assert notes.index("2026-09-30 Xyloquent") < notes.index("2026-06-30 Marchbanks")


def test_public_pages_hold_no_personal_data(rich_repo: Path) -> None:
    internal = "\n".join(page.markdown for page in account_pages.pages(context(rich_repo)))
    assert all(word.casefold() in internal.casefold() for word in PERSONAL)  # the check below can fail
    public = context(rich_repo, audience="public")
    generated = [*account_pages.pages(public), *team_pages.pages(public), *_people(public)]
    for page in generated:
        folded = page.markdown.casefold()
        for word in PERSONAL:
            assert word.casefold() not in folded, (page.path, word)
        for marker in ("<svg", "pb-heat", "Relationships", "Expectation", "Perception", "Assessment notes"):
            assert marker not in page.markdown, (page.path, marker)
    assert "Prefers email" not in generated[0].markdown


# --- findings ---------------------------------------------------------------------------------


def test_findings_about_the_account_link_to_their_rule(rich_repo: Path) -> None:
    markdown = _page(rich_repo)
    section = markdown_section(markdown, "Findings")
    # In plain words: what the rule checks, linked to the rule, then the message and the place.
    assert "[Action overdue (ACT001)](../rules/act.md#act001)" in section
    assert "(ASM001)](../rules/asm.md#asm001)" in section
    assert "data/accounts/acme/assessments/2026\\-12\\-01\\.yaml:1" in section
    items = re.findall(r"^- \*\*(error|warning):\*\* \[[^\]]*\(([A-Z]+\d+)\)\]", section, flags=re.M)
    assert items and all(code in RULES for _, code in items)


def test_public_findings_are_only_counted(rich_repo: Path) -> None:
    about = [finding for finding in context(rich_repo).findings if finding.path.startswith("data/accounts/acme/")]
    errors = sum(1 for finding in about if finding.is_error)
    assert errors and len(about) > errors
    section = markdown_section(_page(rich_repo, audience="public"), "Findings")
    assert section.strip() == (
        f"Errors: {errors}. Warnings: {len(about) - errors}. The messages are shown on internal sites only."
    )
    assert "](" not in section


def test_no_findings_is_said(base_repo: Path) -> None:
    assert markdown_section(_page(base_repo), "Findings").strip() == "No findings concern this account."


# --- escaping, labels, links, determinism -------------------------------------------------------


def _hostile_repo(root: Path) -> Path:
    """Every text the account page shows set to a hostile value (with a field tag to find it)."""
    patch = """
# data/accounts/acme/account.yaml
name: {en: "{h} name", zh: "{h} zh"}
notes: "{h} account-notes"
overlays: [{team: cloud-solutions, credit_pct: 100, role: "{h} overlay-role"}]
exception: {reason: "{h} reason", approved_by: nina-lead, approved_on: 2026-01-10}
goals: [{title: "{h} goal", year: 2026, target: "{h} target"}]
share_of_wallet: [{year: 2026, share_pct: 10, breakthroughs: ["{h} breakthrough"]}]
leads: [{id: lead-1, title: "{h} lead", received: 2026-01-01, status: new}]
opportunities: [{id: opp-1, title: "{h} opportunity", stage: solution, amount: 1, product: "{h} product"}]
contacts:
  - {id: c-1, name: {en: "{h} contact"}, title: "{h} contact-title", department: "{h} department",
     buying_role: eb, owner: amy-ar, backup: sam-sr}
actions: [{id: act-1, title: "{h} action", owner: amy-ar, due: 2026-01-01, status: planned, contact: c-1}]
# data/accounts/acme/assessments/2026-09-30.yaml
contacts: {zhao-lei: null, qian-yu: null, c-1: 2}
notes: "{h} assessment-notes"
# data/teams/finance-key-accounts.yaml
name: {en: "{h} team"}
members:
  - {id: nina-lead, name: {en: "{h} nina"}, roles: [ar]}
  - {id: amy-ar, name: {en: "{h} amy"}, roles: [ar], reports_to: {solid: nina-lead}}
"""
    apply_example(root, patch.replace("{h}", HOSTILE.replace("\\", "\\\\").replace('"', '\\"')), raw=False)
    for path, key, value in (
        ("data/taxonomy.yaml", "industries", "industry"),
        ("data/taxonomy.yaml", "regions", "region"),
        ("data/taxonomy.yaml", "stages", "stage"),
        ("data/taxonomy.yaml", "relationship_dimensions", "dimension"),
        ("data/tiers.yaml", "tiers", "tier"),
    ):
        data = yaml.safe_load((root / path).read_text(encoding="utf-8"))
        for entry in data[key]:
            entry["name"] = {"en": f"{HOSTILE} {value}"}
        (root / path).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return root


def test_every_text_from_the_data_shows_as_text(base_repo: Path) -> None:
    root = _hostile_repo(base_repo)
    markdown = _page(root)
    rendered = render(markdown)
    assert_no_injection(rendered)
    assert_tables_are_regular(rendered)
    shown = visible(rendered)
    fields = [
        "name", "zh", "overlay-role", "reason", "goal", "target", "breakthrough", "lead", "opportunity", "product",
        "contact", "contact-title", "department", "action", "assessment-notes", "account-notes", "team", "nina",
        "amy", "industry", "region", "stage", "dimension", "tier",
    ]  # fmt: skip
    for field in fields:
        assert f"{HOSTILE} {field}" in shown, field
    meta, _ = split_front_matter(markdown)
    assert all("<" not in value for value in [meta["title"], *meta["tags"]])


def test_labels_in_chinese(rich_repo: Path) -> None:
    markdown = _page(rich_repo, language="zh")
    headings = [re.sub(r" \{ #[\w-]+ \}$", "", heading) for heading in re.findall(r"^## (.*)$", markdown, flags=re.M)]
    # The summary (with the notes) comes first now, then the facts and the tier criteria.
    assert headings == [
        "概要", "基本信息", "分级标准", "铁三角", "客户规划", "机会点", "线索", "客户关系", "行动计划", "检查结果"
    ]  # fmt: skip
    assert "- **客户分级:** Key" in markdown
    assert (
        "- **分级例外:** Showcase bank of the north（[Nina Lead](../people/nina-lead.md) 于 2026-01-10 批准；"
        "2027-01-10 前复核）" in markdown
    )
    assert "已逾期" in markdown and "overdue</span>" not in markdown
    assert "Iron triangle" not in markdown and "Opportunities" not in markdown


def test_links_lead_to_generated_pages(rich_repo: Path) -> None:
    for audience in AUDIENCES:
        site = context(rich_repo, audience=audience)
        generated = [*account_pages.pages(site), *team_pages.pages(site), *pages.rule_pages(RULES), *_people(site)]
        assert_links_resolve(generated)


def test_pages_are_the_same_for_the_same_data(rich_repo: Path) -> None:
    first = account_pages.pages(context(rich_repo))
    site = context(rich_repo)
    loaded = site.playbook
    reordered = Playbook(
        loaded.root,
        loaded.settings,
        loaded.taxonomy,
        loaded.tiers,
        loaded.teams[::-1],
        loaded.accounts[::-1],
        loaded.assessments[::-1],
    )
    again = account_pages.pages(replace(site, playbook=reordered, findings=site.findings[::-1]))
    assert [page.markdown.encode() for page in again] == [page.markdown.encode() for page in first]


# --- a strict MkDocs build of the pages ----------------------------------------------------------


def _build(root: Path, staging_folder: Path, audience: Audience) -> dict[str, str]:
    """Build the account, team and rule pages with the project's mkdocs.yml; every output file's text."""
    config = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["nav"] = [{"Home": "index.md"}]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    site = context(root, audience)
    generated = [*account_pages.pages(site), *team_pages.pages(site), *pages.rule_pages(RULES), *_people(site)]
    engine.build(staging.stage(root, staging_folder, generated))
    built = staging_folder / staging.STAGED_SITE
    return {path.relative_to(built).as_posix(): path.read_text(encoding="utf-8") for path in built.rglob("*.html")} | {
        "search/search_index.json": (built / "search" / "search_index.json").read_text(encoding="utf-8")
    }


def test_strict_build_shows_hostile_text_as_text_and_public_search_holds_no_personal_data(
    rich_repo: Path, tmp_path: Path
) -> None:
    account = rich_repo / "data/accounts/acme/account.yaml"
    data = yaml.safe_load(account.read_text(encoding="utf-8"))
    data["name"] = {"en": f"</title><script>alert(9)</script> {HOSTILE}"}
    account.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    team = rich_repo / "data/teams/delivery.yaml"
    data = yaml.safe_load(team.read_text(encoding="utf-8"))
    data["name"] = {"en": "</title><script>alert(8)</script>"}
    team.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    internal = _build(rich_repo, tmp_path / "internal", "internal")
    assert {"accounts/acme.html", "teams/index.html", "teams/delivery.html"} <= set(internal)
    assert "Zephyrine" in internal["search/search_index.json"]
    for path, content in internal.items():
        assert not re.search(r"<script>alert|<img src=x", content), path
    # The power map's links (raw HTML, which the engine does not check) lead to built pages.
    drawn = re.findall(r'<a href="([^"]+)" class="pb-person-link">', internal["accounts/acme.html"])
    assert len(drawn) == 6
    assert {posixpath.normpath(posixpath.join("accounts", html.unescape(href))) for href in drawn} <= set(internal)
    public = _build(rich_repo, tmp_path / "public", "public")
    for path, content in public.items():
        for word in PERSONAL:
            assert word.casefold() not in content.casefold(), (path, word)


def _people(site: SiteContext) -> list[Page]:
    """The people pages, which account and team pages link our people to."""
    from playbook.site import people_pages
    from playbook.site.directory import Directory

    return [page for page in people_pages.pages(site, Directory(site.playbook)) if page.path != people_pages.INDEX]
