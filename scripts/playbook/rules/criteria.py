"""Tier criteria: each account meets its tier's measurable criteria, or carries an approved exception."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from playbook.documents import Document, Path
from playbook.findings import Severity
from playbook.models import Account
from playbook.models.tiers import Criterion, Tier
from playbook.repository import Playbook, Sourced
from playbook.rules.registry import Hit, rule

COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
#: Team types that own customers named to them one by one (not by region).
NAMED_ACCOUNT_TEAM_TYPES = frozenset({"key_account", "government"})


def first_present(document: Document, *candidates: Path) -> Path:
    """The first of ``candidates`` that the document holds, else the last one."""
    for candidate in candidates:
        if candidate in document.values:
            return candidate
    return candidates[-1]


def number(value: float) -> str:
    """A metric value or threshold as people write it: 50, not 50.0."""
    return format(value, ".15g")


@dataclass
class Outcome:
    """How an account's metrics fare against one tier's criteria."""

    match: str
    met: list[Criterion] = field(default_factory=list)
    failed: list[tuple[Criterion, float]] = field(default_factory=list)
    missing: list[Criterion] = field(default_factory=list)

    @property
    def qualifies(self) -> bool:
        """The criteria are met, whatever the missing metrics would say."""
        if self.match == "any" and (self.met or self.failed or self.missing):
            return bool(self.met)
        return not self.failed and not self.missing

    @property
    def fails(self) -> bool:
        """The criteria are not met, whatever the missing metrics would say."""
        if self.match == "any":
            return bool(self.failed) and not self.met and not self.missing
        return bool(self.failed)

    def describe_failures(self) -> str:
        return ", ".join(
            f"{criterion.metric} {number(value)} is not {criterion.comparison} {number(criterion.threshold)}"
            for criterion, value in self.failed
        )


def evaluate(tier: Tier, metrics: Mapping[str, float]) -> Outcome:
    """Test the account's metrics against each of the tier's criteria."""
    outcome = Outcome(tier.criteria_match)
    for criterion in tier.criteria:
        value = metrics.get(criterion.metric)
        if value is None:
            outcome.missing.append(criterion)
        elif COMPARISONS[criterion.comparison](value, criterion.threshold):
            outcome.met.append(criterion)
        else:
            outcome.failed.append((criterion, value))
    return outcome


def _tiered_accounts(playbook: Playbook) -> Iterator[tuple[Sourced[Account], Tier, Outcome]]:
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is not None:
            yield account, tier, evaluate(tier, account.model.metrics)


def _tier_criteria(playbook: Playbook, tier: Tier) -> tuple[tuple[Document, Path], ...]:
    """The criteria of ``tier`` in tiers.yaml, as the other place of a finding about an account's metrics."""
    if playbook.tiers is None:
        return ()
    index = playbook.tier_by_id.get(tier.id)
    return ((playbook.tiers.document, ("tiers", index, "criteria")),) if index is not None else ()


