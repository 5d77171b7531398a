"""playbook build --engine: the same staged pages built by Zensical instead of MkDocs.

One Zensical build of the base fixture is shared by the tests that read it; the other tests
run Zensical on a one-page folder, or not at all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from playbook.errors import PlaybookError
from playbook.site import engine, zensical
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
    assert staged["theme"] == {"name": "material", "language": "zh"}


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
