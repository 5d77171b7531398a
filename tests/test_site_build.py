"""playbook build end to end (MkDocs runs), and the staging folder on its own (it does not)."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from playbook.cli import main
from playbook.errors import PlaybookError
from playbook.rules import RULES
from playbook.site import pages, staging
from tests.examples import copy_base

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-10-15"
_LOADING_TAG = re.compile(r"<(?:link|script)\b[^>]*>", flags=re.IGNORECASE)
_REMOTE = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", flags=re.IGNORECASE)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run(*argv: str | Path) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(arg) for arg in argv])
    return Run(code, out.getvalue(), err.getvalue())


def make_repository(target: Path) -> Path:
    """The base fixture with the project's own mkdocs.yml and chapters."""
    copy_base(target)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(PROJECT / "docs", target / "docs")
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@dataclass
class Built:
    root: Path
    site: Path
    run: Run
    docs_before: dict[str, bytes]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One site built from the base fixture, shared by the tests that only read it."""
    root = make_repository(tmp_path_factory.mktemp("build") / "repo")
    site = root.parent / "out" / "site"
    docs_before = snapshot(root / "docs")
    return Built(root, site, run("--root", root, "build", "--site-dir", site, "--today", TODAY), docs_before)


def test_build_succeeds_and_says_where(built: Built) -> None:
    assert built.run.code == 0, built.run.stderr
    assert str(built.site) in built.run.stdout


def test_site_has_the_account_lists_and_pages(built: Built) -> None:
    index = (built.site / "accounts" / "index.html").read_text(encoding="utf-8")
    assert 'href="by/industry-banking.html"' in index
    listing = (built.site / "accounts" / "by" / "industry-banking.html").read_text(encoding="utf-8")
    assert "艾克美银行 (Acme Bank)" in listing and 'href="../acme.html"' in listing
    assert "金融大客户部 (Finance Key Accounts)" in listing
    account = (built.site / "accounts" / "acme.html").read_text(encoding="utf-8")
    assert 'class="pb-power-map"' in account and 'class="pb-trend"' in account
    for page in ("index.html", "coverage-matrix.html", "teams/finance-key-accounts.html", "people/amy-ar.html"):
        assert (built.site / page).is_file(), page


def test_tags_on_an_account_page_lead_to_the_lists_of_the_accounts_that_carry_them(built: Built) -> None:
    account = (built.site / "accounts" / "acme.html").read_text(encoding="utf-8")
    tags = re.findall(r'<a href="([^"]+)" class="md-tag">([^<]+)</a>', account)
    assert sorted(tags) == [
        ("by/industry-banking.html", "银行 (Banking)"),
        ("by/region-north.html", "北区 (North)"),
        ("by/tier-key.html", "Key"),
    ]
    for target, _ in tags:
        assert (built.site / "accounts" / target).is_file(), target
    tags_page = (built.site / "accounts" / "tags.html").read_text(encoding="utf-8")
    assert 'href="by/tier-key.html"' in tags_page and 'href="acme.html"' not in tags_page


def test_pages_out_of_the_nav_are_not_drawn_into_every_page(built: Built) -> None:
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert "accounts/acme.html" not in home.split('class="md-content"', 1)[0]


def test_site_has_the_rule_reference_with_an_anchor_per_code(built: Built) -> None:
    index = (built.site / "rules" / "index.html").read_text(encoding="utf-8")
    for code in RULES:
        family = (built.site / pages.family_page(code)).with_suffix(".html")
        assert f'id="{code.lower()}"' in family.read_text(encoding="utf-8"), code
        assert f'href="{family.name}#{code.lower()}"' in index, code


def test_site_has_every_chapter(built: Built) -> None:
    for chapter in (PROJECT / "docs").glob("*.md"):
        assert (built.site / chapter.with_suffix(".html").name).is_file(), chapter.name


def assert_loads_nothing_from_another_host(site: Path) -> None:
    """No page of ``site`` loads a font, style or script from another host."""
    pages_checked = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        for tag in _LOADING_TAG.findall(text):
            assert not _REMOTE.search(tag), f"{page}: {tag}"
        pages_checked += 1
    assert pages_checked > 10


def test_site_loads_nothing_from_another_host(built: Built) -> None:
    assert_loads_nothing_from_another_host(built.site)


def test_build_leaves_docs_untouched_and_writes_no_site_in_the_repository(built: Built) -> None:
    assert snapshot(built.root / "docs") == built.docs_before
    assert not (built.root / "docs" / "accounts").exists()
    assert not (built.root / "docs" / "rules").exists()
    assert not (built.root / "site").exists()


def test_rebuild_replaces_the_earlier_site(built: Built) -> None:
    leftover = built.site / "left-over.txt"
    leftover.write_text("from an earlier build", encoding="utf-8")
    again = run("--root", built.root, "build", "--site-dir", built.site, "--audience", "public", "--today", TODAY)
    assert again.code == 0, again.stderr
    assert "public" in again.stdout
    assert not leftover.exists()
    assert (built.site / "accounts" / "index.html").is_file()


def test_data_errors_stop_the_build_before_anything_is_written(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    account = root / "data" / "accounts" / "acme" / "account.yaml"
    account.write_text(account.read_text(encoding="utf-8").replace("owner: finance-key-accounts", "owner: nobody"))
    site = tmp_path / "site"
    result = run("--root", root, "build", "--site-dir", site)
    assert result.code == 1
    assert re.search(r"^data/accounts/acme/account\.yaml:\d+:\d+: error REF001 ", result.stderr, flags=re.M)
    assert not site.exists()


def test_a_failed_mkdocs_build_is_one_clean_error(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    (root / "docs" / "guide.md").write_text("# Guide\n\nSee [nowhere](missing.md).\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run("--root", root, "build", "--site-dir", site)
    assert result.code == 2
    assert "MkDocs could not build the site" in result.stderr
    assert "missing.md" in result.stderr
    assert "playbook-site-" not in result.stderr
    assert "Traceback" not in result.stderr
    assert not site.exists()


def test_bad_root_is_a_usage_error(tmp_path: Path) -> None:
    result = run("--root", tmp_path / "absent", "build", "--site-dir", tmp_path / "site")
    assert result.code == 2
    assert result.stderr.startswith("playbook: error: ")
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("where", [".", "..", "data", "docs", "docs/inner"])
def test_site_dir_that_would_destroy_sources_is_refused(tmp_path: Path, where: str) -> None:
    root = make_repository(tmp_path / "repo")
    before = snapshot(root)
    result = run("--root", root, "build", "--site-dir", root / where)
    assert result.code == 2, result.stdout
    assert "--site-dir" in result.stderr
    assert snapshot(root) == before


def test_site_dir_holding_other_files_is_refused(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    precious = tmp_path / "documents" / "plan.txt"
    precious.parent.mkdir()
    precious.write_text("keep me", encoding="utf-8")
    result = run("--root", root, "build", "--site-dir", precious.parent)
    assert result.code == 2
    assert precious.read_text(encoding="utf-8") == "keep me"


# --- staging, without MkDocs ------------------------------------------------------------


def test_staging_copies_docs_adds_pages_and_points_the_config_at_them(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    generated = [pages.Page("accounts/index.md", "Accounts", "# A\n"), pages.Page("rules/index.md", "Rules", "# R\n")]
    config_path = staging.stage(root, tmp_path / "stage", generated)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    staged_docs = Path(config["docs_dir"])
    assert staged_docs.is_absolute() and Path(config["site_dir"]).is_absolute()
    assert staged_docs == (tmp_path / "stage" / "docs").resolve()
    assert snapshot(staged_docs) == {
        **snapshot(root / "docs"),
        "accounts/index.md": b"# A\n",
        "rules/index.md": b"# R\n",
    }
    # mkdocs.yml places the accounts index itself; a generated page it does not list comes last.
    assert config["nav"][-1] == {"Rules": "rules/index.md"}
    assert str(config["nav"]).count("accounts/index.md") == 1
    assert config["site_name"] == "Key-Account Playbook"


def test_staging_adds_the_playbook_theme_partials_to_the_repository_own(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    config_path = staging.stage(root, tmp_path / "stage", [])
    theme = yaml.safe_load(config_path.read_text(encoding="utf-8"))["theme"]
    staged_theme = tmp_path / "stage" / staging.STAGED_THEME
    assert Path(theme["custom_dir"]) == staged_theme.resolve() and theme["name"] == "material"
    assert "tag_pages" in (staged_theme / "partials" / "tags.html").read_text(encoding="utf-8")
    # A repository's own custom_dir is staged with it, and its own partial of that name wins.
    overrides = root / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    (overrides / "partials" / "tags.html").write_text("<nav>own</nav>\n", encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    staging.stage(root, tmp_path / "stage", [])
    assert snapshot(staged_theme) == snapshot(overrides)
    config["theme"]["custom_dir"] = "absent"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with pytest.raises(PlaybookError, match="custom_dir absent"):
        staging.stage(root, tmp_path / "stage", [])


def test_restaging_removes_pages_that_are_gone(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    stage = tmp_path / "stage"
    staging.stage(root, stage, [pages.Page("rules/a.md", "A", "a\n"), pages.Page("rules/b.md", "B", "b\n")])
    (root / "docs" / "extra.md").write_text("# Extra\n", encoding="utf-8")
    staging.stage(root, stage, [pages.Page("rules/a.md", "A", "a2\n")])
    assert (stage / "docs" / "rules" / "a.md").read_text(encoding="utf-8") == "a2\n"
    assert not (stage / "docs" / "rules" / "b.md").exists()
    assert (stage / "docs" / "extra.md").is_file()


def test_generated_nav_makes_a_section_with_its_index_first() -> None:
    generated = pages.rule_pages(RULES)
    ((title, children),) = staging.generated_nav(generated)[0].items()
    assert title == "Rule reference"
    assert children[0] == "rules/index.md"
    assert len(children) == len(generated)


def test_hand_written_files_in_a_generated_folder_are_refused(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    (root / "docs" / "rules").mkdir()
    (root / "docs" / "rules" / "mine.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(PlaybookError, match="reserved for generated pages"):
        staging.stage(root, tmp_path / "stage", [pages.Page("rules/index.md", "Rules", "# R\n")])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site_name: x\nmarkdown_extensions:\n  - !!python/name:os.system\n", "not valid YAML"),
        ("- just\n- a list\n", "mapping"),
    ],
)
def test_unsafe_or_malformed_mkdocs_yml_is_refused(tmp_path: Path, text: str, message: str) -> None:
    root = make_repository(tmp_path / "repo")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(PlaybookError, match=message):
        staging.stage(root, tmp_path / "stage", [])


def test_missing_mkdocs_yml_is_a_usage_error(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    (root / "mkdocs.yml").unlink()
    result = run("--root", root, "build", "--site-dir", tmp_path / "site")
    assert result.code == 2
    assert "mkdocs.yml" in result.stderr


def test_the_site_also_builds_in_chinese(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    (root / "playbook.yaml").write_text("language: zh\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run("--root", root, "build", "--site-dir", site, "--today", TODAY)
    assert result.code == 0, result.stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in home
    assert "概览" in home
    assert "覆盖矩阵" in (site / "coverage-matrix.html").read_text(encoding="utf-8")


def test_sources_fingerprint_follows_data_docs_and_config(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    before = staging.sources(root)
    assert staging.sources(root) == before
    (root / "docs" / "new.md").write_text("# New\n", encoding="utf-8")
    after_docs = staging.sources(root)
    assert after_docs != before
    (root / "data" / "teams" / "delivery.yaml").unlink()
    assert staging.sources(root) != after_docs


def test_serve_refuses_a_bad_address(tmp_path: Path) -> None:
    root = make_repository(tmp_path / "repo")
    result = run("--root", root, "serve", "--dev-addr", "not an address")
    assert result.code == 2
    assert "--dev-addr" in result.stderr


def test_the_same_data_gives_the_same_site_byte_for_byte(built: Built, tmp_path: Path) -> None:
    for name in ("first", "second"):
        result = run("--root", built.root, "build", "--site-dir", tmp_path / name, "--today", TODAY)
        assert result.code == 0, result.stderr
    first, second = snapshot(tmp_path / "first"), snapshot(tmp_path / "second")
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
