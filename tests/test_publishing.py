"""Publishing safely: the pipelines publish the public site unless the host restricts access.

The internal site names the customers' people, their relationship levels and assessment notes;
GitHub Pages and GitLab Pages without access control are public. So the shipped pipelines build
with ``--audience auto``, which gives the public site unless ``playbook.yaml`` says
``site_access: organisation``. The GitHub workflow also passes zizmor (offline) with no finding.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from playbook.models.settings import Settings
from tests.test_site_build import make_repository, run

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "playbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
TODAY = "2026-10-15"
#: A contact of the base fixture: in the internal site, never in the public one.
CONTACT = "赵雷"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def _load(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _options(command: str, name: str) -> list[str]:
    """The values given to ``name`` in a shell command (``--name VALUE`` or ``--name=VALUE``)."""
    return re.findall(rf"{re.escape(name)}(?:\s+|=)(\S+)", command)


# --- what the pipelines publish ---------------------------------------------------------


def test_the_github_workflow_publishes_the_site_built_with_the_audience_the_settings_choose() -> None:
    steps = _load(WORKFLOW)["jobs"]["check"]["steps"]
    builds = [step for step in steps if "playbook build" in step.get("run", "")]
    assert len(builds) == 1, builds
    command = builds[0]["run"]
    assert _options(command, "--audience") == ["auto"], command
    uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert len(uploads) == 1
    assert uploads[0]["with"]["path"] == _options(command, "--site-dir")[0]


def test_the_gitlab_pipeline_publishes_the_site_built_with_the_audience_the_settings_choose() -> None:
    pipeline = _load(GITLAB)
    builds = [
        (name, line)
        for name, job in pipeline.items()
        if isinstance(job, dict)
        for line in job.get("script") or []
        if "playbook build" in line
    ]
    assert len(builds) == 1, builds
    name, command = builds[0]
    assert _options(command, "--audience") == ["auto"], command
    site_dir = _options(command, "--site-dir")[0]
    assert pipeline[name]["artifacts"]["paths"] == [site_dir]
    assert pipeline["pages"]["needs"] == [name]
    assert pipeline["pages"]["artifacts"]["paths"] == [site_dir] == ["public"]


def test_the_settings_default_to_a_public_host() -> None:
    assert Settings().site_access == "public"
    shipped = _load(ROOT / "playbook.yaml")
    assert shipped.get("site_access", "public") == "public"


@pytest.mark.parametrize("job", ["check"])
def test_the_github_jobs_run_in_debian_where_chromium_installs_with_apt(job: str) -> None:
    workflow = _load(WORKFLOW)
    container = workflow["jobs"][job]["container"]
    image = container["image"] if isinstance(container, dict) else container
    assert image == _load(GITLAB)["default"]["image"]
    assert "bookworm" in image


def test_checkout_keeps_no_credentials_and_every_action_is_pinned_by_commit() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action}: the version its commit is tagged with"
    checkouts = [
        step
        for step in _load(WORKFLOW)["jobs"]["check"]["steps"]
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert [step["with"]["persist-credentials"] for step in checkouts] == [False]


# --- zizmor -----------------------------------------------------------------------------


def _zizmor(*paths: Path) -> tuple[int, list[dict[str, Any]], str]:
    assert ZIZMOR.is_file(), f"no zizmor at {ZIZMOR}: pip install -e '.[dev]'"
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-ignores", "--no-config", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result.returncode, findings, result.stderr


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    code, findings, stderr = _zizmor(ROOT / ".github" / "workflows")
    assert [(finding["ident"], finding["desc"]) for finding in findings] == [], stderr
    assert code == 0, stderr
    assert "zizmor: ignore" not in WORKFLOW.read_text(encoding="utf-8")


def test_zizmor_reports_what_the_workflow_used_to_do(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request\n"
        "permissions: {}\n"
        "jobs:\n"
        "  check:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        '      - run: echo "origin/${{ github.base_ref }}"\n',
        encoding="utf-8",
    )
    code, findings, _ = _zizmor(unsafe)
    assert code != 0
    assert {"artipacked", "template-injection", "unpinned-uses"} <= {finding["ident"] for finding in findings}


# --- playbook build --audience auto -----------------------------------------------------


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("publish") / "repo")


def _site_text(site: Path) -> str:
    """The account pages (the rule reference's examples name made-up people of their own)."""
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((site / "accounts").glob("*.html")))


def test_auto_builds_the_public_site_without_a_setting(repository: Path, tmp_path: Path) -> None:
    result = run("build", "--root", repository, "--site-dir", tmp_path / "site", "--audience", "auto", "--today", TODAY)
    assert result.code == 0, result.stderr
    assert "built the public site" in result.stdout
    assert CONTACT not in _site_text(tmp_path / "site")


def test_auto_builds_the_internal_site_where_the_host_restricts_access(repository: Path, tmp_path: Path) -> None:
    root = tmp_path / "restricted"
    shutil.copytree(repository, root)
    (root / "playbook.yaml").write_text("site_access: organisation\n", encoding="utf-8")
    result = run("build", "--root", root, "--site-dir", tmp_path / "site", "--audience", "auto", "--today", TODAY)
    assert result.code == 0, result.stderr
    assert "built the internal site" in result.stdout
    assert CONTACT in _site_text(tmp_path / "site")


def test_auto_with_a_public_host_stays_public(repository: Path, tmp_path: Path) -> None:
    root = tmp_path / "public-host"
    shutil.copytree(repository, root)
    (root / "playbook.yaml").write_text("site_access: public\n", encoding="utf-8")
    result = run("build", "--root", root, "--site-dir", tmp_path / "site", "--audience", "auto", "--today", TODAY)
    assert result.code == 0, result.stderr
    assert "built the public site" in result.stdout


def test_an_unknown_site_access_is_a_finding(repository: Path, tmp_path: Path) -> None:
    root = tmp_path / "unknown"
    shutil.copytree(repository, root)
    (root / "playbook.yaml").write_text("site_access: everyone\n", encoding="utf-8")
    result = run("validate", "--root", root, "--today", TODAY)
    assert result.code == 1
    assert re.search(r"playbook\.yaml:1:14: error SCH\d+ .*'organisation'", result.stdout), result.stdout
