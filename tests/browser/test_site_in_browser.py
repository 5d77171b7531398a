"""The built sample site in Chromium: pages load cleanly and offline, the account page draws its
charts, search finds accounts in Chinese and English, the coverage matrix shows a gap, and the
public site carries no contact's name."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser import sites
from tests.browser.conftest import GapSite, Site, Tab

ACCOUNT = sites.strategic_account()

PAGES = {
    "home": "index.html",
    "accounts": "accounts/index.html",
    "rules": "rules/index.html",
    "account": f"accounts/{ACCOUNT.id}.html",
    "team": f"teams/{ACCOUNT.owner}.html",
    "coverage-matrix": "coverage-matrix.html",
}

#: Every table of a page: its rows, each a list of cells with their text, whether they are
#: marked as a gap, and where their links lead.
_TABLES = """
() => [...document.querySelectorAll("table")].map((table) => [...table.rows].map((row) => [...row.cells].map(
  (cell) => ({
    text: cell.textContent.replace(/\\s+/g, " ").trim(),
    gap: cell.matches("td.pb-gap"),
    links: [...cell.querySelectorAll("a[href]")].map((a) => a.href),
  })
)))
"""


# --- every page -------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_loads_without_errors_or_other_hosts(tab: Tab, internal_site: Site, path: str) -> None:
    tab.open(internal_site, path)
    tab.page.wait_for_load_state("networkidle")
    expect(tab.page.locator("article h1").first).to_be_visible()
    tab.assert_clean()


# --- the account page -------------------------------------------------------------------


def test_account_page_draws_the_power_map_and_the_trend(tab: Tab, internal_site: Site) -> None:
    tab.open(internal_site, f"accounts/{ACCOUNT.id}.html")
    power_map = tab.page.locator("svg.pb-power-map").first
    expect(power_map).to_be_visible()
    drawn = power_map.text_content() or ""
    people = [contact.id for contact in ACCOUNT.contacts if any(name in drawn for name in contact.names)]
    assert len(people) >= min(3, len(ACCOUNT.contacts)), f"the power map shows only {people}"
    expect(tab.page.locator("svg.pb-trend").first).to_be_visible()
    tab.assert_clean()


def test_a_person_of_ours_on_the_power_map_leads_to_their_page(tab: Tab, internal_site: Site) -> None:
    tab.open(internal_site, f"accounts/{ACCOUNT.id}.html")
    link = tab.page.locator("svg.pb-power-map a.pb-person-link").first
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    name = (link.locator("tspan").first.text_content() or "").strip()
    assert name
    link.click()
    tab.page.wait_for_url(re.compile(r"/people/[a-z0-9-]+\.html$"))
    expect(tab.page.locator("article h1").first).to_contain_text(name)
    tab.assert_clean()


# --- search -----------------------------------------------------------------------------

QUERIES = {
    "zh-name": ACCOUNT.named.zh,
    "zh-first-4": ACCOUNT.named.zh[:4],
    "en-name": ACCOUNT.named.en,
}


@pytest.mark.parametrize("query", QUERIES.values(), ids=QUERIES.keys())
def test_search_finds_the_account(tab: Tab, internal_site: Site, query: str) -> None:
    tab.open(internal_site, "index.html")
    search = tab.page.locator(".md-search__input")
    search.click()
    search.fill(query)
    # Material reads the query on keyup (typing through an input method ends with one too).
    search.press("End")
    results = tab.page.locator(".md-search-result__item")
    results.first.wait_for()
    wanted = f"/accounts/{ACCOUNT.id}.html"
    found = tab.page.locator(f'.md-search-result__item a[href*="{wanted}"]')
    try:
        found.first.wait_for(state="attached", timeout=3_000)
    except PlaywrightError:
        links = [urlsplit(href).path for href in results.locator("a[href]").evaluate_all("as => as.map(a => a.href)")]
        pytest.fail(f"searching {query!r} does not find {wanted}; results: {links}", pytrace=False)
    tab.assert_clean()


# --- coverage ---------------------------------------------------------------------------


def _gap_cells(tab: Tab, site: Site, region: sites.Named) -> list[dict[str, Any]]:
    """The cells marked as gaps in the coverage matrix's columns for ``region``."""
    tab.open(site, "coverage-matrix.html")
    expect(tab.page.locator("table").first).to_be_attached()
    gaps = []
    for rows in tab.page.evaluate(_TABLES):
        if not rows:
            continue
        columns = [index for index, head in enumerate(rows[0]) if _names(head["text"], region)]
        gaps += [row[index] for row in rows[1:] for index in columns if index < len(row) and row[index]["gap"]]
    return gaps


