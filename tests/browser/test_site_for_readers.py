"""The sample site as its readers meet it, in Chromium at 1400×1000: answers on the first
screen, key columns in view, and no serious or critical accessibility violation (axe-core, in
both colour schemes) on the pages people use most."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser import sites
from tests.browser.conftest import TIMEOUT_MS, Site, _foreign

ACCOUNT = sites.strategic_account()
WIDTH, HEIGHT = 1400, 1000
#: The pages axe checks: the home page, an account, a team, a person, the matrix, the heat map.
AXE_PAGES = {
    "home": "index.html",
    "account": f"accounts/{ACCOUNT.id}.html",
    "team": f"teams/{ACCOUNT.owner}.html",
    "person": "people/{person}.html",
    "coverage-matrix": "coverage-matrix.html",
    "heat-map": "relationships-heatmap.html",
}
SCHEMES = {"light": "light", "slate": "dark"}
#: The impacts the site must not have.
BLOCKING = ("serious", "critical")


def _first_ar(root: Path = sites.PROJECT) -> str:
    data = yaml.safe_load((root / "data" / "accounts" / ACCOUNT.id / "account.yaml").read_text(encoding="utf-8"))
    return str(data["iron_triangle"]["ar"][0])


@pytest.fixture
def wide(browser: Browser) -> Iterator[Page]:
    """A page at 1400×1000 in the light scheme, kept off other hosts."""
    yield from _page(browser, "light")


def _page(browser: Browser, scheme: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, color_scheme=scheme)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.route(_foreign, lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def _open(page: Page, site: Site, path: str) -> None:
    response = page.goto(site.url_of(path), wait_until="networkidle")
    assert response is not None and response.ok, path


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


# --- the first screen -------------------------------------------------------------------


def test_the_home_page_opens_on_the_accounts_at_risk(wide: Page, internal_site: Site) -> None:
    _open(wide, internal_site, "index.html")
    heading = _box(wide, "#at-risk")
    table = _box(wide, "#at-risk ~ .md-typeset__scrollwrap table")
    assert heading["y"] < HEIGHT / 2, f"the at-risk heading starts at {heading['y']} px"
    # The table's header and its first rows are on the first screen.
    first_rows = wide.locator("#at-risk ~ .md-typeset__scrollwrap table tbody tr")
    assert first_rows.count() >= 1
    row = first_rows.first.bounding_box()
    assert row is not None and row["y"] + row["height"] <= HEIGHT, f"the first row ends at {row}"
    assert table["y"] < HEIGHT
    # Each flag links to the account page, at the part where it shows.
    flags = wide.locator("#at-risk ~ .md-typeset__scrollwrap a.pb-flag")
    assert flags.count() >= 1
    href = flags.first.get_attribute("href") or ""
    assert href.startswith("accounts/") and "#" in href, href


def test_an_account_page_opens_on_its_summary(wide: Page, internal_site: Site) -> None:
    _open(wide, internal_site, f"accounts/{ACCOUNT.id}.html")
    summary = wide.locator("#summary")
    expect(summary).to_be_visible()
    # The summary's list (health, pipeline, open actions) ends within the first screen.
    last = wide.locator("#summary ~ ul").first.bounding_box()
    assert last is not None and last["y"] + last["height"] <= HEIGHT, f"the summary ends at {last}"
    text = wide.locator("#summary ~ ul").first.inner_text()
    assert "Pipeline" in text and "Open actions" in text and "Health" in text
    assert "weighted by stage" in text


# --- key columns in view ----------------------------------------------------------------

#: A table (found by the heading before it) and the header cells that must be in view.
KEY_COLUMNS = {
    "contacts": (
        f"accounts/{ACCOUNT.id}.html",
        "#contacts",
        ("Name", "Buying role", "Level", "Our owner", "Our backup"),
    ),
    "heat-map": ("relationships-heatmap.html", "#tier-strategic", None),
    "matrix": ("coverage-matrix.html", "#commercial", None),
}


@pytest.mark.parametrize("name", KEY_COLUMNS)
def test_no_key_column_is_out_of_view(wide: Page, internal_site: Site, name: str) -> None:
    path, heading, wanted = KEY_COLUMNS[name]
    _open(wide, internal_site, path)
    wrap = wide.locator(f"{heading} ~ .md-typeset__scrollwrap").first
    wrap.scroll_into_view_if_needed()
    frame = wrap.bounding_box()
    assert frame is not None
    headers = wrap.locator("th")
    shown: list[str] = []
    for index in range(headers.count()):
        cell = headers.nth(index)
        words = " ".join(cell.inner_text().split())
        if wanted is not None and words not in wanted:
            continue
        box = cell.bounding_box()
        assert box is not None, words
        assert box["x"] >= frame["x"] - 1 and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1, (
            f"{name}: column {words!r} is out of view ({box['x']:.0f}–{box['x'] + box['width']:.0f} px)"
        )
        assert box["x"] + box["width"] <= WIDTH, f"{name}: column {words!r} is beyond the window"
        shown.append(words)
    assert shown and (wanted is None or set(wanted) <= set(shown)), shown


def test_wide_tables_keep_their_first_column_and_take_the_keyboard(wide: Page, internal_site: Site) -> None:
    _open(wide, internal_site, f"accounts/{ACCOUNT.id}.html")
    first = wide.locator("#contacts ~ .md-typeset__scrollwrap td").first
    assert first.evaluate("cell => getComputedStyle(cell).position") == "sticky"
    wrap = wide.locator("#contacts ~ .md-typeset__scrollwrap").first
    assert wrap.get_attribute("tabindex") == "0"


# --- accessibility ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", AXE_PAGES)
def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, internal_site: Site, axe: Axe, name: str, scheme: str
) -> None:
    path = AXE_PAGES[name].format(person=_first_ar())
    for page in _page(browser, SCHEMES[scheme]):
        _open(page, internal_site, path)
        expected = "slate" if scheme == "slate" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        results = axe.run(page)
        blocking = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:5])
            for violation in results.response["violations"]
            if violation.get("impact") in BLOCKING
        ]
        assert not blocking, f"{path} in {scheme}:\n" + "\n".join(blocking)
