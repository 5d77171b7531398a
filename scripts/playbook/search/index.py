"""Reshape a built site's search index with the playbook's search entries (``entries.entries``).

MkDocs (mkdocs-material) writes ``search/search_index.json``: its documents (one a page section)
and the config its browser search builds a lunr index from, fields included. Each entry's
terms go into a field of their own, ``names``, that the browser indexes and never shows, as
strongly weighted as a title; an account's page is boosted above the teams and people that
share its name; its summary becomes the first paragraph of the page's first document; every
one-character Chinese word is joined to a neighbour (``terms.without_single_characters``).

Zensical writes ``search.json``: its items (one a page section) and the config, and its
browser search indexes the fields title, text and path. The terms go into the title inside
``<span hidden>``, which its search indexes and its result list keeps hidden, and the summary
leads the text. A contact's entry is a document (an item) of its own, at the contact's node of
the power map, after the page's other sections. Zensical ranks a title match by how early in
the title it comes, so an account's terms lead its title, and a word of another page's title
that starts with a run of an account's name is split by ``<wbr>`` (which shows nothing): that
page is found by its path or its own hidden terms, after the account.

Both files are written back as their engine writes them, so the same data gives the same site.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import Any

from playbook.errors import PlaybookError
from playbook.search.entries import SearchEntry
from playbook.search.terms import HAN_RUN, without_single_characters

MKDOCS_INDEX = "search/search_index.json"
ZENSICAL_INDEX = "search.json"
#: The field of an MkDocs document that holds its terms: indexed, never shown.
NAMES_FIELD = "names"
#: As strong as a title (mkdocs-material weighs a title 1000 and the text 1).
NAMES_BOOST = 1000.0
#: An account's page against a team's or a person's that shares its name.
ACCOUNT_BOOST = 2.0
_HIDDEN = '<span hidden="hidden">'
#: Between the characters of a word that search should not match in a title: a word-break
#: opportunity, which shows nothing, but Zensical's index splits words at every tag.
_BREAK = "<wbr>"
#: The hidden part of a title (its terms are escaped: no tag inside).
_VISIBLE = re.compile(re.escape(_HIDDEN) + "[^<]*</span>")
Document = dict[str, Any]
Place = Callable[[Document, SearchEntry], None]
Added = Callable[[SearchEntry, str, Document], Document]


def shape(site: Path, engine: str, entries: Iterable[SearchEntry]) -> None:
    """Reshape the search index the ``engine`` wrote into ``site``; nothing when the site has none."""
    if engine == "mkdocs":
        _rewrite(site / MKDOCS_INDEX, lambda data: shape_mkdocs(data, entries), ensure_ascii=True)
    elif engine == "zensical":
        _rewrite(site / ZENSICAL_INDEX, lambda data: shape_zensical(data, entries), ensure_ascii=False)
    else:
        raise PlaybookError(f"no search index is known for the site engine {engine!r}")


def shape_mkdocs(data: dict[str, Any], entries: Iterable[SearchEntry]) -> dict[str, Any]:
    """mkdocs-material's search index with the entries' terms, boosts and summaries."""
    config = data.setdefault("config", {})
    fields = config.get("fields")
    config["fields"] = {**(fields if isinstance(fields, dict) else {}), NAMES_FIELD: {"boost": NAMES_BOOST}}
    docs: list[dict[str, Any]] = data.setdefault("docs", [])
    for doc in docs:
        for key in ("title", "text"):
            if isinstance(doc.get(key), str):
                doc[key] = without_single_characters(doc[key])

    def place(doc: dict[str, Any], entry: SearchEntry) -> None:
        doc[NAMES_FIELD] = escape(" ".join(entry.terms))
        if entry.account:
            doc["boost"] = ACCOUNT_BOOST
        if entry.anchor is None and entry.summary:
            doc["text"] = _lead(entry.summary, str(doc.get("text", "")))

    def added(entry: SearchEntry, location: str, page: dict[str, Any]) -> dict[str, Any]:
        return {"location": location, "title": entry.title or "", "text": entry.summary}

    data["docs"] = _merged(docs, entries, place, added)
    return data


def shape_zensical(data: dict[str, Any], entries: Iterable[SearchEntry]) -> dict[str, Any]:
    """Zensical's search index with the entries' terms (in a hidden part of the title) and summaries."""
    items: list[dict[str, Any]] = data.setdefault("items", [])
    entries = _within_zensicals_limit(items, list(entries))

    def place(item: dict[str, Any], entry: SearchEntry) -> None:
        hidden = f"{_HIDDEN}{escape(' '.join(entry.terms))}</span>" if entry.terms else ""
        title = str(item.get("title", ""))
        # Zensical ranks a title match by how early in the title it comes: an account's names lead.
        item["title"] = f"{hidden}{title}" if entry.account else f"{title}{hidden}"
        if entry.anchor is None and entry.summary:
            item["text"] = _lead(entry.summary, str(item.get("text", "")))

    def added(entry: SearchEntry, location: str, page: dict[str, Any]) -> dict[str, Any]:
        # Found under its page, as the page's sections are: the page's title (without its terms) as its path.
        title = _VISIBLE.sub("", str(page.get("title", "")))
        return {
            "location": location,
            "level": 2,
            "title": entry.title or "",
            "text": entry.summary,
            "path": [title],
            "tags": list(page.get("tags") or []),
        }

    data["items"] = _merged(items, entries, place, added)
    runs = _account_runs(entries)
    accounts = {f"{entry.page}{suffix}" for entry in entries if entry.account for suffix in (".html", "/")}
    for item in data["items"]:
        title = item.get("title")
        if str(item.get("location")) in accounts or not isinstance(title, str):
            continue
        # Only where the title's words are found anyway: a page's path repeats its title, and a
        # team's, person's or contact's names are in the hidden part.
        if item.get("level") == 1 or _HIDDEN in title:
            item["title"] = _unranked(title, runs)
    return data


def _account_runs(entries: Iterable[SearchEntry]) -> set[str]:
    """Every two characters running in an account's Chinese names and aliases."""
    return {
        run[start : start + 2]
        for entry in entries
        if entry.account
        for term in entry.terms
        for run in HAN_RUN.findall(term)
        for start in range(len(run) - 1)
    }


