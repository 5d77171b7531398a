"""The search index the build reshapes: names, aliases and Chinese suffixes; summaries first; no contact in public."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playbook.search.entries import SearchEntry
from playbook.search.index import NAMES_FIELD, shape_mkdocs, shape_zensical
from playbook.search.terms import WORD_BREAK, suffixes, terms, without_single_characters
from tests.test_site_build import make_repository, run

TODAY = "2026-10-15"
ZWS = WORD_BREAK


def test_every_run_of_two_or_more_characters_starts_a_suffix() -> None:
    name = "滨海省税务局"
    indexed = suffixes(name)
    assert indexed == ["滨海省税务局", "海省税务局", "省税务局", "税务局", "务局"]
    runs = {name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)}
    assert all(any(term.startswith(run) for term in indexed) for run in runs)


def test_terms_hold_names_aliases_and_their_suffixes_once_each() -> None:
    found = terms(["滨海省税务局", "Binhai Provincial Tax Service", "滨海税务", "BPTS", "滨海税务"])
    assert found[:5] == ("滨海省税务局", "海省税务局", "省税务局", "税务局", "务局")
    assert {"Binhai", "Provincial", "BPTS", "滨海税务", "海税务", "税务"} <= set(found)
    assert len(found) == len(set(found))
    # One character would match every word that starts with it: never a term.
    assert all(len(term) >= 2 for term in found)


def test_terms_of_mixed_text_take_each_chinese_run() -> None:
    assert terms(["ABC银行 华东分行"]) == ("ABC银行", "华东分行", "银行", "东分行", "分行")


def test_no_single_chinese_character_is_left_a_word() -> None:
    segmented = f"Role {ZWS}于{ZWS}海涛{ZWS} (Yu) {ZWS}数据{ZWS}与{ZWS}智能{ZWS}解决方案{ZWS}部 局{ZWS}领导 省"
    joined = without_single_characters(segmented)
    assert joined.replace(ZWS, "") == segmented.replace(ZWS, "")
    words = [word for part in joined.split() for word in part.split(ZWS) if word]
    assert f"{ZWS}于海涛{ZWS}" in joined
    assert "解决方案部" in words and "局领导" in words and "与智能" in words
    # A lone character between other text has no neighbour to join: it stays as it is.
    assert words[-1] == "省"


def _entry(page: str, anchor: str | None = None, title: str | None = None, account: bool = False) -> SearchEntry:
    return SearchEntry(page, anchor, title, "Strategic · owned by A &amp; B", ("滨海省税务局", "海省税务局"), account)


def test_mkdocs_entries_get_their_terms_boost_and_summary() -> None:
    data = {
        "config": {"fields": {"title": {"boost": 1000.0}}},
        "docs": [
            {"location": "accounts/a.html", "title": f"滨海省{ZWS}税务局", "text": "<ul><li>x</li></ul>"},
            {"location": "accounts/a.html#power-map", "title": "Power map", "text": f"乔{ZWS}春生"},
            {"location": "teams/t.html", "title": "T", "text": ""},
        ],
    }
    shaped = shape_mkdocs(data, [_entry("accounts/a", account=True), _entry("accounts/a", "qiao", "乔春生")])
    assert shaped["config"]["fields"][NAMES_FIELD] == {"boost": 1000.0}
    assert shaped["config"]["fields"]["title"] == {"boost": 1000.0}
    docs = shaped["docs"]
    assert [doc["location"] for doc in docs] == [
        "accounts/a.html",
        "accounts/a.html#power-map",
        "accounts/a.html#qiao",
        "teams/t.html",
    ]
    page, power_map, contact, team = docs
    assert page[NAMES_FIELD] == "滨海省税务局 海省税务局" and page["boost"] == 2.0
    assert page["text"].startswith("<p>Strategic · owned by A &amp; B</p> <ul>")
    assert power_map["text"] == "乔春生"
    assert contact == {
        "location": "accounts/a.html#qiao",
        "title": "乔春生",
        "text": "Strategic · owned by A &amp; B",
        NAMES_FIELD: "滨海省税务局 海省税务局",
    }
    assert NAMES_FIELD not in team


def test_entries_of_pages_the_site_does_not_have_are_skipped() -> None:
    data = {"config": {}, "docs": [{"location": "index.html", "title": "Home", "text": ""}]}
    shaped = shape_mkdocs(data, [_entry("accounts/gone"), _entry("accounts/gone", "qiao", "乔春生")])
    assert shaped["docs"] == [{"location": "index.html", "title": "Home", "text": ""}]


def test_directory_urls_are_found_too() -> None:
    data = {"config": {}, "docs": [{"location": "accounts/a/", "title": "A", "text": ""}]}
    shaped = shape_mkdocs(data, [_entry("accounts/a", account=True)])
    assert shaped["docs"][0][NAMES_FIELD]


def test_zensical_terms_go_into_a_hidden_part_of_the_title() -> None:
    data = {
        "config": {},
        "items": [
            {"location": "accounts/a.html", "level": 1, "title": "滨海省税务局", "text": "<ul></ul>", "tags": ["T"]},
            {
                "location": "accounts/a.html#x",
                "level": 2,
                "title": "X",
                "text": "",
                "path": ["滨海省税务局"],
                "tags": [],
            },
            {"location": "index.html", "level": 1, "title": "Home", "text": ""},
        ],
    }
    shaped = shape_zensical(data, [_entry("accounts/a", account=True), _entry("accounts/a", "qiao", "<乔>")])
    page, section, contact, _ = shaped["items"]
    # An account's names lead its title: Zensical ranks a title match by how early it comes.
    assert page["title"] == '<span hidden="hidden">滨海省税务局 海省税务局</span>滨海省税务局'
    assert page["text"].startswith("<p>Strategic")
    assert section["title"] == "X"
    assert contact["location"] == "accounts/a.html#qiao"
    assert contact["title"].startswith("<乔>")
    assert contact["path"] == ["滨海省税务局"] and contact["tags"] == ["T"]


def test_zensical_titles_that_start_with_an_accounts_name_run_give_way_to_the_account() -> None:
    """A page titled by the query (a domain, an industry, a team) would come before the account."""
    items = [
        {"location": "accounts/a.html", "level": 1, "title": "滨海省税务局 (Binhai Tax)", "text": ""},
        {
            "location": "accounts/by/domain-tax.html",
            "level": 1,
            "title": "税务 (Tax)",
            "text": "",
            "path": ["税务 (Tax)"],
        },
        {
            "location": "accounts/by/domain-tax.html#s",
            "level": 2,
            "title": "税务 2",
            "text": "",
            "path": ["税务 (Tax)"],
        },
        {"location": "teams/t.html", "level": 1, "title": "海省税务组 (Team)", "text": ""},
        {"location": "teams/u.html", "level": 1, "title": "华东区域部 (East)", "text": ""},
    ]
    entries = [
        SearchEntry("accounts/a", None, None, "", ("滨海省税务局", "海省税务局", "税务局", "务局"), True),
        SearchEntry("teams/t", None, None, "", ("海省税务组", "省税务组"), False),
        SearchEntry("teams/u", None, None, "", ("华东区域部",), False),
    ]
    account, domain, section, team, other = shape_zensical({"items": items}, entries)["items"]
    assert account["title"].endswith("</span>滨海省税务局 (Binhai Tax)")
    # Shown the same, but no longer a word of the title's: found by the path (or the hidden names).
    assert domain["title"] == "税<wbr>务 (Tax)" and domain["path"] == ["税务 (Tax)"]
    assert team["title"] == '海<wbr>省<wbr>税<wbr>务<wbr>组 (Team)<span hidden="hidden">海省税务组 省税务组</span>'
    # A section's title is its only name, and a name that no account's shares stays as it is.
    assert section["title"] == "税务 2"
    assert other["title"].startswith("华东区域部 (East)")


def test_terms_are_escaped_in_zensicals_title() -> None:
    entry = SearchEntry("accounts/a", None, None, "", ("<img src=x onerror=alert(1)>",), True)
    data = {"config": {}, "items": [{"location": "accounts/a.html", "title": "A", "text": ""}]}
    title = shape_zensical(data, [entry])["items"][0]["title"]
    assert "<img" not in title and "&lt;img" in title


# --- the build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repository(tmp_path_factory.mktemp("search") / "repo")
    account = root / "data" / "accounts" / "acme" / "account.yaml"
    text = account.read_text(encoding="utf-8")
    account.write_text(text.replace("\nname:", "\naliases: [艾行, '<b>AB</b>']\nname:", 1), encoding="utf-8")
    return root


def _index(site: Path) -> dict[str, object]:
    loaded = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _build(root: Path, site: Path, *extra: str) -> None:
    result = run("build", "--root", root, "--site-dir", site, "--today", TODAY, *extra)
    assert result.code == 0, result.stderr


def test_the_built_index_finds_the_account_by_alias_and_suffix(repository: Path, tmp_path: Path) -> None:
    _build(repository, tmp_path / "site")
    docs = {doc["location"]: doc for doc in _index(tmp_path / "site")["docs"]}  # type: ignore[index]
    account = docs["accounts/acme.html"]
    assert {"艾行", "克美银行", "美银行", "银行"} <= set(account[NAMES_FIELD].split())
    assert account["boost"] == 2.0
    # The contact has an entry of its own, at its node of the power map, on the internal site.
    assert "赵雷" in docs["accounts/acme.html#zhao-lei"][NAMES_FIELD]
    page = (tmp_path / "site" / "accounts" / "acme.html").read_text(encoding="utf-8")
    assert 'id="zhao&#45;lei"' in page or 'id="zhao-lei"' in page
    # The alias is shown on the page, as text.
    assert "艾行" in page and "&lt;b&gt;AB&lt;/b&gt;" in page and "<b>AB</b>" not in page


def test_the_public_index_names_no_contact(repository: Path, tmp_path: Path) -> None:
    _build(repository, tmp_path / "site", "--audience", "public")
    docs = _index(tmp_path / "site")["docs"]  # type: ignore[index]
    # The rule reference's examples name made-up people of their own: the account's entries are read.
    text = json.dumps([doc for doc in docs if "acme" in doc["location"]], ensure_ascii=False).replace(ZWS, "")
    assert "赵雷" not in text and "钱宇" not in text and "zhao-lei" not in text
    assert "艾行" in text


def test_the_same_data_gives_the_same_zensical_index(repository: Path, tmp_path: Path) -> None:
    # MkDocs' whole site is compared byte for byte in test_site_build.
    _build(repository, tmp_path / "one", "--engine", "zensical")
    _build(repository, tmp_path / "two", "--engine", "zensical")
    first = (tmp_path / "one" / "search.json").read_bytes()
    assert first == (tmp_path / "two" / "search.json").read_bytes()
    assert b'<span hidden=\\"hidden\\">' in first and "艾行".encode() in first


def test_contacts_join_their_account_when_their_items_would_halve_zensicals_section_limit() -> None:
    items = [{"location": f"p{number}.html", "title": "P", "text": ""} for number in range(7)]
    items.append({"location": "accounts/a.html", "title": "A", "text": ""})
    contacts = [_entry("accounts/a", "qiao", "乔春生")]
    # 8 items and 1 more: past 2 ** 3, the contact's terms go on the account's own item.
    shaped = shape_zensical({"items": [dict(item) for item in items]}, contacts)["items"]
    assert len(shaped) == 8
    assert shaped[-1]["title"] == 'A<span hidden="hidden">滨海省税务局 海省税务局</span>'
    # 7 items and 1 more stay within 2 ** 3: the contact gets an item of its own.
    shaped = shape_zensical({"items": [dict(item) for item in items[1:]]}, contacts)["items"]
    assert [item["location"] for item in shaped][-1] == "accounts/a.html#qiao"


def test_a_very_long_name_adds_at_most_sixteen_characters_a_character() -> None:
    name = "滨" * 5000
    found = terms([name])
    assert sum(map(len, found)) <= 16 * len(name) + len(name)
    assert all(len(term) <= 16 for term in found if term != name)


def test_mkdocs_names_are_escaped_like_the_rest_of_the_index() -> None:
    entry = SearchEntry("accounts/a", None, None, "", ("<img src=x onerror=alert(1)>",), True)
    data = {"config": {}, "docs": [{"location": "accounts/a.html", "title": "A", "text": ""}]}
    assert shape_mkdocs(data, [entry])["docs"][0][NAMES_FIELD] == "&lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize("alias", ["'  '", '"two\\nlines"'])
def test_a_blank_or_broken_alias_is_a_finding(tmp_path: Path, alias: str) -> None:
    root = make_repository(tmp_path / "repo")
    account = root / "data" / "accounts" / "acme" / "account.yaml"
    text = account.read_text(encoding="utf-8")
    account.write_text(text.replace("\nname:", f"\naliases: [艾行, {alias}]\nname:", 1), encoding="utf-8")
    result = run("validate", "--root", root, "--today", TODAY)
    assert result.code == 1
    line = next(
        number for number, row in enumerate(account.read_text(encoding="utf-8").splitlines(), 1) if "aliases" in row
    )
    assert (
        f"data/accounts/acme/account.yaml:{line}:15: error SCH001 aliases[1]: an alias is a name on one line"
        in result.stdout
    )
