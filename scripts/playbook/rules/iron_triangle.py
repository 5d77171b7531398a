"""The iron triangle: every key account has an AR, an SR and an FR who can hold those roles."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Account
from playbook.models.common import TRIANGLE_ROLES, TriangleRole
from playbook.ownership import supporters
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
    team (`owner`). The one exception is the simplified model's stand-in: a person from a
    supporting team that the account records under `acting_ar`, with a reason (TRI004
    checks that record).

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
        recorded = {acting.person for acting in account.model.acting_ar}
        for index, person_id in enumerate(account.model.iron_triangle.ar):
            person = playbook.person_by_id.get(person_id)
            if person is None or person.team.model.id == owner or person_id in recorded:
                continue
            hint = ""
            if any(team.model.id == person.team.model.id for team in supporters(playbook, account.model)):
                hint = f", or record '{person_id}' under acting_ar with the reason they stand in"
            yield Hit(
                account.document,
                ("iron_triangle", "ar", index),
                f"AR '{person_id}' of '{account.model.id}' is in team '{person.team.model.id}', not in its owning"
                f" team '{owner}': choose an AR from '{owner}'{hint}",
            )


@rule("TRI004", "acting-ar-not-allowed", Severity.ERROR)
def acting_ar_not_allowed(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An acting-AR record that does not hold: not an AR, not from a supporting team, or no reason.

    ## What it does
    Checks each entry of an account's `acting_ar`: the account must be owned by a regional
    team; the person must be named under `iron_triangle.ar`, must not be on the owning team
    already, and must be a member of a key-account or government team with `ownership:
    supports` whose scope takes in the account (its industry or domain, in a region at or
    below the team's regions); and the reason must say something.

    ## Why is this bad?
    In the simplified model the regional office owns the key account, and the key-account
    director takes the sales role himself only where the office's key-account base is weak
    (补位). That is an exception to one team answering for the customer, so it must be
    visible and explained, and it is open only to the team that supports that region: an
    AR from anywhere else is a second owner, the overlap the coverage model prevents.

    ## Example
    ```yaml
    # data/teams/finance-key-accounts.yaml
    ownership: supports
    # data/accounts/acme/account.yaml
    # expect: acting_ar.0.person
    owner: north-region
    overlays:
      - {team: finance-key-accounts, credit_pct: 100, role: Key-account director}
    iron_triangle: {ar: [tom-tax], sr: [sam-sr], fr: [fay-fr]}
    acting_ar:
      - {person: tom-tax, reason: The north office has no seller for key accounts}
    contacts: []
    actions: []
    ```

    ## Use instead
    ```yaml
    # data/teams/finance-key-accounts.yaml
    ownership: supports
    # data/accounts/acme/account.yaml
    owner: north-region
    overlays:
      - {team: finance-key-accounts, credit_pct: 100, role: Key-account director}
    iron_triangle: {ar: [nina-lead], sr: [sam-sr], fr: [fay-fr]}
    acting_ar:
      - {person: nina-lead, reason: The north office has no seller for key accounts}
    contacts: []
    actions: []
    ```
    """
    for account in playbook.accounts:
        model = account.model
        backing = {team.model.id for team in supporters(playbook, model)}
        recorded: set[str] = set()
        for index, acting in enumerate(model.acting_ar):
            person = playbook.person_by_id.get(acting.person)
            at: tuple[str | int, ...] = ("acting_ar", index, "person")
            if person is None:
                continue  # REF002 names an unknown person
            team = person.team.model
            if acting.person in recorded:
                problem = f"'{acting.person}' is recorded twice as acting AR of '{model.id}': keep one record"
            elif acting.person not in model.iron_triangle.ar:
                problem = (
                    f"'{acting.person}' is recorded as acting AR of '{model.id}' but is not under iron_triangle.ar:"
                    " add them there, or remove this record"
                )
            elif team.id == model.owner:
                problem = (
                    f"'{acting.person}' is on the owning team '{model.owner}' and needs no acting-AR record: remove it"
                )
            elif (owner := playbook.team_by_id.get(model.owner)) is not None and owner.model.type != "regional":
                problem = (
                    f"'{acting.person}' cannot stand in as AR of '{model.id}': only an account a regional team owns"
                    f" takes a stand-in, and '{model.owner}' is a {owner.model.type} team; choose an AR from"
                    f" '{model.owner}'"
                )
            elif team.id not in backing:
                what = (
                    f"'{team.id}' does not support '{model.id}'"
                    if team.supports
                    else f"'{team.id}' is a {team.type} team that does not support regional owners"
                )
                problem = (
                    f"'{acting.person}' cannot stand in as AR of '{model.id}': {what} ({model.industry} in"
                    f" '{model.region}'); only a person from a supporting team whose scope takes in the account may,"
                    f" so choose an AR from '{model.owner}'"
                )
            elif not acting.reason.strip():
                at, problem = ("acting_ar", index, "reason"), f"say why '{acting.person}' stands in as AR"
            else:
                recorded.add(acting.person)
                continue
            recorded.add(acting.person)
            yield Hit(account.document, at, problem)
