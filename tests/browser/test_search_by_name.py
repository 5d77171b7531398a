"""Search finds a customer by the name people use, in both engines, in Chromium.

For every sample account: each run of two characters of its Chinese name that no other
account's name holds, and each of its aliases, gives the account as the first hit, with
MkDocs (mkdocs-material's lunr search, Chinese split by jieba) and with Zensical. A contact's
hit leads with who the contact is; the public site's index names no contact.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page

from playbook.cli import main
from playbook.search.terms import HAN_RUN
from tests.browser import sites
from tests.browser.conftest import Site, Tab

ACCOUNT_PAGE = "/accounts/{id}.html"


@dataclass(frozen=True)
class Named:
    id: str
    zh: str
    aliases: tuple[str, ...]


def _accounts() -> list[Named]:
    found = []
    for path in sorted((sites.PROJECT / "data" / "accounts").glob("*/account.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = data["name"]
        zh = name.get("zh", "") if isinstance(name, dict) else str(name)
        found.append(Named(str(data["id"]), zh, tuple(str(alias) for alias in data.get("aliases") or ())))
    return found


ACCOUNTS = _accounts()


def runs(name: str) -> list[str]:
    """Every run of two Chinese characters of ``name``, once each, in order."""
    return list(dict.fromkeys(run[i : i + 2] for run in HAN_RUN.findall(name) for i in range(len(run) - 1)))


def queries(account: Named) -> list[str]:
    """The runs of two characters no other account's Chinese name holds, then the aliases."""
    others = [other.zh for other in ACCOUNTS if other.id != account.id]
    own = [run for run in runs(account.zh) if not any(run in other for other in others)]
    return [*own, *account.aliases]


def test_every_sample_account_has_queries_and_aliases() -> None:
    assert len(ACCOUNTS) >= 30
    assert all(account.aliases for account in ACCOUNTS)
    assert all(runs(account.zh) for account in ACCOUNTS)
    # 省税 (in 滨海省税务局) starts no word jieba cuts: it is the case whole-word search missed.
    assert "省税" in queries(next(account for account in ACCOUNTS if account.zh == "滨海省税务局"))


# --- the two engines' search boxes ------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    path: str
    title: str
    href: str


#: Types each query into mkdocs-material's search box and reads the hits once they have stayed
#: the same for three reads.
#: Clearing the box first empties the list, so a list is never the previous query's.
_MKDOCS_SEARCH = """
async (queries) => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const input = document.querySelector(".md-search__input");
  const type = (value) => {
    input.value = value;
    // Material reads the query on keyup (typing through an input method ends with one too).
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}));
  };
  const read = () => [...document.querySelectorAll(".md-search-result__item > a.md-search-result__link")]
    .map((a) => [a.href, (a.querySelector("h1") || a).innerText]);
  const found = [];
  for (const query of queries) {
    type("");
    for (let i = 0; i < 500 && document.querySelector(".md-search-result__item"); i++) await sleep(10);
    type(query);
    let previous = null, steady = 0, hits = [];
    for (let i = 0; i < 400; i++) {
      await sleep(15);
      const now = JSON.stringify(read());
      steady = now !== "[]" && now === previous ? steady + 1 : 0;
      if (steady === 2) { hits = JSON.parse(now); break; }
      previous = now;
    }
    found.push(hits);
  }
  return found;
}
"""
#: The same in Zensical's search dialog (in a shadow root), where each hit's address also carries
#: the query it answers (?h=...): the hits are read once every listed hit does, three reads running.
_ZENSICAL_SEARCH = """
async (queries) => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const host = [...document.querySelectorAll("*")].find((e) => e.shadowRoot?.querySelector("dialog input"));
  const root = host.shadowRoot;
  const input = root.querySelector("dialog input");
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  const found = [];
  const type = (value) => {
    setValue.call(input, value);
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };
  for (const query of queries) {
    type("");
    for (let i = 0; i < 500 && root.querySelector("[role=option]"); i++) await sleep(10);
    type(query);
    const answer = "h=" + encodeURIComponent(query);
    let previous = null, steady = 0, hits = [];
    for (let i = 0; i < 400; i++) {
      await sleep(15);
      const options = [...root.querySelectorAll("[role=option]")];
      if (!options.length || !options.every((a) => (a.getAttribute("href") || "").includes(answer))) continue;
      const now = JSON.stringify(options.map((a) => [a.href, (a.querySelector("h2") || a).innerText]));
      steady = now === previous ? steady + 1 : 0;
      if (steady === 2) { hits = JSON.parse(now); break; }
      previous = now;
    }
    found.push(hits);
  }
  return found;
}
"""


