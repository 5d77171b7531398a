"""The teams index and the team pages: charter, scope, people, reporting lines, KPIs, accounts."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from playbook.repository import Playbook
from playbook.rules import RULES
from playbook.site import account_pages, pages, team_pages
from playbook.site.context import AUDIENCES, Audience, Language, SiteContext
from playbook.site.pages import Page
from tests.examples import apply_example
from tests.site_markdown import (
    HOSTILE,
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
from tests.site_markdown import context as site_context

TEAMS = """
# data/teams/finance-key-accounts.yaml
scope: {regions: [south, north], industries: [energy, banking]}
reports_to: {solid: north-region, dotted: [tax-accounts, cloud-solutions]}
members:
  - id: amy-ar
    name: {en: Amy Chen, zh: 陈艾米}
    title: Account manager
    roles: [sr, ar]
    email: amy@example.com
    reports_to: {solid: nina-lead, dotted: [sam-sr, nick-north]}
  - {id: nina-lead, name: {en: Nina Lead}, title: Director, roles: [ar], email: nina@example.com}
kpis:
  - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 50, fr: 60}}
  - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 50, fr: 40}, target: 1000 signed}
charter: |-
  Owns the named banks.
  One line of the same paragraph.

  A second paragraph.
# data/accounts/beta-power/account.yaml
id: beta-power
name: {en: Beta Power}
tier: smb
industry: energy
region: south
owner: south-region
overlays: [{team: cloud-solutions, credit_pct: 50, role: Hosting}]
lifecycle: breaking_in
"""


@pytest.fixture
def repo(base_repo: Path) -> Path:
    apply_example(base_repo, TEAMS, raw=False)
    return base_repo


def _pages(root: Path, audience: Audience = "internal", language: Language = "en") -> dict[str, Page]:
    return {page.path: page for page in team_pages.pages(context(root, audience, language))}


# --- the index --------------------------------------------------------------------------------


def test_index_lists_teams_by_type_with_links(repo: Path) -> None:
    generated = team_pages.pages(context(repo))
    index = generated[0]
    assert (index.path, index.title, index.in_nav) == ("teams/index.md", "Teams", True)
    assert all(not page.in_nav for page in generated[1:])
    assert re.findall(r"^## (.*)$", index.markdown, flags=re.M) == [
        "Regional team",
        "Key-account team",
        "Government team",
        "Solution team",
        "Delivery team",
    ]
    rendered = render(index.markdown)
    links = re.findall(r'href="([a-z-]+\.md)"', rendered)
    assert sorted(links) == sorted(page.path.removeprefix("teams/") for page in generated[1:])
    regional = table_rows(markdown_section(index.markdown, "Regional team"))
    assert regional == [
        ["Team", "Id", "Lead", "Members", "Accounts owned"],
        ["北区 (North Region)", "north-region", "Nick North", "1", "0"],
        ["南区 (South Region)", "south-region", "Sue South", "1", "1"],
    ]


def test_index_title_in_chinese(repo: Path) -> None:
    index = _pages(repo, language="zh")["teams/index.md"]
    assert index.title == "团队"
    assert index.markdown.startswith("# 团队\n")
    assert "## 区域团队" in index.markdown and "Regional team" not in index.markdown


def test_index_without_teams(repo: Path) -> None:
    site = context(repo)
    empty = Playbook(site.playbook.root, site.playbook.settings, site.playbook.taxonomy, site.playbook.tiers)
    (index,) = team_pages.pages(replace(site, playbook=empty))
    assert "There are no teams yet." in index.markdown


# --- a team page --------------------------------------------------------------------------------


def test_facts_show_type_lead_scope_and_team_reporting_lines(repo: Path) -> None:
    meta, markdown = split_front_matter(_pages(repo)["teams/finance-key-accounts.md"].markdown)
    assert meta == {"title": "金融大客户部 (Finance Key Accounts)"}
    head = markdown.split("\n## ", 1)[0]
    assert head.lstrip("\n").startswith("# 金融大客户部 \\(Finance Key Accounts\\)\n")
    facts = visible(render(head))
    for expected in (
        "Type: Key-account team",
        "Lead: Nina Lead",
        "Regions: 北区 (North), 南区 (South)",
        "Industries: 能源 (Energy), 银行 (Banking)",
        "Reports to (Solid line): 北区 (North Region)",
        "Reports to (Dotted lines): 云解决方案部 (Cloud Solutions), 税务行业部 (Tax Authorities)",
    ):
        assert expected in facts, expected
    assert re.findall(r"\]\(([^)]+)\)", head) == [
        "../people/nina-lead.md",
        "../teams/north-region.md",
        "../teams/cloud-solutions.md",
        "../teams/tax-accounts.md",
    ]


def test_charter_keeps_its_paragraphs(repo: Path) -> None:
    charter = render(markdown_section(_pages(repo)["teams/finance-key-accounts.md"].markdown, "Charter"))
    assert re.findall(r"<p>(.*?)</p>", charter) == [
        "Owns the named banks. One line of the same paragraph.",
        "A second paragraph.",
    ]


def test_members_with_roles_and_reporting_lines_linked_across_teams(repo: Path) -> None:
    section = markdown_section(_pages(repo)["teams/finance-key-accounts.md"].markdown, "Members")
    assert table_rows(section) == [
        ["Name", "Title", "Roles", "Solid line", "Dotted lines", "Email"],
        ["Nina Lead", "Director", "AR", "", "", "nina@example.com"],
        [
            "陈艾米 (Amy Chen)",
            "Account manager",
            "AR, SR",
            "Nina Lead",
            "Nick North, 孙山 (Sam Sun)",
            "amy@example.com",
        ],
    ]
    # Every one of our people links to their own page.
    assert (
        "| [Nina Lead](../people/nina-lead.md) | [Nick North](../people/nick-north.md),"
        " [孙山 \\(Sam Sun\\)](../people/sam-sr.md) |" in section
    )


def test_kpis_with_a_weight_per_role_and_totals(repo: Path) -> None:
    section = markdown_section(_pages(repo)["teams/finance-key-accounts.md"].markdown, "KPIs")
    assert table_rows(section) == [
        ["KPI", "Perspective", "Target", "AR", "SR", "FR"],
        ["Revenue", "Financial", "1000 signed", "60", "50", "40"],
        ["Satisfaction", "Customer", "", "40", "50", "60"],
        ["Total", "", "", "100", "100", "100"],
    ]


def test_owned_accounts_with_their_tier(repo: Path) -> None:
    generated = _pages(repo)
    owned = markdown_section(generated["teams/finance-key-accounts.md"].markdown, "Accounts it owns")
    assert table_rows(owned) == [
        ["Account", "Tier", "Industry", "Region"],
        ["艾克美银行 (Acme Bank)", "Key", "银行 (Banking)", "北区 (North)"],
    ]
    assert "](../accounts/acme.md)" in owned
    regional = markdown_section(generated["teams/south-region.md"].markdown, "Accounts it owns")
    assert regional.lstrip().startswith("By default the team also owns every customer in its regions")
    assert table_rows(regional)[1][:2] == ["Beta Power", "SMB"]
    assert "## Accounts it owns" not in generated["teams/tax-accounts.md"].markdown


def test_overlaid_accounts_with_credit(repo: Path) -> None:
    markdown = _pages(repo)["teams/cloud-solutions.md"].markdown
    section = markdown_section(markdown, "Accounts it works alongside")
    assert table_rows(section) == [
        ["Account", "Owning team", "Credit", "Role"],
        ["Beta Power", "南区 (South Region)", "50%", "Hosting"],
        ["艾克美银行 (Acme Bank)", "金融大客户部 (Finance Key Accounts)", "100%", "Cloud platform"],
    ]
    assert "## Accounts it works alongside" not in _pages(repo)["teams/delivery.md"].markdown


def test_public_pages_keep_staff_names_and_drop_emails(repo: Path) -> None:
    internal = visible(render(_pages(repo)["teams/finance-key-accounts.md"].markdown))
    public = visible(render(_pages(repo, audience="public")["teams/finance-key-accounts.md"].markdown))
    assert "amy@example.com" in internal and "Email" in internal
    assert "example.com" not in public and "Email" not in public
    assert "陈艾米 (Amy Chen)" in public and "Nina Lead" in public


def test_labels_in_chinese(repo: Path) -> None:
    markdown = _pages(repo, language="zh")["teams/finance-key-accounts.md"].markdown
    assert re.findall(r"^## (.*)$", markdown, flags=re.M) == ["团队章程", "成员", "考核指标", "负责的客户"]
    assert "- **类型:** 行业大客户团队" in markdown
    assert "| **合计** |" in markdown


def test_every_text_from_the_data_shows_as_text(repo: Path) -> None:
    hostile = HOSTILE.replace('"', '\\"')
    patch = f"""
