"""The site for its readers, without MkDocs: the home page's accounts at risk, an account page's
summary and tier criteria, contacts by reporting line, the source links and the governance
contact, and the small charts."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from playbook.models.account import Contact
from playbook.models.common import Name
from playbook.rules import RULES
from playbook.site import account_pages, overview_pages, svg_charts
from playbook.site.account_relationships import by_reporting_line
from playbook.site.context import SiteContext
from playbook.site.generate import generate, source_url
from playbook.site.signals import SIGNALS
from playbook.site.svg_draw import LEVELS, level_colour, level_text_colour
from playbook.site.tables import drop_empty_columns
from tests.examples import apply_example
from tests.site_markdown import HOSTILE, markdown_section, render, table_rows, visible
from tests.site_markdown import context as site_context
from tests.test_site_overview_pages import assert_links_resolve as site_links_resolve

AS_OF = date(2026, 10, 15)
#: Every signal raised on acme: a dimension and a key contact dropped, an action overdue, the
#: assessment older than the tier's cadence, no FR, the economic buyer without a backup.
AT_RISK = """\
# data/accounts/acme/account.yaml
iron_triangle: {ar: [amy-ar], sr: [sam-sr], fr: []}
contacts:
  - {id: zhao-lei, name: {zh: 赵雷, en: Zhao Lei}, title: CFO, buying_role: eb, owner: amy-ar}
  - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
actions:
  - {id: act-1, title: Executive visit, owner: amy-ar, due: 2026-09-01, status: planned, contact: zhao-lei}