def _searched(script: str) -> Callable[[Page, list[str]], list[list[Hit]]]:
    def hits(page: Page, queries: list[str]) -> list[list[Hit]]:
        found = page.evaluate(script, queries)
        return [
            [Hit(urlsplit(href).path, " ".join(title.replace("\u200b", "").split()), href) for href, title in listed]
            for listed in found
        ]

    return hits


def _open_mkdocs_search(page: Page) -> None:
    page.locator(".md-search__input").click()


def _open_zensical_search(page: Page) -> None:
    page.locator(".md-search__button").first.click()
    page.locator("dialog input").first.wait_for()


@dataclass(frozen=True)
class Engine:
    open: Callable[[Page], None]
    hits: Callable[[Page, list[str]], list[list[Hit]]]


ENGINES = {
    "mkdocs": Engine(_open_mkdocs_search, _searched(_MKDOCS_SEARCH)),
    "zensical": Engine(_open_zensical_search, _searched(_ZENSICAL_SEARCH)),
}


@pytest.fixture(scope="session")
def zensical_site(sample_root: Path, server: sites.Server) -> Site:
    site = Site(server.folder / "zensical", server.url_of("zensical"))
    argv = ["build", "--root", str(sample_root), "--site-dir", str(site.folder), "--engine", "zensical"]
    argv += ["--today", sites.TODAY]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code == 0, err.getvalue()
    return site


@pytest.fixture
def site_of(internal_site: Site, request: pytest.FixtureRequest) -> Callable[[str], Site]:
    def site(engine: str) -> Site:
        return internal_site if engine == "mkdocs" else request.getfixturevalue("zensical_site")

    return site


@pytest.mark.parametrize("engine", ENGINES)
def test_every_account_is_the_first_hit_for_its_name_runs_and_aliases(
    tab: Tab, site_of: Callable[[str], Site], engine: str
) -> None:
    site = site_of(engine)
    driver = ENGINES[engine]
    tab.open(site, "index.html")
    driver.open(tab.page)
    asked = [(account, query) for account in ACCOUNTS for query in queries(account)]
    answers = driver.hits(tab.page, [query for _, query in asked])
    missed = []
    for (account, query), hits in zip(asked, answers, strict=True):
        wanted = ACCOUNT_PAGE.format(id=account.id)
        paths = [hit.path for hit in hits]
        if not paths or not paths[0].endswith(wanted):
            missed.append(f"{query!r}: {[hit.path for hit in hits][:3] or 'no hit'} instead of {wanted}")
    assert not missed, f"{len(missed)} queries do not give their account first:\n" + "\n".join(missed)
    tab.assert_clean()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_contacts_hit_leads_with_who_the_contact_is(
    tab: Tab, site_of: Callable[[str], Site], engine: str, strategic: sites.SampleAccount
) -> None:
    contact = strategic.contacts[0]
    driver = ENGINES[engine]
    tab.open(site_of(engine), "index.html")
    driver.open(tab.page)
    [hits] = driver.hits(tab.page, [contact.zh])
    assert hits, f"searching {contact.zh!r} finds nothing"
    # The first hit on the contact's account is the contact's own entry, found by the name.
    on_contact = [hit for hit in hits if hit.path.endswith(ACCOUNT_PAGE.format(id=strategic.id))]
    assert on_contact, hits[:5]
    selector = ".md-search-result__item a.md-search-result__link" if engine == "mkdocs" else "[role=option]"
    texts = tab.page.locator(selector).evaluate_all("links => links.map(a => [a.getAttribute('href'), a.textContent])")
    entry = [
        " ".join(text.replace("\u200b", "").split()) for href, text in texts if urlsplit(href).fragment == contact.id
    ]
    assert entry, f"no hit at the contact's place on the power map: {[href for href, _ in texts][:8]}"
    # Who the contact is: the name, then the account and the buying role; not the power map's legend.
    assert entry[0].startswith(contact.zh), entry[0]
    assert strategic.named.zh in entry[0][:200], entry[0]
    assert "opposes" not in entry[0], entry[0]


