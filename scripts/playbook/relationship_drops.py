"""Relationship drops: a key contact or a dimension scored lower than at the assessment before.

The validator warns about a drop no open action addresses (REL006); the heat map shows each
dimension's change and the gate the drops a change brings. All of them take the drops from
here, so that one drop is the same drop everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


def is_key_contact(contact: Contact, roles_needing_backup: Collection[str]) -> bool:
    """A contact whose loss hurts: in a buying role that needs a backup, or of high influence."""
    return contact.influence_level == "high" or contact.buying_role in roles_needing_backup


def latest_two(assessments: Sequence[Assessment], as_of: date) -> tuple[Assessment | None, Assessment | None]:
    """The latest assessment up to ``as_of`` and the one before it (``assessments`` oldest first)."""
    end = len(assessments)
    while end and assessments[end - 1].date > as_of:
        end -= 1
    return (assessments[end - 1] if end else None), (assessments[end - 2] if end > 1 else None)


def drops(
    account: Account, assessments: Sequence[Assessment], roles_needing_backup: Collection[str], as_of: date
) -> list[Drop]:
    """Every key contact and every dimension of ``account`` that fell since the assessment before the latest.

    ``assessments`` are the account's, oldest first; those after ``as_of`` are left out.
    """
    latest, previous = latest_two(assessments, as_of)
    if latest is None or previous is None:
        return []
    fell = [
        Drop(account.id, "contact", contact, before, after, previous.date, latest.date)
        for contact, after in latest.contacts.items()
        if (before := previous.contacts.get(contact)) is not None and after < before
    ]
    if fell:
        key = {contact.id for contact in account.contacts if is_key_contact(contact, roles_needing_backup)}
        fell = [drop for drop in fell if drop.id in key]
    fell += [
        Drop(account.id, "dimension", dimension, before, after, previous.date, latest.date)
        for dimension, after in latest.dimensions.items()
        if (before := previous.dimensions.get(dimension)) is not None and after < before
    ]
    return fell


def addressed(drop: Drop, account: Account) -> bool:
    """Whether an open (planned or in-progress) action of the account aims at what dropped."""
    for action in account.actions:
        if action.status not in OPEN_ACTION_STATUSES:
            continue
        if (action.contact if drop.kind == "contact" else action.dimension) == drop.id:
            return True
    return False
