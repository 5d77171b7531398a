"""Fixtures of the browser tests: each site built once per session, one server, one Chromium.

The sites are built from a copy of the repository's own sample (``data/``, ``docs/``,
``mkdocs.yml``), served on 127.0.0.1 and opened in Debian's Chromium. Every test gets a fresh
page that records console errors, uncaught exceptions and requests to any other host.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Playwright, Request, Response, sync_playwright

from tests.browser import sites

#: How long a page or an element may take before a test fails (ms); a static site is quick.
TIMEOUT_MS = 10_000
#: Schemes that never leave the page (inline images, worker blobs).
_LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass(frozen=True)
class Site:
    """A built site: its folder on disk and where the server shows it."""

    folder: Path
    url: str

    def url_of(self, path: str) -> str:
        return f"{self.url}/{path.lstrip('/')}"


@dataclass(frozen=True)
class GapSite:
    """The sample with one regional team removed, built despite the gap that opens."""

    site: Site
    team: sites.RegionalTeam
    region: sites.Named


@pytest.fixture(scope="session")
def sample_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sites.copy_sample(tmp_path_factory.mktemp("sample") / "repo")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sites.Server]:
    """One server for every site of the session, each in a folder of its own."""
    with sites.serve(tmp_path_factory.mktemp("sites")) as running:
        yield running


def _site(server: sites.Server, name: str) -> Site:
    return Site(server.folder / name, server.url_of(name))


@pytest.fixture(scope="session")
def internal_site(sample_root: Path, server: sites.Server) -> Site:
    site = _site(server, "internal")
    sites.build(sample_root, site.folder)
    return site


@pytest.fixture(scope="session")
def public_site(sample_root: Path, server: sites.Server) -> Site:
    site = _site(server, "public")
    sites.build(sample_root, site.folder, audience="public")
    return site


@pytest.fixture(scope="session")
def gap_site(tmp_path_factory: pytest.TempPathFactory, server: sites.Server) -> GapSite:
    root = sites.copy_sample(tmp_path_factory.mktemp("gap") / "repo")
    team = sites.team_to_remove(root)
    (root / "data" / "teams" / f"{team.id}.yaml").unlink()
    site = _site(server, "gap")
    sites.build_ignoring_errors(root, site.folder)
    return GapSite(site, team, sites.regions(root)[team.regions[0]])


@pytest.fixture(scope="session")
def strategic() -> sites.SampleAccount:
    return sites.strategic_account()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    try:
        launched = sites.launch(playwright)
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)
    yield launched
    launched.close()


@dataclass
class Tab:
    """A browser page that remembers what went wrong on it."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def open(self, site: Site, path: str) -> Response:
        """Go to ``path`` of ``site``; fail unless the server answered 200."""
        response = self.page.goto(site.url_of(path))
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        return response

    def assert_clean(self) -> None:
        """Fail when the page logged an error, threw, or asked another host for anything."""
        problems = [f"console error: {text}" for text in self.console_errors]
        problems += [f"request to another host: {url}" for url in self.foreign_requests]
        assert not problems, "\n".join(problems)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            self.console_errors.append(f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def _page_error(self, error: Error) -> None:
        self.console_errors.append(f"uncaught {error.name}: {error.message}")

    def _request(self, request: Request) -> None:
        if _foreign(request.url):
            self.foreign_requests.append(request.url)


def _foreign(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in _LOCAL_SCHEMES and parts.hostname != sites.LOCAL_HOST


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    """A fresh page (in its own context) at 1280×900; requests to other hosts are recorded, then refused."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.route(_foreign, lambda route: route.abort())
    page = context.new_page()
    opened = Tab(page)
    page.on("console", opened._console)
    page.on("pageerror", opened._page_error)
    page.on("request", opened._request)
    yield opened
    context.close()