# data/accounts/acme/assessments/2026-04-01.yaml
date: 2026-04-01
assessor: amy-ar
dimensions: {executive: 2, key-person: 3}
contacts: {zhao-lei: 2, qian-yu: 3}
# data/accounts/acme/assessments/2026-09-30.yaml
date: 2026-05-02
"""


def _context(root: Path, audience: str = "internal", as_of: date = AS_OF) -> SiteContext:
    return site_context(root, audience, "en", as_of)  # type: ignore[arg-type]


def _at_risk(root: Path) -> None:
    apply_example(root, AT_RISK, raw=False)
    old = root / "data/accounts/acme/assessments/2026-09-30.yaml"
    old.rename(old.with_name("2026-05-02.yaml"))


def _home(context: SiteContext) -> str:
    return next(page.markdown for page in overview_pages.pages(context) if page.path == "index.md")


# --- the home page ----------------------------------------------------------------------


def test_the_home_page_starts_with_the_health_line_and_the_accounts_at_risk(base_repo: Path) -> None:
    _at_risk(base_repo)
    markdown = _home(_context(base_repo))
    body = markdown.split("\n---\n", 1)[1]
    headings = re.findall(r"^## (.*)$", body, flags=re.M)
    assert headings[0] == "Strategic and key accounts at risk { #at-risk }"
    first = body.split("\n## ", 1)[0]
    assert "[0 gaps](coverage-matrix.md#commercial)" in first
    assert "ARs out of bounds](coverage-matrix.md#ar-load)" in first
    rows = table_rows(markdown_section(markdown, "Strategic and key accounts at risk"))
    assert rows[0] == [
        "Account", "Tier", "AR", "Relationship drop", "Overdue actions", "Stale assessment", "Iron triangle",
        "Key contacts without backup", "Errors",
    ]  # fmt: skip
    assert rows[1][:-1] == [
        "艾克美银行 (Acme Bank)", "Key", "陈艾米 (Amy Chen)", "▼ 2 dimensions, ▼ 2 contacts", "1 overdue",
        "166 days old", "no FR", "1 without backup",
    ]  # fmt: skip
    assert re.fullmatch(r"\d+ errors?", rows[1][-1])
    section = markdown_section(markdown, "Strategic and key accounts at risk")
    for anchor in ("relationship-trend", "action-plan", "iron-triangle", "contacts"):
        assert f"(accounts/acme.md#{anchor})" in section, anchor


def test_a_public_home_page_leaves_out_the_signals_about_people(base_repo: Path) -> None:
    _at_risk(base_repo)
    markdown = _home(_context(base_repo, "public"))
    rows = table_rows(markdown_section(markdown, "Strategic and key accounts at risk"))
    assert "Relationship drop" not in rows[0] and "Key contacts without backup" not in rows[0]
    assert "Stale assessment" in rows[0]
    # Its stale flag leads to the findings: a public page has no relationships section.
    assert "(accounts/acme.md#findings)" in markdown
    assert "levels-picture" not in markdown and "<svg" in markdown


def test_no_account_at_risk_is_said(base_repo: Path) -> None:
    markdown = _home(_context(base_repo, as_of=date(2026, 10, 1)))
    section = markdown_section(markdown, "Strategic and key accounts at risk")
    assert "shows a risk signal" in section and "<table" not in render(section)


def test_every_link_of_the_site_resolves_for_both_audiences(base_repo: Path) -> None:
    _at_risk(base_repo)
    for audience in ("internal", "public"):
        context = _context(base_repo, audience)
        pages = {page.path: page for page in generate(context, RULES) if not page.path.startswith("snippets/")}
        assert site_links_resolve(context, pages) > 100


def test_the_pictures_are_drawn_and_escaped(base_repo: Path) -> None:
    markdown = _home(_context(base_repo))
    pictures = markdown_section(markdown, "The portfolio in pictures")
    assert pictures.count("<svg") == 2
    bars = svg_charts.stacked_bars("t", [svg_charts.Bar(HOSTILE, [1, 2])], [HOSTILE, "b"], "en")
    columns = svg_charts.level_columns("t", [HOSTILE], [Counter({-1: 1, 3: 2})], "en")
    for chart in (bars, columns):
        assert "<img" not in chart and "<script" not in chart
        ET.fromstring(chart)


# --- an account page --------------------------------------------------------------------


def _account(root: Path, **kwargs: object) -> str:
    context = _context(root, **kwargs)  # type: ignore[arg-type]
    return next(page.markdown for page in account_pages.pages(context) if page.path == "accounts/acme.md")


def test_an_account_page_opens_on_its_summary(base_repo: Path) -> None:
    _at_risk(base_repo)
    apply_example(base_repo, "# data/accounts/acme/account.yaml\nnotes: Met the board in May.\n", raw=False)
    markdown = _account(base_repo)
    headings = [re.sub(r" \{ #[\w-]+ \}$", "", h) for h in re.findall(r"^## (.*)$", markdown, flags=re.M)]
    assert headings[:3] == ["Summary", "Facts", "Tier criteria"]
    summary = visible(render(markdown_section(markdown, "Summary")))
    assert summary.startswith("Met the board in May.")
    assert "Health: ▼ 2 dimensions, ▼ 2 contacts 1 overdue 166 days old no FR 1 without backup" in summary
    assert "Open actions: 2026-09-01: Executive visit (陈艾米 (Amy Chen); planned overdue)" in summary
    assert "open 800 CNY 10k in 1 opportunity, weighted by stage 320 CNY 10k" in summary
    public = visible(render(markdown_section(_account(base_repo, audience="public"), "Summary")))
    assert "Met the board" not in public and "without backup" not in public and "dimensions" not in public


def test_won_deals_are_apart_from_the_open_pipeline(base_repo: Path) -> None:
    taxonomy = base_repo / "data/taxonomy.yaml"
    data = yaml.safe_load(taxonomy.read_text(encoding="utf-8"))
    data["stages"].append(
        {"id": "delivery", "name": {"en": "Delivery"}, "checkpoint": "Accepted", "win_probability": 100}
    )
    taxonomy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    apply_example(
        base_repo,
        "# data/accounts/acme/account.yaml\nopportunities:\n"
        "  - {id: opp-1, title: Core banking cloud, stage: solution, amount: 800}\n"
        "  - {id: opp-0, title: Old platform, stage: delivery, amount: 3500, close: 2025-11-20}\n",
        raw=False,
    )
    markdown = _account(base_repo)
    summary = visible(render(markdown_section(markdown, "Summary")))
    assert "open 800 CNY 10k in 1 opportunity, weighted by stage 320 CNY 10k; won 3,500 CNY 10k" in summary
    section = visible(render(markdown_section(markdown, "Opportunities")))
    assert "Open pipeline: 800 CNY 10k; weighted by each stage's win probability: 320 CNY 10k." in section
    assert "Won: 3,500 CNY 10k." in section
    assert section.index("Solution") < section.index("Won") and "4,300" not in section


@pytest.mark.parametrize(
    ("metrics", "exception", "status"),
    [
        ({"annual-revenue": 120}, None, "met"),
        ({"annual-revenue": 20}, None, "not met"),
        ({}, None, "not measured"),
        ({"annual-revenue": 20}, {"expires": "2027-01-01"}, "not met, covered by the exception"),
        ({"annual-revenue": 20}, {"expires": "2026-01-01"}, "not met, the exception expired on 2026-01-01"),
    ],
)
def test_each_metric_against_its_tier_criteria(
    base_repo: Path, metrics: dict[str, float], exception: dict[str, str] | None, status: str
) -> None:
    account = base_repo / "data/accounts/acme/account.yaml"
    data = yaml.safe_load(account.read_text(encoding="utf-8"))
    data["metrics"] = metrics
    if exception is not None:
        data["exception"] = {"reason": "Showcase", "approved_by": "nina-lead", "approved_on": "2025-12-01", **exception}
    account.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rows = table_rows(markdown_section(_account(base_repo), "Tier criteria"))
    assert rows[0] == ["Metric", "Value", "Criterion", "Status"]
    assert rows[1][3] == status
    assert rows[1][2].startswith("≥ ")


def test_contacts_follow_the_data_order_grouped_by_reporting_line() -> None:
    def contact(contact_id: str, reports_to: str | None = None) -> Contact:
        return Contact(id=contact_id, name=Name(en=contact_id), title="T", buying_role="eb", reports_to=reports_to)

    people = [
        contact("c", "a"),
        contact("b"),
        contact("a"),
        contact("d", "c"),
        contact("e", "a"),
        contact("x", "y"),  # reports to someone not on the map
        contact("p", "q"),
        contact("q", "p"),  # a loop
    ]
    ordered = [(person.id, depth) for person, depth in by_reporting_line(people)]
    assert ordered == [("b", 0), ("a", 0), ("c", 1), ("d", 2), ("e", 1), ("x", 0), ("p", 0), ("q", 1)]


def test_our_people_link_to_their_pages_and_the_page_to_its_source(base_repo: Path) -> None:
    markdown = _account(base_repo)
    triangle = markdown_section(markdown, "Iron triangle")
    assert "[陈艾米 \\(Amy Chen\\)](../people/amy-ar.md)" in triangle
    facts = markdown_section(markdown, "Facts")
    assert "data/accounts/acme/account\\.yaml" in facts


def test_the_source_address_comes_from_mkdocs_yml(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "repo_url: https://git.example.com/team/playbook\nedit_uri: -/blob/main/docs/\n", encoding="utf-8"
    )
    assert source_url(tmp_path) == "https://git.example.com/team/playbook/-/blob/main/"
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert source_url(tmp_path) is None
    (tmp_path / "mkdocs.yml").write_text("repo_url: javascript:alert(1)\nedit_uri: x/\n", encoding="utf-8")
    assert source_url(tmp_path) is None


def test_contributing_names_the_governance_contact(base_repo: Path) -> None:
    settings = base_repo / "playbook.yaml"
    settings.write_text("governance: ['@acme/sales-ops', '<b>x</b>']\n", encoding="utf-8")
    pages = {page.path: page for page in generate(_context(base_repo), RULES)}
    snippet = render(pages["snippets/governance.md"].markdown)
    assert "<code>@acme/sales-ops</code>" in snippet and "<b>" not in snippet


# --- small parts ------------------------------------------------------------------------


def test_a_column_nobody_filled_in_is_left_out() -> None:
    titles, rows = drop_empty_columns(["Name", "Email", "Title"], [["a", "", "t"], ["b", "", ""]])
    assert titles == ["Name", "Title"] and rows == [["a", "t"], ["b", ""]]
    titles, rows = drop_empty_columns(["Name", "Email"], [["", ""]], keep=1)
    assert titles == ["Name"]


def test_the_level_colours_differ_in_lightness_and_keep_their_text_legible() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    supports = [luminance(level_colour(level)) for level in (0, 1, 2, 3)]
    # From neutral to coach each step is darker: told apart without hue, as in grey.
    assert all((earlier + 0.05) > (later + 0.05) * 1.4 for earlier, later in itertools.pairwise(supports))
    for level in LEVELS:
        background, ink = luminance(level_colour(level)), luminance(level_text_colour(level))
        light, dark = max(background, ink), min(background, ink)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, level


def test_every_signal_has_a_label_and_a_place() -> None:
    from playbook.site.dashboard import LABELS
    from playbook.site.signals import ANCHORS

    assert all(f"signal_{signal}" in LABELS and signal in ANCHORS for signal in SIGNALS)


def test_the_heat_map_marks_drops_and_stale_dates_with_key_columns_first(base_repo: Path) -> None:
    _at_risk(base_repo)
    markdown = next(
        page.markdown for page in overview_pages.pages(_context(base_repo)) if page.path == "relationships-heatmap.md"
    )
    rows = table_rows(markdown.split("{ #tier-key }", 1)[1])
    assert rows[0] == ["Account", "Average", "Executive", "Key people", "Assessed", "Owning team"]
    assert rows[1][0] == "艾克美银行 (Acme Bank)"
    assert rows[1][4] == "2026-05-02 stale: 166 days"
    rendered = render(markdown)
    assert rendered.count('class="pb-heat pb-drop"') == 2
    assert "pb-stale" in rendered


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_hostile_names_are_text_on_the_account_lists_and_the_summary(base_repo: Path, audience: str) -> None:
    from playbook.site import accounts_index
    from tests.test_site_overview_pages import _hostile_repo

    _hostile_repo(base_repo)
    _at_risk(base_repo)
    context = _context(base_repo, audience)
    pages = [*accounts_index.pages(context), *account_pages.pages(context)]
    assert any(page.path.startswith("accounts/by/") for page in pages)
    for page in pages:
        rendered = render(page.markdown)
        assert not re.search(r"<img\b|<script\b|<[^>]*\sonerror\s*=|href=\"javascript", rendered), page.path
        assert 'class="x"' not in rendered, page.path