# data/teams/finance-key-accounts.yaml
name: {{en: "{hostile} team"}}
charter: "{hostile} charter"
members:
  - {{id: nina-lead, name: {{en: "{hostile} nina"}}, title: "{hostile} title", email: "{hostile} email"}}
  - {{id: amy-ar, name: {{en: Amy}}, roles: [ar], reports_to: {{solid: nina-lead, dotted: [sam-sr]}}}}
kpis:
  - {{id: revenue, name: {{en: "{hostile} kpi"}}, perspective: financial, weights: {{ar: 100}},
     target: "{hostile} target"}}
# data/teams/cloud-solutions.yaml
members: [{{id: sam-sr, name: {{en: "{hostile} sam"}}, roles: [sr]}}]
# data/accounts/acme/account.yaml
name: {{en: "{hostile} account"}}
# data/accounts/beta-power/account.yaml
overlays: [{{team: cloud-solutions, credit_pct: 50, role: "{hostile} role"}}]
"""
    apply_example(repo, patch, raw=False)
    taxonomy = yaml.safe_load((repo / "data/taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["regions"][0]["name"] = {"en": f"{HOSTILE} region"}
    (repo / "data/taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    generated = _pages(repo)
    shown = {}
    for path in ("teams/index.md", "teams/finance-key-accounts.md", "teams/cloud-solutions.md"):
        rendered = render(generated[path].markdown)
        assert_no_injection(rendered)
        assert_tables_are_regular(rendered)
        shown[path] = visible(rendered)
    for field in ("team", "charter", "nina", "title", "email", "kpi", "target", "sam", "account", "region"):
        assert f"{HOSTILE} {field}" in shown["teams/finance-key-accounts.md"], field
    assert f"{HOSTILE} role" in shown["teams/cloud-solutions.md"]
    # The theme writes the front-matter title into <title> unescaped: it must be HTML already.
    meta, _ = split_front_matter(generated["teams/finance-key-accounts.md"].markdown)
    assert meta["title"] == html.escape(f"金融大客户部 ({HOSTILE} team)")
    assert f"{HOSTILE} team" in shown["teams/index.md"] and f"{HOSTILE} nina" in shown["teams/index.md"]


def test_links_lead_to_generated_pages(repo: Path) -> None:
    for audience in AUDIENCES:
        site = context(repo, audience)
        assert_links_resolve(
            [*team_pages.pages(site), *account_pages.pages(site), *pages.rule_pages(RULES), *_people(site)]
        )


def test_pages_are_the_same_for_the_same_data(repo: Path) -> None:
    first = team_pages.pages(context(repo))
    site = context(repo)
    loaded = site.playbook
    reordered = Playbook(
        loaded.root, loaded.settings, loaded.taxonomy, loaded.tiers, loaded.teams[::-1], loaded.accounts[::-1]
    )
    again = team_pages.pages(replace(site, playbook=reordered))
    assert [(page.path, page.markdown.encode()) for page in again] == [
        (page.path, page.markdown.encode()) for page in first
    ]


def test_a_team_page_lists_a_bounded_number_of_accounts(base_repo: Path) -> None:
    context = site_context(base_repo)
    acme = context.playbook.accounts[0]
    for number in range(team_pages.TABLE_CAP + 25):
        model = acme.model.model_copy(update={"id": f"acme-{number:04d}"})
        context.playbook.accounts.append(type(acme)(model, acme.document))
    page = next(page for page in team_pages.pages(context) if page.path == "teams/cloud-solutions.md")
    assert page.markdown.count("](../accounts/acme") == team_pages.TABLE_CAP
    assert "and 26 more: [Accounts](../accounts/index.md)" in page.markdown


def _people(site: SiteContext) -> list[Page]:
    """The people pages, which account and team pages link our people to."""
    from playbook.site import people_pages
    from playbook.site.directory import Directory

    return [page for page in people_pages.pages(site, Directory(site.playbook)) if page.path != people_pages.INDEX]
