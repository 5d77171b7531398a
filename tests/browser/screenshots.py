"""Screenshots of the sample site for the README: the home page, a strategic account page (its
first screen on a desktop and on a phone, and its power map) and the coverage matrix.

    python -m tests.browser.screenshots OUTDIR
    python -m tests.browser.screenshots --company-a OUTDIR

builds the sample site into a temporary folder, serves it on 127.0.0.1 and saves one screen of
each page (1400×1000, or 390×844 for the phone) as a PNG into OUTDIR. With ``--company-a`` it
builds company A of seed 000 instead (29 provinces under 7 big regions,
``benchmarks/company_a.py``) and photographs its coverage matrix at 1400 × 1000: the big
regions, then East China opened into its seven provinces. It needs Debian's Chromium (``make
browser``) and, for the Chinese names to show as text rather than boxes, a CJK font
(``fonts-noto-cjk`` or ``fonts-wqy-microhei``).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.browser import sites

#: The browser window of a desktop and of a phone: each shot is one screen from the top of what it shows.
DESKTOP = (1400, 1000)
PHONE = (390, 844)
#: How long the page may take to settle after a scroll before it is photographed (ms): the
#: header's title changes (a fade) as the page scrolls.
SETTLE_MS = 500


def shots(account: sites.SampleAccount) -> dict[str, tuple[str, str | None, tuple[int, int]]]:
    """The pages to photograph, by the name of their PNG: the page, the element to start at, the window."""
    return {
        "home.png": ("index.html", None, DESKTOP),
        "account-page.png": (f"accounts/{account.id}.html", None, DESKTOP),
        "account-phone.png": (f"accounts/{account.id}.html", None, PHONE),
        "account-power-map.png": (f"accounts/{account.id}.html", "#power-map", DESKTOP),
        "coverage-matrix.png": ("coverage-matrix.html", None, DESKTOP),
    }


def take(out: Path, sample: Path = sites.PROJECT) -> list[Path]:
    """Build the sample at ``sample``, photograph its pages into ``out``; return the PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    account = sites.strategic_account(sample)
    saved = []
    with tempfile.TemporaryDirectory(prefix="playbook-screenshots-") as temporary:
        root = sites.copy_sample(Path(temporary) / "repo", sample)
        site = sites.build(root, Path(temporary) / "site")
        with sites.serve(site) as server, sync_playwright() as playwright:
            browser = sites.launch(playwright)
            try:
                for name, (path, start, (width, height)) in shots(account).items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    response = page.goto(server.url_of(path), wait_until="networkidle")
                    if response is None or not response.ok:
                        raise sites.SiteNotBuilt(f"the sample site has no {path}")
                    if start is not None:
                        page.locator(start).evaluate("element => element.scrollIntoView()")
                        page.wait_for_timeout(SETTLE_MS)
                    page.screenshot(path=out / name, full_page=False)
                    page.close()
                    saved.append(out / name)
            finally:
                browser.close()
    return saved


#: The window of the company A shots: a laptop screen.
COMPANY_A_VIEW = {"width": 1400, "height": 1000}
#: The summary of the big region opened in the second company A shot.
OPENED = "华东 (East China): "


def take_company_a(out: Path) -> list[Path]:
    """Build company A's playbook and photograph its coverage matrix into ``out``; return the PNGs."""
    out.mkdir(parents=True, exist_ok=True)
    generator = _company_a()
    saved = []
    with tempfile.TemporaryDirectory(prefix="playbook-company-a-") as temporary:
        root = Path(temporary) / "repo"
        generator.generate(root)
        site = sites.build(root, Path(temporary) / "site")
        with sites.serve(site) as server, sync_playwright() as playwright:
            browser = sites.launch(playwright)
            try:
                page = browser.new_page(viewport=COMPANY_A_VIEW)
                response = page.goto(server.url_of("coverage-matrix.html"), wait_until="networkidle")
                if response is None or not response.ok:
                    raise sites.SiteNotBuilt("the company A site has no coverage-matrix.html")
                page.locator("#commercial").evaluate("element => element.scrollIntoView()")
                page.wait_for_timeout(SETTLE_MS)
                page.screenshot(path=out / "coverage-matrix-company-a.png", full_page=False)
                saved.append(out / "coverage-matrix-company-a.png")
                opened = page.locator("details").filter(has=page.locator("summary", has_text=OPENED)).first
                opened.evaluate("element => { element.open = true; element.scrollIntoView(); }")
                page.wait_for_timeout(SETTLE_MS)
                page.screenshot(path=out / "coverage-matrix-company-a-east.png", full_page=False)
                saved.append(out / "coverage-matrix-company-a-east.png")
            finally:
                browser.close()
    return saved


def _company_a() -> Any:
    """benchmarks/company_a.py, loaded as a module (benchmarks/ is not a package)."""
    path = sites.PROJECT / "benchmarks" / "company_a.py"
    spec = importlib.util.spec_from_file_location("company_a", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.browser.screenshots", description="Screenshots of the sample site for the README."
    )
    parser.add_argument("out", type=Path, metavar="OUTDIR", help="where to save the PNGs")
    parser.add_argument("--company-a", action="store_true", help="photograph company A's coverage matrix instead")
    args = parser.parse_args(argv)
    try:
        saved = take_company_a(args.out) if args.company_a else take(args.out)
    except (sites.SiteNotBuilt, FileNotFoundError, LookupError) as error:
        print(f"screenshots: error: {error}", file=sys.stderr)
        return 1
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
