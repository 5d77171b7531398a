"""Load: how many accounts each account responsible (AR) holds, against the bounds of the tier."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from typing import NamedTuple

from playbook.findings import Severity
from playbook.models.tiers import Tier
from playbook.ownership import held_in_support
from playbook.repository import AccountSummary, Playbook
from playbook.rules.registry import Hit, rule

#: How many account ids a message lists before it says "and N more".
LISTED = 5


class Holding(NamedTuple):
    """One account a person holds as AR, with the position of the person in its AR list."""

    account: AccountSummary
    position: int
    tier: Tier | None
    #: Held in the simplified model: standing in from a supporting team, or for a regional owner that a
    #: supporting team backs; the tier's minimum, a key-account team's ratio, does not apply to it.
    supported: bool = False

    @property
    def at(self) -> tuple[str | int, ...]:
        return ("iron_triangle", "ar", self.position)


@dataclass(frozen=True)
class Portfolio:
    """The accounts one person holds as AR: all of them, and those of each tier, by account id."""

    person: str
    holdings: list[Holding]
    by_tier: dict[str, list[Holding]]


def portfolios(playbook: Playbook) -> list[Portfolio]:
    """Every AR's portfolio, by person id; each account counts once however often it names them."""
    return playbook.derived("ar-portfolios", _portfolios)


def _portfolios(playbook: Playbook) -> list[Portfolio]:
    held: dict[str, list[Holding]] = {}
    for account in sorted(playbook.summaries, key=lambda item: (item.id, item.document.path)):
        tier = playbook.tier_of(account)
        seen: set[str] = set()
        for index, person in enumerate(account.ar):
            if person not in seen:
                seen.add(person)
                supported = held_in_support(playbook, account.owner, account.overlays, person)
                held.setdefault(person, []).append(Holding(account, index, tier, supported))
    found = []
    for person in sorted(held):
        by_tier: dict[str, list[Holding]] = {}
        for holding in held[person]:
            if holding.tier is not None:
                by_tier.setdefault(holding.tier.id, []).append(holding)
        found.append(Portfolio(person, held[person], by_tier))
    return found


def listed(holdings: Iterable[Holding], count: int) -> str:
    """The first account ids of ``holdings`` (``count`` of them in all), for a message."""
    names = [holding.account.id for holding in islice(holdings, LISTED)]
    more = count - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _plural(count: int) -> str:
    return "account" if count == 1 else "accounts"


def _bounded(playbook: Playbook) -> Iterator[tuple[Portfolio, Tier, list[Holding]]]:
    """Each AR's accounts of each tier that bounds how many accounts an AR holds."""
    for portfolio in portfolios(playbook):
        for holdings in portfolio.by_tier.values():
            tier = holdings[0].tier
            if tier is not None and tier.accounts_per_ar is not None:
                yield portfolio, tier, holdings


def _overloaded(tier: Tier, count: int) -> bool:
    return tier.accounts_per_ar is not None and count > tier.accounts_per_ar.max