def _unranked(title: str, runs: set[str]) -> str:
    """``title`` with a word break between the characters of each Chinese word that starts with a
    run of an account's name.

    The title shows the same, but Zensical's index no longer holds the word, so a query for
    the run finds the page by its path (or its hidden names) instead, after the accounts
    whose names hold it.
    """
    visible, hidden, rest = title.partition(_HIDDEN)
    shown = HAN_RUN.sub(lambda run: _BREAK.join(run.group(0)) if run.group(0)[:2] in runs else run.group(0), visible)
    return shown + hidden + rest


def _within_zensicals_limit(items: list[Document], entries: list[SearchEntry]) -> list[SearchEntry]:
    """``entries``, or, when their new items would halve the longest section Zensical indexes, the
    same with each contact's terms put on its account's page instead of an item of its own.

    Zensical packs an item's number and a word's position into 32 bits: the section length it
    checked when it built the site holds while the count of items stays under the same power of two.
    """
    present = {str(item.get("location")) for item in items}
    pages = {location.split("#", 1)[0] for location in present}
    new = sum(
        1
        for entry in entries
        if entry.anchor is not None
        and any(
            f"{page}#{entry.anchor}" not in present
            for page in (f"{entry.page}.html", f"{entry.page}/")
            if page in pages
        )
    )
    if (len(items) + new - 1).bit_length() <= (len(items) - 1).bit_length():
        return entries
    return [
        entry if entry.anchor is None else SearchEntry(entry.page, None, None, "", entry.terms) for entry in entries
    ]


def _lead(summary: str, text: str) -> str:
    return f"<p>{summary}</p> {text}" if text else f"<p>{summary}</p>"


def _merged(
    docs: list[dict[str, Any]],
    entries: Iterable[SearchEntry],
    place: Place,
    added: Added,
) -> list[dict[str, Any]]:
    """``docs`` with each entry placed on its document, or added after its page's last document.

    An entry whose page the site does not have (a page left out) is skipped.
    """
    by_location = {str(doc.get("location")): doc for doc in docs}
    extra: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        page = next((page for page in (f"{entry.page}.html", f"{entry.page}/") if page in by_location), None)
        if page is None:
            continue
        location = page if entry.anchor is None else f"{page}#{entry.anchor}"
        doc = by_location.get(location)
        if doc is None:
            doc = added(entry, location, by_location[page])
            by_location[location] = doc
            extra.setdefault(page, []).append(doc)
        place(doc, entry)
    if not extra:
        return docs
    result: list[dict[str, Any]] = []
    for index, doc in enumerate(docs):
        result.append(doc)
        page = str(doc.get("location")).split("#", 1)[0]
        following = docs[index + 1] if index + 1 < len(docs) else None
        if page in extra and (following is None or str(following.get("location")).split("#", 1)[0] != page):
            result += extra.pop(page)
    return result


def _rewrite(path: Path, change: Callable[[Document], Document], ensure_ascii: bool) -> None:
    if not path.is_file():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PlaybookError(f"cannot read the search index {path.name} the engine wrote: {error}") from None
    if not isinstance(data, dict):
        raise PlaybookError(f"the search index {path.name} the engine wrote is not a mapping")
    text = json.dumps(change(data), separators=(",", ":"), ensure_ascii=ensure_ascii, default=str)
    path.write_text(text, encoding="utf-8")
