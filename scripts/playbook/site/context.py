"""What every page generator is given: the validated playbook, who the site is for, in which language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from playbook.findings import Finding
from playbook.repository import Playbook

if TYPE_CHECKING:
    from playbook.assign.summary import Summary

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
    #: The customer base from `playbook assign --format json` (build --customers), if given.
    customers: Summary | None = None

    @property
    def public(self) -> bool:
        return self.audience == "public"