def _names(header: str, region: sites.Named) -> bool:
    """Whether a column header names the region (``华北``, ``North China``, ``华北 (North China)``…)."""
    if header == region.id:
        return True
    for name in region.names:
        if name.isascii():
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", header):
                return True
        elif name in header:
            return True
    return False


def test_coverage_matrix_marks_a_gap_and_links_to_its_cause(tab: Tab, internal_site: Site, gap_site: GapSite) -> None:
    region = gap_site.region
    before = _gap_cells(tab, internal_site, region)
    assert not before, f"the sample already has a gap in {region.id}: {before}"
    cells = _gap_cells(tab, gap_site.site, region)
    assert cells, f"no td.pb-gap in the column of region {region.id} once {gap_site.team.id} is removed"
    tab.assert_clean()
    for cell in cells:
        assert cell["links"], f"the gap cell {cell['text']!r} links to nothing"
    for link in sorted({link for cell in cells for link in cell["links"]}):
        assert _resolves(gap_site.site, link), f"a gap cell links to {link}, which is not in the site"


def _resolves(site: Site, link: str) -> bool:
    """Whether a link points at a page of the site and, with a fragment, at an element of that page."""
    target, base = urlsplit(link), urlsplit(site.url)
    if (target.scheme, target.netloc) != (base.scheme, base.netloc) or not target.path.startswith(f"{base.path}/"):
        return False
    page = site.folder / target.path.removeprefix(f"{base.path}/")
    if not page.is_file():
        return False
    return not target.fragment or f'id="{target.fragment}"' in page.read_text(encoding="utf-8")


# --- the public site --------------------------------------------------------------------


def _contact_names(root: Path) -> set[str]:
    return {name for account in sites.sample_accounts(root) for contact in account.contacts for name in contact.names}


def _readable(text: str) -> str:
    """Text as a reader (or a search) sees it: entities decoded, Chinese segmentation marks dropped."""
    return html.unescape(text).replace("\u200b", "")


def _texts(site: Path) -> dict[str, str]:
    texts = {page.relative_to(site).as_posix(): page.read_text(encoding="utf-8") for page in site.rglob("*.html")}
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts["search/search_index.json"] = " ".join(
        f"{doc.get('title', '')} {doc.get('text', '')}" for doc in index.get("docs", [])
    )
    return {path: _readable(text) for path, text in texts.items()}


def test_internal_account_page_names_its_contacts(internal_site: Site) -> None:
    """The other side of the public check below: the names it looks for are the ones a site shows."""
    page = internal_site.folder / "accounts" / f"{ACCOUNT.id}.html"
    assert page.is_file(), f"no page {page.relative_to(internal_site.folder)}"
    text = _readable(page.read_text(encoding="utf-8"))
    named = [contact.id for contact in ACCOUNT.contacts if any(name in text for name in contact.names)]
    assert named, f"the internal page of {ACCOUNT.id} names none of its {len(ACCOUNT.contacts)} contacts"


def test_public_site_names_no_contact(public_site: Site, sample_root: Path) -> None:
    names = _contact_names(sample_root)
    assert names, "the sample has no contacts to look for"
    texts = _texts(public_site.folder)
    assert len(texts) > 10
    leaks = sorted(f"{path}: {name}" for path, text in texts.items() for name in names if name in text)
    assert not leaks, f"{len(leaks)} contact names on the public site:\n" + "\n".join(leaks[:40])


def test_public_account_page_has_no_power_map(tab: Tab, public_site: Site) -> None:
    tab.open(public_site, f"accounts/{ACCOUNT.id}.html")
    names = "|".join(re.escape(name) for name in ACCOUNT.named.names)
    expect(tab.page.locator("article h1").first).to_contain_text(re.compile(names))
    expect(tab.page.locator("svg.pb-power-map")).to_have_count(0)
    tab.assert_clean()