@rule("LOAD001", "ar-overloaded", across=True)
def ar_overloaded(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A person is AR on more accounts of a tier than the tier allows one AR.

    ## What it does
    Counts, for each person and tier, the accounts of that tier whose `iron_triangle.ar`
    names the person, and compares the count with the tier's `accounts_per_ar.max`. It
    points at the person's AR entry in every one of those accounts, so the finding shows
    on whichever account file a change touches.

    ## Why is this bad?
    An AR carries the relationship, the profit, the contract and the payment of each
    account. Beyond the tier's bound nobody can keep up the contacts, the plan and the
    reviews those accounts are promised, and the ones that fall behind are noticed only
    when a competitor has taken them.

    ## Example
    ```yaml
    # data/accounts/beta/account.yaml
    {id: beta, name: {en: Beta Bank}, tier: key, industry: banking, region: north,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    # data/accounts/gamma/account.yaml
    {id: gamma, name: {en: Gamma Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    # data/accounts/delta/account.yaml
    # expect: iron_triangle.ar.0
    {id: delta, name: {en: Delta Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    ```

    ## Use instead
    ```yaml
    # data/accounts/beta/account.yaml
    {id: beta, name: {en: Beta Bank}, tier: key, industry: banking, region: north,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    # data/accounts/gamma/account.yaml
    {id: gamma, name: {en: Gamma Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    # data/accounts/delta/account.yaml
    {id: delta, name: {en: Delta Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [nina-lead]}}
    ```
    """
    for portfolio, tier, holdings in _bounded(playbook):
        count = len(holdings)
        if tier.accounts_per_ar is None or not _overloaded(tier, count):
            continue
        bound = tier.accounts_per_ar.max
        message = (
            f"'{portfolio.person}' is AR on {count} {tier.id} accounts ({listed(holdings, count)}); "
            f"the {tier.id} tier allows at most {bound} per AR: hand {count - bound} of them to another AR"
        )
        for holding in holdings:
            yield Hit(holding.account.document, holding.at, message)


@rule("LOAD002", "ar-underused", Severity.WARNING, across=True)
def ar_underused(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A person is AR on fewer accounts of a tier than the tier expects of one AR.

    ## What it does
    Counts, for each person who is AR on at least one account of a tier, the accounts of
    that tier they hold, and compares the count with the tier's `accounts_per_ar.min`. It
    points at the person's AR entry in each of those accounts. The minimum sizes a team that
    owns its named customers, so it is not applied to a person whose accounts of the tier
    are all held in the simplified model: a regional seller keeping key accounts that a
    supporting team is credited on, or a supporting team's director standing in as AR.
    The maximum (LOAD001) applies to everyone.

    ## Why is this bad?
    The tier's ratio is how the company sizes its sales force against its customers. An AR
    well below it is an expensive seat that the accounts do not pay for, or a sign that
    the tier's accounts are spread over more people than agreed, each knowing less of the
    industry.

    ## Example
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase in its industry.
        owner_team_types: [key_account, government]
        accounts_per_ar: {min: 2, max: 3}
        iron_triangle_required: true
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.ar.0
    iron_triangle: {ar: [amy-ar], sr: [sam-sr], fr: [fay-fr]}
    ```

    ## Use instead
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase in its industry.
        owner_team_types: [key_account, government]
        accounts_per_ar: {min: 2, max: 3}
        iron_triangle_required: true
        management_lines: {esp: critical, mci: important, tas: important, ecm: critical, prm: important, csm: important}
        review_cadence_days: 90
    # data/accounts/beta/account.yaml
    {id: beta, name: {en: Beta Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    ```
    """
    for portfolio, tier, holdings in _bounded(playbook):
        count = len(holdings)
        if tier.accounts_per_ar is None or count >= tier.accounts_per_ar.min:
            continue
        if all(holding.supported for holding in holdings):
            continue
        bound = tier.accounts_per_ar.min
        message = (
            f"'{portfolio.person}' is AR on only {count} {tier.id} {_plural(count)} ({listed(holdings, count)}); "
            f"the {tier.id} tier expects at least {bound} per AR: give '{portfolio.person}' more {tier.id} "
            f"accounts, or hand {'it' if count == 1 else 'them'} to another AR"
        )
        for holding in holdings:
            yield Hit(holding.account.document, holding.at, message)


@rule("LOAD003", "dedicated-ar-shared", across=True)
def dedicated_ar_shared(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The AR of an account in a dedicated-AR tier is also AR on another account.

    ## What it does
    For an account whose tier sets `dedicated_ar: true`, checks that its AR holds no other
    account as AR, in any tier. It points at the person's AR entry in the dedicated
    account and names the others; a run narrowed to one of the others' files (as pre-commit
    runs it) shows the finding at the person's AR entry there. Other accounts of the same tier beyond the tier's
    `accounts_per_ar.max` are left to LOAD001, so one excess is reported once.

    ## Why is this bad?
    A strategic customer is promised one account manager who does nothing else: the
    contribution at stake pays for the whole person. An AR who also runs other accounts
    splits that attention, and the customer notices before the company does.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: iron_triangle.ar.0
    tier: strategic
    metrics: {annual-revenue: 1200}
    # data/accounts/beta/account.yaml
    {id: beta, name: {en: Beta Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [amy-ar]}}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    tier: strategic
    metrics: {annual-revenue: 1200}
    # data/accounts/beta/account.yaml
    {id: beta, name: {en: Beta Bank}, tier: key, industry: banking, region: south,
     owner: finance-key-accounts, lifecycle: growth, iron_triangle: {ar: [nina-lead]}}
    ```
    """
    for portfolio in portfolios(playbook):
        total = len(portfolio.holdings)
        untiered = [held for held in portfolio.holdings if held.tier is None]
        for holding in portfolio.holdings:
            tier = holding.tier
            if tier is None or not tier.dedicated_ar or total == 1:
                continue
            same_tier = portfolio.by_tier[tier.id]
            elsewhere = [held for tier_id, held in portfolio.by_tier.items() if tier_id != tier.id]
            if _overloaded(tier, len(same_tier)):
                others: Iterable[Holding] = chain(*elsewhere, untiered)
                count = total - len(same_tier)
            else:
                others = chain((held for held in same_tier if held is not holding), *elsewhere, untiered)
                count = total - 1
            if count == 0:
                continue
            others = list(others)
            dedicated = holding.account
            yield Hit(
                dedicated.document,
                holding.at,
                f"'{portfolio.person}' is AR on '{dedicated.id}' ({dedicated.document.path}), in the {tier.id} "
                f"tier whose AR holds no other account, and also on {listed(others, count)}: choose another AR "
                f"for {'that account' if count == 1 else 'those accounts'}, or give '{dedicated.id}' a different AR",
                related=tuple((other.account.document, other.at) for other in others),
            )
