"""What every page generator is given: the validated playbook, who the site is for, in which language."""

from __future__ import annotations

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

    @property
    def public(self) -> bool:
        return self.audience == "public"

    @cached_property
    def health(self) -> dict[str, Health]:
        """Every account's risk signals by account id, worked out once for all the pages."""
        from playbook.site.signals import work_out

        return work_out(self.playbook, self.findings, self.as_of, self.public)

    def source(self, path: str) -> str | None:
        """The address of a repository file (``data/...``) on the code host, or None."""
        return f"{self.source_url}{path}" if self.source_url else None
