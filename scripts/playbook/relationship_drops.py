"""Relationship drops: a key contact or a dimension scored lower than at the assessment before.

The validator warns about a drop no open action addresses (REL006); the heat map shows each
dimension's change and the gate the drops a change brings. All of them take the drops from
here, so that one drop is the same drop everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from playbook.models import Account, Assessment
from playbook.models.account import OPEN_ACTION_STATUSES, Contact

#: What dropped: one of the customer's people, or a relationship dimension.
Kind = Literal["contact", "dimension"]


@dataclass(frozen=True)
class Drop:
    """A level that fell between two assessments of one account."""

    account: str
    kind: Kind
    #: The contact id or the dimension id.
    id: str
    before: int
    after: int
    before_date: date
    after_date: date

    @property
    def levels(self) -> int:
        """By how many levels it fell (1 or more)."""
        return self.before - self.after

    @property
    def section(self) -> str:
        """The key of the assessment's section that holds it: ``contacts`` or ``dimensions``."""
        return "contacts" if self.kind == "contact" else "dimensions"


def change(latest: Assessment, previous: Assessment | None, kind: Kind, identifier: str) -> int | None:
    """How a contact's or a dimension's level moved from ``previous`` to ``latest`` (None when either lacks it)."""
    scores = latest.contacts if kind == "contact" else latest.dimensions
    now = scores.get(identifier)
    if previous is None or now is None:
        return None
    before = (previous.contacts if kind == "contact" else previous.dimensions).get(identifier)
    return None if before is None else now - before


def is_key_contact(contact: Contact, roles_needing_backup: Iterable[str]) -> bool:
    """A contact whose loss hurts: in a buying role that needs a backup, or of high influence."""
    return contact.influence_level == "high" or contact.buying_role in set(roles_needing_backup)


def latest_two(assessments: Sequence[Assessment], as_of: date) -> tuple[Assessment | None, Assessment | None]:
    """The latest assessment up to ``as_of`` and the one before it (``assessments`` oldest first)."""
    dated = [assessment for assessment in assessments if assessment.date <= as_of]
    latest = dated[-1] if dated else None
    previous = dated[-2] if len(dated) > 1 else None
    return latest, previous


def drops(
    account: Account, assessments: Sequence[Assessment], roles_needing_backup: Iterable[str], as_of: date
) -> list[Drop]:
    """Every key contact and every dimension of ``account`` that fell since the assessment before the latest.

    ``assessments`` are the account's, oldest first; those after ``as_of`` are left out.
    """
    latest, previous = latest_two(assessments, as_of)
    if latest is None or previous is None:
        return []
    roles = set(roles_needing_backup)
    key_contacts = {contact.id for contact in account.contacts if is_key_contact(contact, roles)}
    found = [
        _fell(account.id, "contact", contact, latest, previous)
        for contact in latest.contacts
        if contact in key_contacts
    ]
    found += [_fell(account.id, "dimension", dimension, latest, previous) for dimension in latest.dimensions]
    return [drop for drop in found if drop is not None]


def _fell(account: str, kind: Kind, identifier: str, latest: Assessment, previous: Assessment) -> Drop | None:
    moved = change(latest, previous, kind, identifier)
    if moved is None or moved >= 0:
        return None
    after = (latest.contacts if kind == "contact" else latest.dimensions)[identifier]
    return Drop(account, kind, identifier, after - moved, after, previous.date, latest.date)


def addressed(drop: Drop, account: Account) -> bool:
    """Whether an open (planned or in-progress) action of the account aims at what dropped."""
    for action in account.actions:
        if action.status not in OPEN_ACTION_STATUSES:
            continue
        if (action.contact if drop.kind == "contact" else action.dimension) == drop.id:
            return True
    return False