@rule("TIER001", "criteria-not-met", Severity.ERROR)
def criteria_not_met(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account does not meet its tier's criteria and has no recorded exception.

    ## What it does
    Compares the account's `metrics` with the criteria of its tier in `data/tiers.yaml`,
    using each criterion's comparison (`>=`, `>`, `<=`, `<`, `==`). With `criteria_match:
    all` every criterion must hold; with `any`, one is enough. Accounts with an `exception`
    are left to the exception rules.

    ## Why is this bad?
    A tier is a promise of how much attention an account gets: a dedicated manager, an iron
    triangle, frequent reviews. When each unit decides for itself which customers deserve
    that, the definitions drift apart and the scarce people end up on the wrong customers.
    Breaking the agreed criteria is allowed only as a visible, approved decision.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: metrics.annual-revenue
    metrics: {annual-revenue: 20}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    metrics: {annual-revenue: 20}
    exception:
      reason: Showcase for core banking in the north; revenue follows next year.
      approved_by: nina-lead
      approved_on: 2026-09-01
      expires: 2027-06-30
    ```
    """
    for account, tier, outcome in _tiered_accounts(playbook):
        if account.model.exception is not None or not outcome.fails:
            continue
        first = outcome.failed[0][0]
        how = "none of the criteria (any one would do)" if outcome.match == "any" else "the criteria"
        yield Hit(
            account.document,
            ("metrics", first.metric),
            f"account '{account.model.id}' does not meet {how} of tier '{tier.id}': {outcome.describe_failures()};"
            " move it to the tier it meets or record an approved exception",
            related=_tier_criteria(playbook, tier),
        )


@rule("TIER002", "exception-not-needed", Severity.WARNING)
def exception_not_needed(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account records a tier exception although it meets its tier's criteria.

    ## What it does
    Reports an `exception` on an account whose metrics meet the criteria of its tier (or
    whose tier has no criteria at all).

    ## Why is this bad?
    Exceptions are how the organisation sees which accounts sit in a tier by judgment rather
    than by the agreed rule. One that is no longer needed inflates that list, hides the
    exceptions that matter, and will be renewed out of habit.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: exception
    exception:
      reason: Revenue below the bar while the core banking deal closes.
      approved_by: nina-lead
      approved_on: 2026-01-15
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    metrics: {annual-revenue: 120}
    ```
    """
    for account, tier, outcome in _tiered_accounts(playbook):
        if account.model.exception is not None and outcome.qualifies:
            why = "meets the criteria of" if tier.criteria else "is in"
            yield Hit(
                account.document,
                ("exception",),
                f"account '{account.model.id}' {why} tier '{tier.id}', which has nothing to except it from:"
                " remove the exception",
            )


@rule("TIER003", "metric-missing", Severity.ERROR)
def metric_missing(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account leaves out a metric that its tier's criteria test.

    ## What it does
    Reports accounts without an `exception` that give no value for a metric their tier's
    criteria need. With `criteria_match: any`, an account that already meets one criterion
    is not asked for the others.

    ## Why is this bad?
    Without the measurement nobody can tell whether the account belongs in its tier; the
    tier then rests on someone's opinion, which is what explicit criteria are meant to end.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: metrics
    metrics: {annual-revenue: null}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    metrics: {annual-revenue: 120}
    ```
    """
    for account, tier, outcome in _tiered_accounts(playbook):
        if account.model.exception is not None or not outcome.missing or outcome.qualifies:
            continue
        names = ", ".join(f"'{criterion.metric}'" for criterion in outcome.missing)
        yield Hit(
            account.document,
            first_present(account.document, ("metrics",), ("tier",)),
            f"account '{account.model.id}' gives no value for {names}, tested by the criteria of tier '{tier.id}':"
            " add it under metrics or record an approved exception",
        )


@rule("TIER004", "exception-approver-not-allowed", Severity.ERROR)
def exception_approver_not_allowed(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A tier exception is approved by someone who is not an approver in tiers.yaml.

    ## What it does
    Checks that an account's `exception.approved_by` is listed under `approvers` in
    `data/tiers.yaml`.

    ## Why is this bad?
    Tier criteria are agreed across the organisation; anyone who can waive them alone can
    quietly give their own customers the most expensive coverage. Only the people named for
    it may approve.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: exception.approved_by
    metrics: {annual-revenue: 20}
    exception: {reason: Industry showcase., approved_by: amy-ar, approved_on: 2026-09-01}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    metrics: {annual-revenue: 20}
    exception: {reason: Industry showcase., approved_by: nina-lead, approved_on: 2026-09-01}
    ```
    """
    if playbook.tiers is None:
        return
    approvers = playbook.tiers.model.approvers
    for account in playbook.accounts:
        exception = account.model.exception
        if exception is not None and exception.approved_by not in approvers:
            allowed = ", ".join(approvers) or "none are listed"
            yield Hit(
                account.document,
                ("exception", "approved_by"),
                f"'{exception.approved_by}' may not approve the tier exception of '{account.model.id}' (approvers in"
                f" data/tiers.yaml: {allowed}): have an approver sign it off",
            )


@rule("TIER005", "exception-expired", Severity.WARNING)
def exception_expired(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A tier exception has passed its expiry date.

    ## What it does
    Reports an account whose `exception.expires` is before today.

    ## Why is this bad?
    Exceptions are granted for a reason and a time: a showcase project, revenue expected next
    year. Once the date passes, nobody has checked whether the reason still holds, and the
    account keeps a level of coverage that no one has decided on.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: exception.expires
    metrics: {annual-revenue: 20}
    exception: {reason: Showcase., approved_by: nina-lead, approved_on: 2025-09-01, expires: 2026-06-30}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    metrics: {annual-revenue: 20}
    exception: {reason: Showcase., approved_by: nina-lead, approved_on: 2026-09-01, expires: 2027-06-30}
    ```
    """
    for account in playbook.accounts:
        exception = account.model.exception
        if exception is not None and exception.expires is not None and exception.expires < as_of:
            yield Hit(
                account.document,
                ("exception", "expires"),
                f"the tier exception of '{account.model.id}' expired on {exception.expires.isoformat()}: review it,"
                " then set a new expiry date or move the account to the tier it meets",
            )


@rule("TIER007", "qualifies-for-higher-tier", Severity.WARNING)
def qualifies_for_higher_tier(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account meets the criteria of a higher tier than its own.

    ## What it does
    Reports an account whose metrics meet the criteria of a tier with a smaller `rank`
    number (a higher tier) that has criteria, and names the highest such tier.

    ## Why is this bad?
    Criteria are meant to be revisited as customers grow. A customer that has outgrown its
    tier is covered with less than it has earned, which is how competitors win the large
    accounts that nobody on our side was watching closely enough.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: tier
    metrics: {annual-revenue: 1500}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    tier: strategic
    metrics: {annual-revenue: 1500}
    ```
    """
    if playbook.tiers is None:
        return
    ladder = sorted((tier for tier in playbook.tiers.model.tiers if tier.criteria), key=lambda tier: tier.rank)
    for account, tier, _ in _tiered_accounts(playbook):
        for higher in ladder:
            if higher.rank >= tier.rank:
                break
            if evaluate(higher, account.model.metrics).qualifies:
                yield Hit(
                    account.document,
                    ("tier",),
                    f"account '{account.model.id}' meets the criteria of tier '{higher.id}' (rank {higher.rank}),"
                    f" above its tier '{tier.id}': consider promoting it",
                )
                break


@rule("TIER008", "tier-definition", Severity.ERROR, shared=True)
def tier_definition(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A tier definition contradicts itself or another tier.

    ## What it does
    Checks `data/tiers.yaml` for tiers that share a `rank`; for a tier with a `dedicated_ar`
    that still lets one AR hold more than one account (`accounts_per_ar.max` above 1); and
    for a tier owned only by named-account teams (key-account or government) that states no
    criteria.

    ## Why is this bad?
    Rank orders the tiers: two tiers of the same rank leave it open which one is higher, so
    promotions and coverage checks depend on file order. A dedicated AR who may hold three
    accounts is not dedicated. And accounts are named to key-account teams by explicit,
    agreed criteria; a named tier without them lets every unit use its own definition.

    ## Example
    ```yaml
    # data/tiers.yaml
    # expect: tiers.1.rank
    tiers:
      - id: strategic
        name: {en: Strategic}
        rank: 1
        description: The largest customers, one dedicated AR each.
        criteria: [{metric: annual-revenue, comparison: ">=", threshold: 1000}]
        owner_team_types: [key_account, government]
        iron_triangle_required: true
        management_lines: {esp: critical, ecm: critical, csm: critical}
        review_cadence_days: 60
      - id: key
        name: {en: Key}
        rank: 1
        description: Big revenue or a showcase in its industry.
        criteria: [{metric: annual-revenue, comparison: ">=", threshold: 50}]
        owner_team_types: [key_account, government]
        iron_triangle_required: true
        management_lines: {esp: critical, ecm: critical}
        review_cadence_days: 90
    ```

    ## Use instead
    ```yaml
    # data/tiers.yaml
    tiers:
      - id: strategic
        name: {en: Strategic}
        rank: 1
        description: The largest customers, one dedicated AR each.
        criteria: [{metric: annual-revenue, comparison: ">=", threshold: 1000}]
        owner_team_types: [key_account, government]
        iron_triangle_required: true
        management_lines: {esp: critical, ecm: critical, csm: critical}
        review_cadence_days: 60
      - id: key
        name: {en: Key}
        rank: 2
        description: Big revenue or a showcase in its industry.
        criteria: [{metric: annual-revenue, comparison: ">=", threshold: 50}]
        owner_team_types: [key_account, government]
        iron_triangle_required: true
        management_lines: {esp: critical, ecm: critical}
        review_cadence_days: 90
    ```
    """
    if playbook.tiers is None:
        return
    document = playbook.tiers.document
    by_rank: dict[int, Tier] = {}
    for index, tier in enumerate(playbook.tiers.model.tiers):
        at: Path = ("tiers", index)
        earlier = by_rank.setdefault(tier.rank, tier)
        if earlier is not tier:
            yield Hit(
                document,
                (*at, "rank"),
                f"tier '{tier.id}' has rank {tier.rank}, the same as tier '{earlier.id}': give each tier its own rank",
            )
        ratio = tier.accounts_per_ar
        if tier.dedicated_ar and ratio is not None and ratio.max > 1:
            yield Hit(
                document,
                (*at, "accounts_per_ar", "max"),
                f"tier '{tier.id}' has a dedicated AR but lets one AR hold up to {ratio.max} accounts: set"
                " accounts_per_ar max to 1, or drop dedicated_ar",
            )
        if not tier.criteria and set(tier.owner_team_types) <= NAMED_ACCOUNT_TEAM_TYPES:
            yield Hit(
                document,
                first_present(document, (*at, "criteria"), (*at, "id")),
                f"tier '{tier.id}' is owned by named-account teams but states no criteria: add the measurable"
                " criteria an account must meet to be named to it",
            )
