"""The customer's side: key contacts have an owner and a backup, and the power map holds together."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook import relationship_drops
from playbook.findings import Severity
from playbook.models.account import Contact
from playbook.repository import Playbook
from playbook.rules.criteria import first_present
from playbook.rules.registry import Hit, rule


def _roles_where(playbook: Playbook, flag: str) -> set[str]:
    """The ids of the taxonomy's buying roles with ``flag`` set."""
    if playbook.taxonomy is None:
        return set()
    return {role.id for role in playbook.taxonomy.model.buying_roles if getattr(role, flag)}


@rule("REL001", "key-contact-without-owner", Severity.ERROR)
def key_contact_without_owner(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A key contact has nobody on our side who owns the relationship.

    ## What it does
    Reports contacts whose buying role is marked `needs_backup: true` in the taxonomy (such
    as the economic buyer and the coach) and that have no `owner`.

    ## Why is this bad?
    The people who decide, and the ones who tell us how to win, are the relationships an
    account lives on. Each needs a named person on our side who is answerable for it; a
    relationship everyone has is one nobody keeps up.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts.0
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```
    """
    key_roles = _roles_where(playbook, "needs_backup")
    for account in playbook.accounts:
        for index, contact in enumerate(account.model.contacts):
            if contact.buying_role in key_roles and contact.owner is None:
                yield Hit(
                    account.document,
                    ("contacts", index),
                    f"key contact '{contact.id}' ({contact.buying_role}) of '{account.model.id}' has no owner on our"
                    " side: name one under owner",
                )


@rule("REL002", "key-contact-without-backup", Severity.ERROR)
def key_contact_without_backup(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A key contact has no backup owner, or the backup is the owner again.

    ## What it does
    Reports contacts whose buying role is marked `needs_backup: true` in the taxonomy and
    that have no `backup`, or a `backup` equal to their `owner`.

    ## Why is this bad?
    Key relationships must survive a departure. When the only person who knows the
    economic buyer leaves, the account loses its way to the decision, often to the
    competitor the departing person joins. The solution responsible is the natural backup.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts.0.backup
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: amy-ar}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```
    """
    key_roles = _roles_where(playbook, "needs_backup")
    for account in playbook.accounts:
        for index, contact in enumerate(account.model.contacts):
            if contact.buying_role not in key_roles:
                continue
            if contact.backup is None:
                yield Hit(
                    account.document,
                    ("contacts", index),
                    f"key contact '{contact.id}' ({contact.buying_role}) of '{account.model.id}' has no backup"
                    " owner: name a second person under backup, such as the account's SR",
                )
            elif contact.backup == contact.owner:
                yield Hit(
                    account.document,
                    ("contacts", index, "backup"),
                    f"the backup of key contact '{contact.id}' of '{account.model.id}' is its owner"
                    f" '{contact.owner}' again: name a different person",
                )


def _reporting_cycles(contacts: list[Contact]) -> Iterator[list[int]]:
    """Each cycle of reports_to links, as contact positions in file order of the walk."""
    position: dict[str, int] = {}
    for index, contact in enumerate(contacts):
        position.setdefault(contact.id, index)
    done: set[int] = set()
    for start in range(len(contacts)):
        path: list[int] = []
        on_path: dict[int, int] = {}
        current: int | None = start
        while current is not None and current not in done and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            boss = contacts[current].reports_to
            current = position.get(boss) if boss is not None else None
        if current is not None and current in on_path:
            yield path[on_path[current] :]
        done.update(path)


@rule("REL003", "contact-reporting-cycle", Severity.ERROR)
def contact_reporting_cycle(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The customer's contacts report to each other in a circle.

    ## What it does
    Follows each contact's `reports_to` within the account and reports every cycle once, at
    the first contact of the cycle in the file, naming the contacts around it.

    ## Why is this bad?
    The org map shows who answers to whom, and therefore who finally decides. A circle has
    no top: the map cannot be drawn, and the real decision maker is missing from it.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts.0.reports_to
    contacts:
      - id: zhao-lei
        name: {zh: 赵雷}
        title: CFO
        buying_role: eb
        reports_to: qian-yu
        owner: amy-ar
        backup: sam-sr
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```
    """
    for account in playbook.accounts:
        contacts = account.model.contacts
        for cycle in _reporting_cycles(contacts):
            first = min(cycle)
            turn = cycle.index(first)
            ordered = [contacts[index].id for index in cycle[turn:] + cycle[:turn]]
            around = " -> ".join([*ordered, ordered[0]])
            yield Hit(
                account.document,
                ("contacts", first, "reports_to"),
                f"the contacts of '{account.model.id}' report to each other in a circle ({around}): fix the"
                " reports_to that is wrong",
            )


@rule("REL004", "no-decision-maker", Severity.WARNING)
def no_decision_maker(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A key account maps nobody who makes the final decision.

    ## What it does
    For accounts in a tier with `iron_triangle_required: true`, checks that at least one
    contact has a buying role marked `decides: true` in the taxonomy (the economic buyer).

    ## Why is this bad?
    Early in a deal the users matter most and the technical buyers in evaluation, but the
    economic buyer signs. An account plan without them is built on people who can say no
    but not yes; deals stall at the last step, or are decided by someone we never met.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: ub}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```
    """
    deciding = _roles_where(playbook, "decides")
    if not deciding:
        return
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is None or not tier.iron_triangle_required:
            continue
        if any(contact.buying_role in deciding for contact in account.model.contacts):
            continue
        yield Hit(
            account.document,
            first_present(account.document, ("contacts",), ("tier",)),
            f"account '{account.model.id}' (tier '{tier.id}') maps no contact who decides"
            f" ({', '.join(sorted(deciding))}): find and add the economic buyer",
        )


@rule("REL005", "too-few-contacts", Severity.WARNING)
def too_few_contacts(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account maps fewer customer contacts than its tier asks for.

    ## What it does
    Compares the number of `contacts` of each account with `min_contacts` of its tier.

    ## Why is this bad?
    A large customer buys through many people: users, technical gatekeepers, the economic
    buyer, and a coach if we are lucky. A thin map means the account hangs on one or two
    relationships, and that the people who can block a deal are unknown to us.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: contacts
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    contacts:
      - {id: zhao-lei, name: {zh: 赵雷}, title: CFO, buying_role: eb, owner: amy-ar, backup: sam-sr}
      - {id: qian-yu, name: {zh: 钱宇}, title: CIO, buying_role: tb, reports_to: zhao-lei, owner: sam-sr}
    ```
    """
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        mapped = len(account.model.contacts)
        if tier is None or mapped >= tier.min_contacts:
            continue
        yield Hit(
            account.document,
            first_present(account.document, ("contacts",), ("tier",)),
            f"account '{account.model.id}' maps {mapped} contact{'' if mapped == 1 else 's'} but tier '{tier.id}'"
            f" expects at least"
            f" {tier.min_contacts}: add the people who use, judge and decide on what we sell",
        )


@rule("REL006", "relationship-drop", Severity.WARNING)
def relationship_drop(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A key contact or a relationship dimension dropped since the assessment before, and no open action addresses it.

    ## What it does
    Compares each account's latest assessment (not dated in the future) with the one before
    it. For a key contact (a buying role marked `needs_backup: true` in the taxonomy, or
    `influence_level: high`) and for every relationship dimension scored lower than before,
    by a level or more, it checks that a planned or in-progress action of the account names
    that `contact` or `dimension`. It points at the lower score in the latest assessment, and
    at the account's actions as the other place.

    ## Why is this bad?
    A relationship that drops is one that is being lost: a coach who turned neutral, an
    economic buyer who now prefers a competitor. Every other check still passes, since the
    score is still a valid score; the drop is the signal, and it needs someone's action
    before the next assessment confirms the loss.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-06-30.yaml
    date: 2026-06-30
    assessor: amy-ar
    dimensions: {executive: 2, key-person: 2}
    contacts: {zhao-lei: 1, qian-yu: 2}
    # data/accounts/acme/assessments/2026-09-30.yaml
    # expect: dimensions.executive
    dimensions: {executive: 1, key-person: 2}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-06-30.yaml
    date: 2026-06-30
    assessor: amy-ar
    dimensions: {executive: 2, key-person: 2}
    contacts: {zhao-lei: 1, qian-yu: 2}
    # data/accounts/acme/assessments/2026-09-30.yaml
    dimensions: {executive: 1, key-person: 2}
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
    key_roles = _roles_where(playbook, "needs_backup")
    for account in playbook.accounts:
        history = playbook.assessments_by_account.get(account.stem, [])
        if len(history) < 2:
            continue
        found = relationship_drops.drops(account.model, [item.model for item in history], key_roles, as_of)
        if not found:
            continue
        latest = next(item for item in reversed(history) if item.model.date == found[0].after_date)
        for drop in found:
            if relationship_drops.addressed(drop, account.model):
                continue
            what = f"key contact '{drop.id}'" if drop.kind == "contact" else f"relationship dimension '{drop.id}'"
            yield Hit(
                latest.document,
                (drop.section, drop.id),
                f"{what} of '{drop.account}' dropped from {drop.before} on {drop.before_date} to {drop.after} on"
                f" {drop.after_date}, and no open action addresses it: plan one in {account.document.path} with"
                f" {drop.kind}: {drop.id}",
                related=((account.document, ("actions",)),),
            )
