"""The action plan: actions are owned by people on the account, kept on time, and aimed at weak spots."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Account
from playbook.models.account import OPEN_ACTION_STATUSES
from playbook.repository import Playbook
from playbook.rules.assessments import latest_assessment
from playbook.rules.registry import Hit, rule

#: A dimension scored at or below this (neutral or opposing) needs an open action.
WEAK_DIMENSION = 0
#: A contact at this level opposes us and needs an open action.
OPPOSES = -1


@rule("ACT001", "action-overdue", Severity.WARNING)
def action_overdue(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A planned or in-progress action is past its due date.

    ## What it does
    Reports actions with `status` planned or in_progress whose `due` date is before today.

    ## Why is this bad?
    The action plan is the "do" of plan, do, check, act. An action past its date is either
    done and not recorded, or slipping without anyone deciding so; either way the next
    review starts from a plan nobody believes.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: actions.0.due
    actions:
      - {id: act-1, title: Executive visit, owner: amy-ar, due: 2026-09-30, status: planned, contact: zhao-lei}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    actions:
      - {id: act-1, title: Executive visit, owner: amy-ar, due: 2026-09-30, status: done, contact: zhao-lei}
    ```
    """
    for account in playbook.accounts:
        for index, action in enumerate(account.model.actions):
            if action.status in OPEN_ACTION_STATUSES and action.due < as_of:
                yield Hit(
                    account.document,
                    ("actions", index, "due"),
                    f"action '{action.id}' of '{account.model.id}' was due on {action.due.isoformat()} and is still"
                    f" {action.status}: mark it done or dropped, or set a new due date",
                )


def _people_on(account: Account) -> set[str]:
    """The iron triangle and the owners and backups of the account's contacts."""
    triangle = account.iron_triangle
    people = {*triangle.ar, *triangle.sr, *triangle.fr}
    for contact in account.contacts:
        people.update(person for person in (contact.owner, contact.backup) if person is not None)
    return people


@rule("ACT002", "action-owner-off-account", Severity.WARNING)
def action_owner_off_account(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An action is owned by someone who does not work on the account.

    ## What it does
    Reports an action whose `owner` is neither on the account's iron triangle, nor the
    owner or backup of one of its contacts, nor a member of the account's owning team.

    ## Why is this bad?
    An action given to someone outside the account team has no one to chase it: it does not
    come up in their own reviews, and the account team assumes it is in hand. Bring the
    person onto the account first (as a contact's owner, say), then give them the action.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: actions.0.owner
    actions:
      - {id: act-1, title: Executive visit, owner: nick-north, due: 2026-11-30, status: planned}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    actions:
      - {id: act-1, title: Executive visit, owner: nina-lead, due: 2026-11-30, status: planned}
    ```
    """
    for account in playbook.accounts:
        people = _people_on(account.model)
        for index, action in enumerate(account.model.actions):
            person = playbook.person_by_id.get(action.owner)
            if person is None or action.owner in people or person.team.model.id == account.model.owner:
                continue
            yield Hit(
                account.document,
                ("actions", index, "owner"),
                f"action '{action.id}' of '{account.model.id}' is owned by '{action.owner}' of team"
                f" '{person.team.model.id}', who does not work on the account: give it to someone on the account"
                " team",
            )


@rule("ACT003", "weak-relationship-without-action", Severity.WARNING)
def weak_relationship_without_action(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The latest assessment shows a weak relationship that no open action addresses.

    ## What it does
    Looks at each account's latest assessment (not dated in the future), for accounts whose
    tier does not treat contacts and relationships (the ECM management line) as optional.
    For a relationship dimension scored 0 or below (neutral or opposing), checks that a
    planned or in-progress action names that `dimension`; for a contact at -1 (opposes us),
    that one names that `contact`.

    ## Why is this bad?
    Assessments exist to drive action: the check in plan, do, check, act. A weak spot that
    is scored and then left alone will be scored the same next quarter, and a contact who
    opposes us, left unattended, is the one who blocks the next deal.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    # expect: dimensions.executive
    dimensions: {executive: 0}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    dimensions: {executive: 0}
    # data/accounts/acme/account.yaml
    actions:
      - id: act-1
        title: Executive visit
        owner: amy-ar
        due: 2026-11-30
        status: planned
        contact: zhao-lei
        dimension: executive
    ```
    """
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is None or tier.management_lines.get("ecm", "optional") == "optional":
            continue
        latest = latest_assessment(playbook, account, as_of)
        if latest is None:
            continue
        open_actions = [action for action in account.model.actions if action.status in OPEN_ACTION_STATUSES]
        aimed_dimensions = {action.dimension for action in open_actions}
        aimed_contacts = {action.contact for action in open_actions}
        for dimension, level in latest.model.dimensions.items():
            if level <= WEAK_DIMENSION and dimension not in aimed_dimensions:
                yield Hit(
                    latest.document,
                    ("dimensions", dimension),
                    f"relationship dimension '{dimension}' of '{account.model.id}' is scored {level} and no open action"
                    f" aims at it: plan one with dimension: {dimension}",
                )
        for contact, level in latest.model.contacts.items():
            if level <= OPPOSES and contact not in aimed_contacts:
                yield Hit(
                    latest.document,
                    ("contacts", contact),
                    f"contact '{contact}' of '{account.model.id}' opposes us and no open action aims at them: plan"
                    f" one with contact: {contact}",
                )