def _index_text(site: Path) -> str:
    for name in ("search/search_index.json", "search.json"):
        if (site / name).is_file():
            return (site / name).read_text(encoding="utf-8")
    raise AssertionError(f"no search index in {site}")


def test_the_public_index_names_no_contact(public_site: Site, strategic: sites.SampleAccount) -> None:
    index = json.loads(_index_text(public_site.folder))
    text = json.dumps(index, ensure_ascii=False).replace("\u200b", "")
    named = [contact.zh for contact in strategic.contacts if contact.zh in text]
    assert not named
    # Accounts are still found by their aliases there.
    assert all(alias in text for account in ACCOUNTS for alias in account.aliases)


def _hit_texts(page: Page, engine: str) -> list[tuple[str, str]]:
    """Each listed hit's address and the text a reader sees on it (hidden parts left out)."""
    selector = ".md-search-result__item a.md-search-result__link" if engine == "mkdocs" else "[role=option]"
    found = page.locator(selector).evaluate_all("links => links.map(a => [a.getAttribute('href'), a.innerText])")
    return [(urlsplit(href).path, " ".join(text.replace("\u200b", "").split())) for href, text in found]


def _team_name(team: str) -> str:
    name = yaml.safe_load((sites.PROJECT / "data" / "teams" / f"{team}.yaml").read_text(encoding="utf-8"))["name"]
    return str(name.get("zh") or name.get("en")) if isinstance(name, dict) else str(name)


def _person_name(person: str) -> str:
    """The Chinese name (or the English one) of one of our people, from the team charters."""
    for path in sorted((sites.PROJECT / "data" / "teams").glob("*.yaml")):
        for member in yaml.safe_load(path.read_text(encoding="utf-8")).get("members") or []:
            if member.get("id") == person:
                name = member["name"]
                return str(name.get("zh") or name.get("en")) if isinstance(name, dict) else str(name)
    raise LookupError(person)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_hit_on_an_account_or_one_of_our_people_leads_with_who_they_are(
    tab: Tab, site_of: Callable[[str], Site], engine: str, strategic: sites.SampleAccount
) -> None:
    data = yaml.safe_load((sites.PROJECT / "data" / "accounts" / strategic.id / "account.yaml").read_text("utf-8"))
    ar = str(data["iron_triangle"]["ar"][0])
    driver = ENGINES[engine]
    tab.open(site_of(engine), "index.html")
    driver.open(tab.page)
    [hits] = driver.hits(tab.page, [strategic.named.zh])
    assert hits and hits[0].path.endswith(ACCOUNT_PAGE.format(id=strategic.id)), hits[:3]
    account = next(text for path, text in _hit_texts(tab.page, engine) if path.endswith(f"/{strategic.id}.html"))
    # The tier and the team that owns the account come first (the summary, or the page's facts).
    summary = account.split(strategic.named.en, 1)[-1][:400]
    assert "Strategic" in summary and _team_name(strategic.owner) in summary, account
    assert "opposes" not in summary, account
    name = _person_name(ar)
    [hits] = driver.hits(tab.page, [name])
    texts = [text for path, text in _hit_texts(tab.page, engine) if path.endswith(f"/people/{ar}.html")]
    assert texts, hits[:3]
    # Their title and team first: the summary's dot separates them.
    assert " · " in texts[0][:200], texts[0]
