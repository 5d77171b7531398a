"""Relationship assessments: dated honestly, made on the tier's cadence, complete, acted upon."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook.findings import Severity
from playbook.models import Account, Assessment
from playbook.models.account import OPEN_ACTION_STATUSES
from playbook.repository import Playbook, Sourced
from playbook.rules.registry import Hit, rule

#: How far perception may fall short of expectation before the gap needs an action.
SATISFACTION_GAP = 2


def latest_assessment(playbook: Playbook, account: Sourced[Account], as_of: date) -> Sourced[Assessment] | None:
    """The account's most recent assessment that is not dated in the future."""
    for assessment in reversed(playbook.assessments_by_account.get(account.stem, [])):
        if assessment.model.date <= as_of:
            return assessment
    return None


@rule("ASM001", "assessment-in-future", Severity.ERROR)
def assessment_in_future(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A relationship assessment is dated after today.

    ## What it does
    Reports an assessment whose `date` is later than the day of the check.

    ## Why is this bad?
    An assessment records how the relationships stood on a day that has passed. One dated
    ahead makes the account look reviewed when nobody has looked at it, and keeps the review
    cadence quiet until long after the real review is due.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-12-01.yaml
    # expect: date
    date: 2026-12-01
    assessor: amy-ar
    dimensions: {executive: 1, key-person: 2}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-10-01.yaml
    date: 2026-10-01
    assessor: amy-ar
    dimensions: {executive: 1, key-person: 2}
    ```
    """
    for assessment in playbook.assessments:
        if assessment.model.date > as_of:
            yield Hit(
                assessment.document,
                ("date",),
                f"assessment of '{assessment.stem}' is dated {assessment.model.date.isoformat()}, after today"
                f" ({as_of.isoformat()}): date it on the day it was made",
            )


@rule("ASM002", "assessment-overdue", Severity.WARNING)
def assessment_overdue(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An account has not been assessed within its tier's review cadence.

    ## What it does
    Finds each account's latest assessment that is not dated in the future and reports it
    when it is older than the tier's `review_cadence_days`. An account without any
    assessment is reported when its tier requires an iron triangle.

    ## Why is this bad?
    Relationship work is a loop: assess, plan actions, act, assess again. When the checks
    stop, nobody notices that a supporter has turned neutral or that the coach has left,
    until a tender goes to a competitor.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    # delete
    # data/accounts/acme/assessments/2026-06-01.yaml
    # expect: date
    date: 2026-06-01
    assessor: amy-ar
    dimensions: {executive: 1, key-person: 2}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    date: 2026-09-30
    ```
    """
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is None:
            continue
        latest = latest_assessment(playbook, account, as_of)
        cadence = tier.review_cadence_days
        if latest is None:
            if tier.iron_triangle_required:
                yield Hit(
                    account.document,
                    ("tier",),
                    f"account '{account.model.id}' has never been assessed; tier '{tier.id}' reviews every {cadence}"
                    " days: add an assessment",
                )
            continue
        age = (as_of - latest.model.date).days
        if age > cadence:
            yield Hit(
                latest.document,
                ("date",),
                f"the latest assessment of '{account.model.id}' is {age} days old; tier '{tier.id}' reviews every"
                f" {cadence} days: assess the account again",
            )


@rule("ASM003", "dimension-not-scored", Severity.WARNING)
def dimension_not_scored(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An assessment leaves out one of the relationship dimensions.

    ## What it does
    Checks that every assessment scores each relationship dimension of the taxonomy.

    ## Why is this bad?
    Progress is only visible when the same things are measured every time. A dimension left
    out is usually the weak one, and the gap between two assessments then looks like
    improvement.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    # expect: dimensions
    dimensions: {executive: null}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    dimensions: {executive: 1}
    ```
    """
    if playbook.taxonomy is None:
        return
    dimensions = [term.id for term in playbook.taxonomy.model.relationship_dimensions]
    for assessment in playbook.assessments:
        missing = [dimension for dimension in dimensions if dimension not in assessment.model.dimensions]
        if missing:
            yield Hit(
                assessment.document,
                ("dimensions",),
                f"assessment of '{assessment.stem}' on {assessment.model.date.isoformat()} does not score"
                f" {', '.join(missing)}: score every relationship dimension",
            )


@rule("ASM004", "satisfaction-gap", Severity.WARNING)
def satisfaction_gap(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The customer perceives far less than they expect, and the FR has no action to close the gap.

    ## What it does
    Looks at each account's latest assessment, for accounts whose tier does not treat
    customer service (the CSM management line) as optional. When the satisfaction
    `perception` falls short of `expectation` by 2 points or more, checks that the account
    has a planned or in-progress action owned by one of its FRs.

    ## Why is this bad?
    Satisfaction is what the customer expected against what they got. A wide gap is the
    early sign of a lost renewal, and it is the fulfilment responsible's to close: without
    an action on their name, the gap is measured every quarter and closed by nobody.

    ## Example
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    # expect: satisfaction.perception
    satisfaction: {expectation: 8, perception: 5}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/assessments/2026-09-30.yaml
    satisfaction: {expectation: 8, perception: 5}
    # data/accounts/acme/account.yaml
    actions:
      - {id: act-1, title: Executive visit, owner: amy-ar, due: 2026-11-30, status: planned, contact: zhao-lei}
      - {id: act-2, title: Fix the batch delays, owner: fay-fr, due: 2026-11-15, status: in_progress}
    ```
    """
    for account in playbook.accounts:
        tier = playbook.tier_of(account.model)
        if tier is None or tier.management_lines.get("csm", "optional") == "optional":
            continue
        latest = latest_assessment(playbook, account, as_of)
        if latest is None or latest.model.satisfaction is None:
            continue
        satisfaction = latest.model.satisfaction
        gap = satisfaction.expectation - satisfaction.perception
        if gap < SATISFACTION_GAP:
            continue
        fulfilment = set(account.model.iron_triangle.fr)
        if any(
            action.owner in fulfilment and action.status in OPEN_ACTION_STATUSES for action in account.model.actions
        ):
            continue
        who = ", ".join(account.model.iron_triangle.fr) or "the account's FR"
        yield Hit(
            latest.document,
            ("satisfaction", "perception"),
            f"satisfaction at '{account.model.id}' is perceived at {satisfaction.perception} against an expected"
            f" {satisfaction.expectation} (gap {gap}): plan an action owned by {who} to close it",
        )
