"""The health of each account: the signals that put it at risk, worked out once per site.

Six signals, each shown where it comes from: a relationship that dropped since the previous
assessment (a dimension, or a key contact), actions past their due date, an assessment older
than the tier's review cadence, iron-triangle roles nobody holds, key contacts without a
backup, and errors the validator found in the account's files. The home page, the accounts
index, the heat map and each account page read them from here, so they always agree.

On a public site the two signals about the customer's people (drops and contacts without a
backup) are left out: they come from relationship levels and contacts, which it does not show.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from playbook.findings import Finding
from playbook.models import Account, Assessment
from playbook.models.account import OPEN_ACTION_STATUSES, Action, Contact
from playbook.models.common import TRIANGLE_ROLES, TriangleRole
from playbook.models.tiers import Tier
from playbook.repository import Playbook
from playbook.site.heatmap_page import HeatRow

#: The signals, in the order the pages show them.
SIGNALS = ("drop", "overdue", "stale", "triangle", "backup", "errors")
#: Signals that come from the customer's people, left out of a public site.
PERSONAL_SIGNALS = frozenset({"drop", "backup"})
#: Where on an account page each signal shows (heading anchors of ``account_pages``).
ANCHORS = {
    "drop": "relationship-trend",
    "overdue": "action-plan",
    "stale": "relationship-trend",
    "triangle": "iron-triangle",
    "backup": "contacts",
    "errors": "findings",
}


def overdue(action: Action, as_of: date) -> bool:
    """An open action (planned or in progress) whose due date has passed."""
    return action.status in OPEN_ACTION_STATUSES and action.due < as_of


def key_contact(contact: Contact, backed_roles: frozenset[str]) -> bool:
    """A contact who must not depend on one person of ours: a role that needs a backup, or high influence."""
    return contact.buying_role in backed_roles or contact.influence_level == "high"


@dataclass(frozen=True)
class Health:
    """One account's signals as of the site's day."""

    account: Account
    #: The account's folder (where its findings point).
    folder: str
    tier: Tier | None
    #: The latest assessment up to the site's day and the one before it.
    row: HeatRow | None
    #: Dimension ids and contact ids whose level dropped since the previous assessment.
    dropped_dimensions: tuple[str, ...]
    dropped_contacts: tuple[str, ...]
    overdue: int
    #: Days since the latest assessment when that is longer than the tier's cadence; -1 when
    #: the tier wants assessments and there is none.
    stale_days: int | None
    missing_roles: tuple[TriangleRole, ...]
    #: Ids of key contacts without a backup of ours.
    unbacked: tuple[str, ...]
    errors: int
    warnings: int

    @property
    def latest(self) -> Assessment | None:
        return self.row.latest if self.row else None

    def has(self, signal: str) -> bool:
        if signal == "drop":
            return bool(self.dropped_dimensions or self.dropped_contacts)
        if signal == "overdue":
            return self.overdue > 0
        if signal == "stale":
            return self.stale_days is not None
        if signal == "triangle":
            return bool(self.missing_roles)
        if signal == "backup":
            return bool(self.unbacked)
        return self.errors > 0

    def flags(self, public: bool) -> list[str]:
        """The signals this account raises, in page order."""
        return [signal for signal in SIGNALS if not (public and signal in PERSONAL_SIGNALS) and self.has(signal)]


def work_out(playbook: Playbook, findings: tuple[Finding, ...], as_of: date, public: bool) -> dict[str, Health]:
    """Every account's health by account id (the first account of a repeated id)."""
    errors: dict[str, int] = defaultdict(int)
    warnings: dict[str, int] = defaultdict(int)
    for finding in findings:
        parts = finding.path.split("/", 3)
        if len(parts) >= 4 and parts[0] == "data" and parts[1] == "accounts":
            (errors if finding.is_error else warnings)[parts[2]] += 1
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    backed = frozenset(role.id for role in taxonomy.buying_roles if role.needs_backup) if taxonomy else frozenset()
    health: dict[str, Health] = {}
    for sourced in playbook.accounts:
        account = sourced.model
        if account.id in health:
            continue
        dated = [
            item.model for item in playbook.assessments_by_account.get(sourced.stem, []) if item.model.date <= as_of
        ]
        row = HeatRow(account, dated[-1], dated[-2] if len(dated) > 1 else None) if dated else None
        tier = playbook.tier_of(account)
        health[account.id] = Health(
            account=account,
            folder=sourced.stem,
            tier=tier,
            row=row,
            dropped_dimensions=() if public or row is None else row.dropped_dimensions(),
            dropped_contacts=() if public or row is None else row.dropped_contacts(),
            overdue=sum(1 for action in account.actions if overdue(action, as_of)),
            stale_days=_stale_days(tier, row, as_of),
            missing_roles=_missing_roles(tier, account),
            unbacked=() if public else _unbacked(account, backed),
            errors=errors.get(sourced.stem, 0),
            warnings=warnings.get(sourced.stem, 0),
        )
    return health


def _stale_days(tier: Tier | None, row: HeatRow | None, as_of: date) -> int | None:
    """As the ASM002 rule judges it: older than the cadence, or missing where a triangle is required."""
    if tier is None:
        return None
    if row is None:
        return -1 if tier.iron_triangle_required else None
    age = (as_of - row.latest.date).days
    return age if age > tier.review_cadence_days else None


def _missing_roles(tier: Tier | None, account: Account) -> tuple[TriangleRole, ...]:
    if tier is None or not tier.iron_triangle_required:
        return ()
    return tuple(role for role in TRIANGLE_ROLES if not getattr(account.iron_triangle, role))


def _unbacked(account: Account, backed: frozenset[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    found = []
    for contact in account.contacts:
        if contact.id in seen:
            continue
        seen.add(contact.id)
        if key_contact(contact, backed) and (contact.backup is None or contact.backup == contact.owner):
            found.append(contact.id)
    return tuple(found)
