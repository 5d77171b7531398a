"""The generated pages and the escaping of data, rendered with Python-Markdown (no MkDocs)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook import repository
from playbook.repository import Playbook
from playbook.rules import RULES
from playbook.site import accounts_index, escape, pages
from playbook.site.context import AUDIENCES, Language
from playbook.site.generate import generate
from playbook.site.tables import LISTING, listing, table_sections
from tests.site_markdown import context as site_context
from tests.site_markdown import render

PROJECT = Path(__file__).resolve().parent.parent
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "*bold* and __strong__ and `code`",
    "<script>alert('x')</script> & \"quoted\"",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "![img](http://example.invalid/x.png)",
    "{: onclick=alert(1) }",
    "&lt;already escaped&gt; \\*backslash\\*",
    "<!-- comment --> <http://example.invalid>",
]


def visible(rendered: str) -> str:
    """The text a browser shows: tags removed, entities resolved."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def assert_no_markup(rendered: str, allowed: tuple[str, ...] = ("p",)) -> None:
    tags = set(re.findall(r"<\s*([a-zA-Z0-9]+)", rendered))
    assert tags <= set(allowed), f"unexpected markup {tags - set(allowed)} in {rendered!r}"
    assert "href" not in rendered and "src=" not in rendered.replace("src=x", "")


# --- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
def test_inline_text_shows_as_typed(hostile: str) -> None:
    rendered = render(escape.inline(hostile))
    assert_no_markup(rendered)
    assert visible(rendered).strip() == hostile


@pytest.mark.parametrize("hostile", [*HOSTILE, "a | b", "two\nlines | and\r\nmore"])
def test_table_cell_shows_as_typed_in_one_cell(hostile: str) -> None:
    table = f"| A | B |\n| --- | --- |\n| {escape.cell(hostile)} | end |\n"
    rendered = render(table)
    assert_no_markup(rendered, allowed=("table", "thead", "tbody", "tr", "th", "td"))
    cells = re.findall(r"<td>(.*?)</td>", rendered, flags=re.S)
    assert len(cells) == 2, rendered
    assert html.unescape(cells[0]) == " ".join(hostile.split())
    assert cells[1] == "end"


def test_escaping_covers_html_specials() -> None:
    escaped = escape.inline("<>&\"'")
    for raw in "<>\"'":
        assert raw not in escaped
    assert "&amp;" in escaped


def test_prose_keeps_paragraphs_but_not_structure() -> None:
    value = "First line\n    indented code?\n===\n\n- second paragraph\n\n\n\n  <b>third</b>"
    rendered = render(escape.text(value))
    assert_no_markup(rendered)
    assert rendered.count("<p>") == 3
    assert "indented code?" in visible(rendered)
    assert "<b>third</b>" in visible(rendered)


def test_control_characters_are_dropped() -> None:
    assert escape.inline("a\x02b\x03c\x00d") == "abcd"


# --- the accounts page ------------------------------------------------------------------


def _load(root: Path) -> Playbook:
    return repository.load(root).playbook


