"""playbook build --engine: the same staged pages built by Zensical instead of MkDocs.

One Zensical build of the base fixture is shared by the tests that read it; the other tests
run Zensical on a one-page folder, or not at all.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from playbook.errors import PlaybookError
from playbook.site import engine, zensical
from playbook.site.tables import LISTING, listing
from tests.test_site_build import Built, assert_loads_nothing_from_another_host, make_repository, run, snapshot

TODAY = "2026-10-15"
_GENERATOR = '<meta name="generator" content="zensical-'
#: A team name that would run a script if a template forgot to escape it.
HOSTILE = "</title><script>alert(8)</script> <img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The base fixture, with one hostile team name, built once with Zensical."""
    root = make_repository(tmp_path_factory.mktemp("zensical") / "repo")
    team = root / "data" / "teams" / "delivery.yaml"
    data = yaml.safe_load(team.read_text(encoding="utf-8"))
    data["name"] = {"en": HOSTILE}
    team.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site = root.parent / "out" / "site"
    docs_before = snapshot(root / "docs")
    result = run("--root", root, "build", "--engine", "zensical", "--site-dir", site, "--today", TODAY)
    return Built(root, site, result, docs_before)


def test_zensical_build_succeeds_and_says_where(built: Built) -> None:
    assert built.run.code == 0, built.run.stderr
    assert str(built.site) in built.run.stdout
    assert _GENERATOR in (built.site / "index.html").read_text(encoding="utf-8")


def test_zensical_site_has_the_pages_at_the_same_addresses(built: Built) -> None:
    # use_directory_urls: false holds: accounts/acme.html, not accounts/acme/index.html.
    for page in (
        "index.html",
        "accounts/index.html",
        "coverage-matrix.html",
        "teams/finance-key-accounts.html",
        "people/amy-ar.html",
        "rules/index.html",
    ):
        assert (built.site / page).is_file(), page
    assert not (built.site / "accounts" / "acme").exists()
    account = (built.site / "accounts" / "acme.html").read_text(encoding="utf-8")
    assert _GENERATOR in account
    assert 'class="pb-power-map"' in account and 'class="pb-trend"' in account
    assert 'class="md-tag"' in account
    # A tag leads to the list of the accounts that carry it, with no listing of every tag.
    assert '<a href="by/tier-key.html" class="md-tag">Key</a>' in account
    assert (built.site / "accounts" / "by" / "tier-key.html").is_file()
    assert "艾克美银行 (Acme Bank)" in account
    assert 'href="../stylesheets/playbook.css"' in account


def test_zensical_site_keeps_account_pages_out_of_the_nav(built: Built) -> None:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "accounts/acme.html" not in home.split('class="md-content"', 1)[0]


def test_zensical_site_loads_nothing_from_another_host(built: Built) -> None:
    assert_loads_nothing_from_another_host(built.site)


