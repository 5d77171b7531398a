"""The sample playbook as a site in a browser: copied, built, served on 127.0.0.1, opened in Chromium.

Shared by the browser tests (``conftest.py``) and the README screenshots (``screenshots.py``).
Chromium is Debian's (``apt-get install chromium``, which ``make browser`` does); Playwright
never downloads a browser of its own.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from unittest import mock

import yaml
from playwright.sync_api import Browser, Playwright

from playbook import validation as validation_module
from playbook.cli import main
from playbook.validation import Validation, validate

PROJECT = Path(__file__).resolve().parents[2]
#: What a playbook repository is made of; the sample is a copy of these (playbook.yaml is optional).
SAMPLE_PARTS = ("data", "docs", "mkdocs.yml", "playbook.yaml")
#: The day the sample site describes, so that overdue actions and stale assessments stay put.
TODAY = "2026-11-23"
CHROMIUM = Path(os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium"))
#: Headless, and quiet on the network: without the last four, Chromium reaches for update,
#: sync and component hosts that a closed network refuses.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOCAL_HOST = "127.0.0.1"
STRATEGIC = "strategic"


class SiteNotBuilt(Exception):
    """``playbook build`` failed; the message holds its output."""


# --- building ---------------------------------------------------------------------------


def copy_sample(target: Path, source: Path = PROJECT) -> Path:
    """A copy of the repository's own playbook (data, chapters, configuration) at ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part)
        elif path.is_file():
            shutil.copy2(path, target / part)
    return target


def build(root: Path, site_dir: Path, audience: str = "internal", today: str = TODAY) -> Path:
    """``playbook build`` of ``root`` into ``site_dir``; raises SiteNotBuilt when it fails."""
    argv = ["build", "--root", str(root), "--site-dir", str(site_dir), "--audience", audience, "--today", today]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    if code != 0:
        raise SiteNotBuilt(f"playbook {' '.join(argv)} exited with {code}:\n{err.getvalue()}{out.getvalue()}")
    return site_dir


@dataclass
class _Ungated(Validation):
    """A validation that keeps its findings but reports no errors, so the build goes ahead."""

    @property
    def errors(self) -> int:
        return 0


def build_ignoring_errors(root: Path, site_dir: Path, audience: str = "internal", today: str = TODAY) -> Path:
    """What ``playbook build`` does, less its refusal to build data that has errors.

    A gap in coverage is an error, so ``playbook build`` builds nothing while one is open; to
    see how the site shows a gap, this runs the same command with a validation that reports
    no errors. Its findings are the real ones, so the pages get exactly what a build gives them.
    """

    def ungated(*args: Any, **kwargs: Any) -> Validation:
        validation = validate(*args, **kwargs)
        return _Ungated(**{field.name: getattr(validation, field.name) for field in fields(validation)})

    with mock.patch.object(validation_module, "validate", ungated):
        return build(root, site_dir, audience, today)


# --- serving ----------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Server:
    """A static file server on 127.0.0.1 over ``folder``."""

    folder: Path
    url: str

    def url_of(self, path: str) -> str:
        return f"{self.url}/{path.lstrip('/')}"


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[Server]:
    """Serve ``folder`` on a free port of 127.0.0.1 in a thread, until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Server(folder, f"http://{LOCAL_HOST}:{httpd.server_address[1]}")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


# --- the browser ------------------------------------------------------------------------


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless and kept off the network beyond the pages it is sent to."""
    if not os.access(CHROMIUM, os.X_OK):
        raise FileNotFoundError(
            f"no Chromium at {CHROMIUM}: run `make browser` (apt-get install chromium), "
            "or point PLAYBOOK_CHROMIUM at a Chromium"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True)


# --- the sample data --------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """An id with its Chinese and English names (the same text twice when only one is given)."""

    id: str
    zh: str
    en: str

    @property
    def names(self) -> tuple[str, str]:
        return (self.zh, self.en)


@dataclass(frozen=True)
class SampleAccount:
    named: Named
    tier: str
    owner: str
    region: str
    contacts: tuple[Named, ...]

    @property
    def id(self) -> str:
        return self.named.id


def _named(item: dict[str, Any]) -> Named:
    name = item.get("name")
    if isinstance(name, dict):
        zh, en = str(name.get("zh") or name.get("en") or ""), str(name.get("en") or name.get("zh") or "")
    else:
        zh = en = str(name or item["id"])
    return Named(str(item["id"]), zh, en)


def _read(path: Path) -> dict[str, Any]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded if isinstance(loaded, dict) else {}


def sample_accounts(root: Path = PROJECT) -> list[SampleAccount]:
    """Every account of the playbook at ``root``, by id."""
    accounts = []
    for path in sorted((root / "data" / "accounts").glob("*/account.yaml")):
        data = _read(path)
        data.setdefault("id", path.parent.name)
        contacts = tuple(_named(contact) for contact in data.get("contacts") or [] if isinstance(contact, dict))
        accounts.append(
            SampleAccount(
                _named(data),
                str(data.get("tier", "")),
                str(data.get("owner", "")),
                str(data.get("region", "")),
                contacts,
            )
        )
    return accounts


def strategic_account(root: Path = PROJECT) -> SampleAccount:
    """The strategic account the tests look at: the one with the most contacts (then by id)."""
    strategic = [account for account in sample_accounts(root) if account.tier == STRATEGIC]
    if not strategic:
        raise LookupError(f"the sample at {root} has no {STRATEGIC} account")
    return min(strategic, key=lambda account: (-len(account.contacts), account.id))


def regions(root: Path = PROJECT) -> dict[str, Named]:
    taxonomy = _read(root / "data" / "taxonomy.yaml")
    found = (_named(region) for region in taxonomy.get("regions") or [] if isinstance(region, dict))
    return {region.id: region for region in found}


@dataclass(frozen=True)
class RegionalTeam:
    id: str
    regions: tuple[str, ...]


def regional_teams(root: Path = PROJECT) -> list[RegionalTeam]:
    teams = []
    for path in sorted((root / "data" / "teams").glob("*.yaml")):
        data = _read(path)
        if data.get("type") == "regional":
            scope = data.get("scope") or {}
            teams.append(RegionalTeam(str(data.get("id", path.stem)), tuple(scope.get("regions") or ())))
    return teams


def team_to_remove(root: Path = PROJECT) -> RegionalTeam:
    """A regional team whose removal opens a gap: the only one in its region, preferably one that
    owns no account (so that its removal breaks nothing else)."""
    teams = regional_teams(root)
    owners = {account.owner for account in sample_accounts(root)}
    alone = [
        team
        for team in teams
        if team.regions
        and not set(team.regions) & {region for other in teams if other != team for region in other.regions}
    ]
    for team in sorted(alone, key=lambda team: (team.id in owners, team.id)):
        return team
    raise LookupError(f"the sample at {root} has no regional team that alone covers a region and owns no account")
