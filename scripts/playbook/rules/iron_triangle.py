"""The iron triangle: every key account has an AR, an SR and an FR who can hold those roles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Account
from playbook.models.common import TRIANGLE_ROLES, TriangleRole
from playbook.repository import Playbook, Sourced
from playbook.rules.criteria import first_present
from playbook.rules.registry import Hit, rule

ROLE_NAMES: dict[TriangleRole, str] = {"ar": "AR", "sr": "SR", "fr": "FR"}


def triangle_seats(account: Sourced[Account]) -> Iterator[tuple[TriangleRole, int, str]]:
    """Each (role, position, person id) of the account's iron triangle."""
    for role in TRIANGLE_ROLES:
        for index, person in enumerate(getattr(account.model.iron_triangle, role)):
            yield role, index, person


@rule("TRI001", "iron-triangle-incomplete", Severity.ERROR)
def iron_triangle_incomplete(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account whose tier needs an iron triangle leaves a role empty.

    ## What it does
    For accounts in a tier with `iron_triangle_required: true`, checks that `iron_triangle`
    names at least one person for each of `ar`, `sr` and `fr`, and names the roles left
    empty.

    ## Why is this bad?
    Strategic and key accounts are won and kept by three people working as one: the account
    responsible for the relationship and the money, the solution responsible for the offer
    and its margin, the fulfilment responsible for delivery and satisfaction. With a corner
    missing, that work falls to whoever happens to be nearby, or to nobody.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.fr
    iron_triangle: {fr: []}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    iron_triangle: {fr: [fay-fr]}
    ```
    """
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is None or not tier.iron_triangle_required:
            continue
        missing = [role for role in TRIANGLE_ROLES if not getattr(account.model.iron_triangle, role)]
        if not missing:
            continue
        names = ", ".join(ROLE_NAMES[role] for role in missing)
        yield Hit(
            account.document,
            first_present(account.document, ("iron_triangle", missing[0]), ("iron_triangle",), ("tier",)),
            f"the iron triangle of '{account.model.id}' has no {names}, which tier '{tier.id}' requires:"
            " name who holds each role",
        )


@rule("TRI002", "role-not-held", Severity.WARNING)
def role_not_held(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A person sits on an iron triangle in a role their team membership does not give them.

    ## What it does
    Checks that every person named under `iron_triangle.ar`, `.sr` or `.fr` lists that role
    in the `roles` of their membership in their team charter.

    ## Why is this bad?
    The roles in a team charter say what a person is trained and staffed for. Someone put on
    an account as its solution responsible without being one, usually to fill a gap on
    paper, leaves the account without real pricing and tender ownership, and the gap is
    invisible in every report.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.fr.0
    iron_triangle: {fr: [sam-sr]}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    iron_triangle: {fr: [fay-fr]}
    ```
    """
    for account in playbook.accounts:
        for role, index, person_id in triangle_seats(account):
            person = playbook.person_by_id.get(person_id)
            if person is None or role in person.member.roles:
                continue
            held = ", ".join(ROLE_NAMES[held] for held in person.member.roles) or "no role"
            yield Hit(
                account.document,
                ("iron_triangle", role, index),
                f"'{person_id}' is {ROLE_NAMES[role]} on '{account.model.id}' but holds {held} in team"
                f" '{person.team.model.id}': add '{role}' to their roles or choose someone who holds it",
            )


@rule("TRI003", "ar-outside-owner", Severity.ERROR)
def ar_outside_owner(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account's AR is not a member of the team that owns the account.

    ## What it does
    Checks that every person under `iron_triangle.ar` is a member of the account's owning
    team (`owner`).

    ## Why is this bad?
    Ownership is the point of the coverage model: one front-line team answers for the
    customer. An account responsible from another team splits that answer in two, the
    classic overlap where two teams both claim the customer and neither is accountable.
    Solution and delivery teams fill SR and FR; the AR comes from the owner.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.ar.0
    iron_triangle: {ar: [nick-north]}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    iron_triangle: {ar: [amy-ar]}
    ```
    """
    for account in playbook.accounts:
        owner = account.model.owner
        if owner not in playbook.team_by_id:
            continue
        for index, person_id in enumerate(account.model.iron_triangle.ar):
            person = playbook.person_by_id.get(person_id)
            if person is None or person.team.model.id == owner:
                continue
            yield Hit(
                account.document,
                ("iron_triangle", "ar", index),
                f"AR '{person_id}' of '{account.model.id}' is in team '{person.team.model.id}', not in its owning"
                f" team '{owner}': choose an AR from '{owner}'",
            )
