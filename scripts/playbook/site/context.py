"""What every page generator is given: the validated playbook, who the site is for, in which language."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from playbook.findings import Finding
from playbook.repository import Playbook

if TYPE_CHECKING:
    from playbook.assign.summary import Summary
    from playbook.site.signals import Health

Audience = Literal["internal", "public"]
#: Who a site is for. ``public`` leaves out personal data: contacts, relationship scores and
#: assessment notes, from the pages and so from the search index.
AUDIENCES: tuple[Audience, ...] = ("internal", "public")
Language = Literal["en", "zh"]


@dataclass(frozen=True)
class SiteContext:
    playbook: Playbook
    findings: tuple[Finding, ...]
    audience: Audience
    language: Language
    #: The day the site describes: overdue actions and stale assessments are judged against it.
    as_of: date
    #: Where the repository's files are shown or edited: mkdocs.yml's ``repo_url`` joined with its
    #: ``edit_uri`` (which points at the docs folder), then the path from the docs folder to the
    #: repository's root. ``None``: mkdocs.yml names no repository, and pages link to no source.
    source_url: str | None = None
    #: The customer base from `playbook assign --format json` (build --customers), if given.
    customers: Summary | None = None
    #: mkdocs.yml's ``use_directory_urls``: ``people/x.md`` is built as ``people/x/`` rather than
    #: ``people/x.html``. Links in raw HTML (a diagram's) are not rewritten by the engine, so
    #: ``address`` writes them as built.
    directory_urls: bool = False

    @property
    def public(self) -> bool:
        return self.audience == "public"

    @cached_property
    def health(self) -> dict[str, Health]:
        """Every account's risk signals by account id, worked out once for all the pages."""
        from playbook.site.signals import work_out

        return work_out(self.playbook, self.findings, self.as_of, self.public)

    def address(self, target: str, page: str) -> str:
        """Where the page built from ``target`` is, relative to the page built from ``page``.

        Both are paths in the docs folder (``people/li-ming.md``, ``accounts/x.md``): what a link
        in a diagram needs, since the engine rewrites the ``.md`` links of Markdown only.
        """
        target_url, page_url = self._built(target), self._built(page)
        folder = page_url[:-1] if page_url.endswith("/") else posixpath.dirname(page_url)
        relative = posixpath.relpath(target_url or ".", folder or ".")
        return relative + "/" if target_url.endswith("/") or not target_url else relative

    def _built(self, path: str) -> str:
        """The address of the page built from ``path``, from the site's root."""
        stem = path.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def source(self, path: str) -> str | None:
        """The address of a repository file (``data/...``) on the code host, or None."""
        return f"{self.source_url}{path}" if self.source_url else None