def _write_yaml(path: Path, change: dict[str, Any]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _add_account(root: Path, account_id: str, name: str, tier: str, owner: str) -> None:
    folder = root / "data" / "accounts" / account_id
    folder.mkdir(parents=True)
    account = {
        "id": account_id,
        "name": {"en": name},
        "tier": tier,
        "industry": "energy",
        "region": "south",
        "owner": owner,
        "lifecycle": "breaking_in",
    }
    (folder / "account.yaml").write_text(yaml.safe_dump(account, allow_unicode=True), encoding="utf-8")


def _account_pages(root: Path, language: Language = "en") -> dict[str, pages.Page]:
    return {page.path: page for page in accounts_index.pages(site_context(root, language=language))}


def test_accounts_index_lists_the_accounts_and_links_the_lists(base_repo: Path) -> None:
    _add_account(base_repo, "zeta-power", "Zeta Power", "smb", "south-region")
    generated = _account_pages(base_repo)
    index = generated["accounts/index.md"]
    for target in ("by/industry-banking.md", "by/industry-energy.md", "by/tier-key.md", "by/tier-smb.md"):
        assert f"]({target})" in index.markdown, target
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", render(index.markdown), flags=re.S)
    # Every account, from the top tier down, with its tier, owner and AR.
    assert len(rows) == 2
    assert "艾克美银行 (Acme Bank)" in visible(rows[0]) and "Zeta Power" in visible(rows[1])
    assert 'href="../accounts/acme.md"' in rows[0] and 'href="../teams/finance-key-accounts.md"' in rows[0]
    banking = generated["accounts/by/industry-banking.md"]
    assert not banking.in_nav
    assert "{ #tier-key }" in banking.markdown
    rows = re.findall(r"<tr>\s*<td>(.*?)</tr>", render(banking.markdown), flags=re.S)
    assert len(rows) == 1
    assert 'href="../../accounts/acme.md"' in rows[0] and "艾克美银行 (Acme Bank)" in visible(rows[0])
    assert 'href="../../teams/finance-key-accounts.md"' in rows[0]


def test_tags_page_links_each_tag_to_its_list_and_names_no_account(base_repo: Path) -> None:
    _add_account(base_repo, "zeta-power", "Zeta Power", "smb", "south-region")
    tags = _account_pages(base_repo)["accounts/tags.md"]
    assert not tags.in_nav
    links = re.findall(r"^- \[(.*?)\]\((by/[^)]+)\): (\d+) accounts carry it$", tags.markdown, flags=re.M)
    # Each tag an account carries, once, with how many carry it: the accounts are on its list.
    assert sorted(target for _, target, _ in links) == sorted(
        {
            "by/tier-key.md",
            "by/tier-smb.md",
            "by/industry-banking.md",
            "by/industry-energy.md",
            *(target for _, target, _ in links if target.startswith("by/region-")),
        }
    )
    assert len([target for _, target, _ in links if target.startswith("by/region-")]) == 2
    assert {target: int(count) for _, target, count in links}["by/tier-key.md"] == 1
    assert "accounts/" not in tags.markdown and "acme" not in tags.markdown
    assert "{ #tier }" in tags.markdown and "{ #industry }" in tags.markdown and "{ #region }" in tags.markdown


def test_accounts_lists_show_hostile_names_as_text(base_repo: Path) -> None:
    data = base_repo / "data"
    _write_yaml(data / "accounts" / "acme" / "account.yaml", {"name": {"en": HOSTILE[0], "zh": HOSTILE[1]}})
    _write_yaml(data / "teams" / "finance-key-accounts.yaml", {"name": {"en": HOSTILE[2]}})
    taxonomy = yaml.safe_load((data / "taxonomy.yaml").read_text(encoding="utf-8"))
    taxonomy["industries"][0]["name"] = {"en": HOSTILE[3]}
    (data / "taxonomy.yaml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    generated = _account_pages(base_repo)
    for page in generated.values():
        rendered = render(page.markdown)
        assert (
            "<img" not in rendered
            and "<script" not in rendered
            and "javascript:" not in rendered.replace("javascript:alert(1))", "")
        )
    body = render(generated["accounts/by/industry-banking.md"].markdown).split("<tbody>", 1)[1]
    text = visible(body)
    assert f"{HOSTILE[1]} ({HOSTILE[0]})" in text
    assert HOSTILE[2] in text
    assert HOSTILE[3] in visible(render(generated["accounts/index.md"].markdown))


def test_accounts_lists_are_sorted_and_deterministic(base_repo: Path) -> None:
    _add_account(base_repo, "b-bank", "Beta", "smb", "south-region")
    _add_account(base_repo, "a-bank", "alpha", "smb", "south-region")
    context = site_context(base_repo)
    first = [page.markdown for page in accounts_index.pages(context)]
    context.playbook.accounts.reverse()
    context.playbook.teams.reverse()
    assert [page.markdown for page in accounts_index.pages(context)] == first
    energy = next(text for text in first if "\n# 能源" in text)
    assert energy.index("(../../accounts/a-bank.md)") < energy.index("(../../accounts/b-bank.md)")


def test_accounts_index_without_accounts(base_repo: Path) -> None:
    context = site_context(base_repo)
    context.playbook.accounts.clear()
    (page,) = accounts_index.pages(context)
    assert "There are no named accounts yet." in page.markdown


def test_accounts_index_in_chinese(base_repo: Path) -> None:
    index = _account_pages(base_repo, language="zh")["accounts/index.md"]
    assert index.title == "客户" and "## 全部客户" in index.markdown and "**按行业:**" in index.markdown


def test_accounts_lists_hold_no_personal_data_for_either_audience(base_repo: Path) -> None:
    for audience in AUDIENCES:
        for page in accounts_index.pages(site_context(base_repo, audience=audience)):
            assert "赵雷" not in page.markdown and "Zhao" not in page.markdown


# --- the rule reference -----------------------------------------------------------------


def test_every_rule_code_has_a_stable_anchor_on_its_family_page() -> None:
    generated = {page.path: page for page in pages.rule_pages(RULES)}
    for code, rule in RULES.items():
        page = generated[pages.family_page(code)]
        assert f"## {code} {rule.name} {{ #{code.lower()} }}" in page.markdown
        assert f'id="{code.lower()}"' in render(page.markdown)


def test_rule_index_links_every_code_to_an_anchor_that_exists() -> None:
    generated = {page.path: render(page.markdown) for page in pages.rule_pages(RULES)}
    links = re.findall(r'href="([a-z]+\.md)#([a-z0-9-]+)"', generated[pages.RULES_INDEX])
    assert sorted(anchor.upper() for _, anchor in links) == sorted(RULES)
    for target, anchor in links:
        assert f'id="{anchor}"' in generated[f"rules/{target}"]


def test_rule_pages_carry_the_four_sections_without_test_annotations() -> None:
    for page in pages.rule_pages(RULES)[1:]:
        codes = re.findall(r"^## (\S+) ", page.markdown, flags=re.M)
        for section in ("What it does", "Why is this bad?", "Example", "Use instead"):
            assert page.markdown.count(f"### {section} ") == len(codes), (page.path, section)
        assert "# expect:" not in page.markdown


def test_rule_pages_are_deterministic() -> None:
    reordered = dict(reversed(list(RULES.items())))
    assert pages.rule_pages(RULES) == pages.rule_pages(reordered)


def test_generated_pages_are_byte_for_byte_stable(base_repo: Path) -> None:
    first = generate(site_context(base_repo), RULES)
    second = generate(site_context(base_repo), RULES)
    assert [page.markdown.encode() for page in first] == [page.markdown.encode() for page in second]
    assert len({page.path for page in first}) == len(first)


def test_long_tables_are_split_into_numbered_sections() -> None:
    header = ["| A |", "| --- |"]
    assert table_sections(header, ["| 1 |", "| 2 |"], section_rows=5) == [LISTING, "", *header, "| 1 |", "| 2 |"]
    rows = [f"| {number} |" for number in range(1, 251)]
    lines = table_sections(header, rows)
    assert [line for line in lines if line.startswith("### ")] == ["### 1–100", "### 101–200", "### 201–250"]
    assert lines.count("| --- |") == 3
    assert lines.count(LISTING) == 3
    assert [line for line in lines if line.startswith("| ") and line not in header] == rows
    rendered = render("\n".join(lines))
    assert rendered.count("<table>") == 3


def test_a_listing_renders_as_the_table_alone() -> None:
    # The marker is a link reference definition: MkDocs' pages are the same with or without it.
    table = ["| Account | Tier |", "| --- | --- |", "| [Acme](acme.md) | key |"]
    page = ["# Accounts", "", "Intro.", "", *listing(table), "", "After."]
    without = ["# Accounts", "", "Intro.", "", *table, "", "After."]
    assert page[4] == LISTING
    assert render("\n".join(page)) == render("\n".join(without))
    assert "listing" not in render("\n".join(page))


def _listed(markdown: str) -> list[str]:
    """The first line of each table a page marks as a listing."""
    lines = markdown.split("\n")
    starts = [index for index, line in enumerate(lines) if line == LISTING]
    for index in starts:
        assert lines[index + 1] == "" and lines[index + 2].startswith("| "), lines[index : index + 3]
    return [lines[index + 2] for index in starts]


def test_listings_are_the_tables_that_name_what_has_its_own_page(base_repo: Path) -> None:
    generated = {page.path: page.markdown for page in generate(site_context(base_repo), RULES)}
    listed = {path: _listed(markdown) for path, markdown in generated.items()}
    assert listed["rules/index.md"] == ["| Code | Name | Severity | What it reports |"]
    assert [line.split(" | ")[0] for line in listed["coverage-matrix.md"]][:2] == ["| Industry", "| Government domain"]
    assert any(line.startswith("| Person |") for line in listed["coverage-matrix.md"])
    assert listed["teams/index.md"] and all(line.startswith("| Team |") for line in listed["teams/index.md"])
    assert listed["people/index.md"] and listed["accounts/by/industry-banking.md"]
    team = listed["teams/finance-key-accounts.md"]
    assert team[0].startswith("| Name |") and any(line.startswith("| Account |") for line in team)
    assert listed["people/amy-ar.md"] == ["| Account | Tier | Owning team |"]
    # An account page is the page a listing points to: all of it stays searchable.
    accounts = [path for path in generated if path.startswith("accounts/") and path.count("/") == 1]
    assert "accounts/acme.md" in accounts
    assert all(not listed[path] for path in accounts if path != "accounts/index.md")
    # No page holds the theme's listing of every tag: it grew with the playbook (see the tags page).
    assert not any("material/tags" in markdown for markdown in generated.values())
    # A team's KPIs and the tier reference are the playbook's own words, not listings.
    assert not any("| KPI |" in line for line in team)
    assert not listed["tiers-reference.md"]