def test_zensical_site_shows_hostile_text_as_text(built: Built) -> None:
    page = (built.site / "teams" / "delivery.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;alert(8)" in page
    for path in [*built.site.rglob("*.html"), built.site / "search.json"]:
        assert not re.search(r"<script>alert|<img src=x", path.read_text(encoding="utf-8")), path


def test_zensical_build_leaves_the_repository_untouched(built: Built) -> None:
    assert snapshot(built.root / "docs") == built.docs_before
    assert not (built.root / "site").exists()
    assert not (built.root / zensical.CONFIG).exists()
    assert not (built.root / ".cache").exists()


def _entries(site: Path) -> dict[str, str]:
    """Zensical's search entries: each section's address and the text search finds it by."""
    items = json.loads((site / "search.json").read_text(encoding="utf-8"))["items"]
    return {item["location"]: f"{item['title']} {item['text']}" for item in items}


def test_zensical_shows_listings_but_leaves_them_out_of_search(built: Built) -> None:
    entries = _entries(built.site)
    team = "金融大客户部 (Finance Key Accounts)"
    matrix = (built.site / "coverage-matrix.html").read_text(encoding="utf-8")
    assert team in matrix and "pb-cell pb-ok" in matrix and "<table>" in matrix
    assert "coverage-matrix.html#commercial" in entries
    assert not any(team in text for location, text in entries.items() if location.startswith("coverage-matrix.html"))
    rules = (built.site / "rules" / "index.html").read_text(encoding="utf-8")
    assert 'href="ref.html#ref001"' in rules
    assert "REF001" not in entries["rules/index.html"] and "Rule reference" in entries["rules/index.html"]
    # What a listing names is found on its own page, and account pages are searched in full.
    assert team in entries["teams/finance-key-accounts.html"]
    assert any("REF001" in text for location, text in entries.items() if location.startswith("rules/ref.html"))
    acme = [text for location, text in entries.items() if location.startswith("accounts/acme.html")]
    assert "艾克美银行 (Acme Bank)" in " ".join(acme) and len(acme) > 5
    assert not any("data-search-exclude" in path.read_text(encoding="utf-8") for path in built.site.rglob("*.html"))


def _one_page_site(folder: Path, markdown: str) -> Path:
    """A staged config and docs folder holding one page; the config's path."""
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text(markdown, encoding="utf-8")
    (folder / "docs" / "other.md").write_text("# Other\n", encoding="utf-8")
    config = folder / "mkdocs.yml"
    settings = {
        "site_name": "T",
        "docs_dir": str(folder / "docs"),
        "site_dir": str(folder / "site"),
        "markdown_extensions": ["tables"],
        # A separator of the site's own, as mkdocs.yml has, makes Zensical count bytes, not words.
        "plugins": [{"search": {"separator": r"[\s\-]+"}}],
    }
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return config


def test_a_listing_too_big_for_zensicals_search_entry_still_builds(tmp_path: Path) -> None:
    # About 1,030 entries give 2 ** (30 - 11) = 524,288 bytes per entry; the table holds more.
    headings = [line for number in range(1030) for line in (f"## Part {number}", "", f"Text {number}.", "")]
    table = ["| Account | Note |", "| --- | --- |"]
    table += [f"| [Account {number:05d}](other.md) | {'x' * 80} |" for number in range(7000)]
    plain = _one_page_site(tmp_path / "plain", "\n".join(["# Big", "", *table, "", *headings]))
    with pytest.raises(PlaybookError, match="exceeds the search index limit"):
        engine.build(plain, None, "zensical")
    listed = _one_page_site(tmp_path / "listed", "\n".join(["# Big", "", *listing(table), "", *headings]))
    engine.build(listed, None, "zensical")
    entries = _entries(tmp_path / "listed" / "site")
    # The home page's address is the site's root: "", and "#part-1029" for its last section.
    assert "Account 06999" not in entries[""] and "Text 1029." in entries["#part-1029"]
    assert "Account 06999" in (tmp_path / "listed" / "site" / "index.html").read_text(encoding="utf-8")


def test_a_listing_in_a_folded_block_stays_out_of_zensicals_search_and_shows(tmp_path: Path) -> None:
    # The coverage matrix folds the regions below a big one into a block, each with its table.
    table = ["| Region | Team |", "| --- | --- |", "| Shaanxi | [Northwest Region](other.md) |"]
    folded = ['??? note "The regions below it"', "", *(f"    {line}" if line else "" for line in listing(table))]
    config = _one_page_site(tmp_path, "\n".join(["# Home", "", "## Matrix", "", "Open a region.", "", *folded, ""]))
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    settings["markdown_extensions"] = ["tables", "admonition", "pymdownx.details"]
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    rewritten = zensical.without_listings((tmp_path / "docs" / "index.md").read_text(encoding="utf-8"))
    assert "\n    <div data-search-exclude markdown>\n\n    | Region | Team |" in rewritten
    engine.build(config, None, "zensical")
    entries = _entries(tmp_path / "site")
    assert "Open a region." in entries["#matrix"] and "Northwest Region" not in entries["#matrix"]
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<details" in page and "<table>" in page and "Northwest Region" in page
    assert "data-search-exclude" not in page


def test_a_broken_link_in_a_listing_still_fails_the_zensical_build(tmp_path: Path) -> None:
    table = ["| Account |", "| --- |", "| [Gone](missing.md) |"]
    config = _one_page_site(tmp_path, "\n".join(["# Home", "", *listing(table), ""]))
    with pytest.raises(PlaybookError, match="page does not exist"):
        engine.build(config, None, "zensical")


def test_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    result = run("--root", root, "build", "--engine", "hugo", "--site-dir", tmp_path / "site")
    assert result.code == 2
    assert "--engine" in result.stderr and "zensical" in result.stderr
    assert not (tmp_path / "site").exists()


def test_engine_build_refuses_an_unknown_engine(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="unknown site engine"):
        engine.build(tmp_path / "mkdocs.yml", None, "hugo")  # type: ignore[arg-type]


def test_a_broken_link_fails_the_zensical_build_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n\nSee [nowhere](missing.md).\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    settings = {"site_name": "T", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")}
    config.write_text(yaml.safe_dump(settings), encoding="utf-8")
    with pytest.raises(PlaybookError) as failure:
        engine.build(config, None, "zensical")
    message = str(failure.value)
    assert message.startswith("Zensical could not build the site")
    assert "index.md:3:15: page does not exist" in message
    assert str(tmp_path) not in message and "Traceback" not in message


# --- the Zensical config and messages, without Zensical ---------------------------------


def test_zensical_config_names_folders_relative_and_turns_fonts_off(tmp_path: Path) -> None:
    staged = {
        "site_name": "S",
        "docs_dir": str(tmp_path / "docs"),
        "site_dir": str(tmp_path / "site"),
        "theme": {"name": "material", "language": "zh"},
        "not_in_nav": "/accounts/*.md",
    }
    adapted = zensical.config(staged, tmp_path)
    assert adapted["docs_dir"] == "docs" and adapted["site_dir"] == "site"
    assert adapted["theme"] == {"name": "material", "language": "zh", "font": False}
    assert adapted["not_in_nav"] == "/accounts/*.md"
    assert adapted["markdown_extensions"] == ["md_in_html"]
    assert staged["theme"] == {"name": "material", "language": "zh"}


@pytest.mark.parametrize(
    ("extensions", "expected"),
    [
        (["tables", {"toc": {"permalink": True}}], ["tables", {"toc": {"permalink": True}}, "md_in_html"]),
        (["md_in_html", "tables"], ["md_in_html", "tables"]),
        ([{"md_in_html": None}], [{"md_in_html": None}]),
        ({"toc": {"permalink": True}}, {"toc": {"permalink": True}, "md_in_html": {}}),
    ],
)
def test_zensical_config_reads_markdown_inside_html(tmp_path: Path, extensions: object, expected: object) -> None:
    staged = {"site_name": "S", "markdown_extensions": extensions}
    assert zensical.config(staged, tmp_path)["markdown_extensions"] == expected


def test_without_listings_puts_each_listed_table_in_a_block_search_skips() -> None:
    table = ["| A | B |", "| --- | --- |", "| 1 | 2 |"]
    markdown = "\n".join(["# T", "", "Intro.", "", *listing(table), "", "## Next", "", *listing(table), ""])
    rewritten = zensical.without_listings(markdown)
    assert LISTING not in rewritten
    assert rewritten.count("<div data-search-exclude markdown>") == 2 and rewritten.count("</div>") == 2
    block = rewritten.split("<div data-search-exclude markdown>")[1].split("</div>")[0]
    assert block.strip().split("\n") == table
    assert rewritten.split("<div")[0].rstrip() == "# T\n\nIntro."
    assert "## Next" in rewritten.split("</div>")[1]
    assert zensical.without_listings("# T\n\n| A |\n| --- |\n") == "# T\n\n| A |\n| --- |\n"
    assert zensical.without_listings(f"# T\n\n{LISTING}\n\nNo table.\n") == "# T\n\nNo table.\n"


def test_prepare_writes_the_config_and_rewrites_only_pages_with_listings(tmp_path: Path) -> None:
    table = ["| A |", "| --- |", "| 1 |"]
    config = _one_page_site(tmp_path, "\n".join(["# Home", "", *listing(table), ""]))
    other = (tmp_path / "docs" / "other.md").read_bytes()
    target = zensical.prepare(config)
    assert target == tmp_path / zensical.CONFIG
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["markdown_extensions"] == ["tables", "md_in_html"]
    assert "<div data-search-exclude markdown>" in (tmp_path / "docs" / "index.md").read_text(encoding="utf-8")
    assert (tmp_path / "docs" / "other.md").read_bytes() == other


def test_zensical_config_refuses_a_site_outside_the_staging_folder(tmp_path: Path) -> None:
    staged = {"site_name": "S", "docs_dir": str(tmp_path / "stage" / "docs"), "site_dir": str(tmp_path / "site")}
    with pytest.raises(PlaybookError, match="site_dir"):
        zensical.config(staged, tmp_path / "stage")


def test_zensical_messages_pair_each_warning_with_its_place(tmp_path: Path) -> None:
    output = (
        "Build started\n"
        "\x1b[33mWarning:\x1b[0m page does not exist\n"
        "   \x1b[38;5;246m╭─[\x1b[0m guide.md:3:15 \x1b[38;5;246m]\x1b[0m\n"
        " 3 │ See [nowhere](missing.md)\n"
        "\x1b[33mWarning:\x1b[0m anchor does not exist\n"
        "   ╭─[ coverage.md:9:2 ]\n"
        "2 issues found\n"
        "Traceback (most recent call last):\n"
        "RuntimeError: Aborted because --strict flag is set\n"
    )
    assert zensical.messages(output, tmp_path) == [
        "guide.md:3:15: page does not exist",
        "coverage.md:9:2: anchor does not exist",
    ]
    assert zensical.messages(f"Error: Docs directory does not exist: {tmp_path}/docs\n", tmp_path) == [
        "Docs directory does not exist: docs"
    ]
    assert zensical.messages("", tmp_path) == ["(Zensical gave no message)"]


def test_the_tags_listing_stays_out_of_zensical_search_too() -> None:
    markdown = f"# Tags\n\n{LISTING}\n\n<!-- material/tags -->\n"
    rewritten = zensical.without_listings(markdown)
    assert "<div data-search-exclude markdown>\n\n<!-- material/tags -->\n\n</div>" in rewritten
