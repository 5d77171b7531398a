"""What people and accounts are measured on: shared KPIs for the iron triangle, a whole balanced scorecard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import get_args

from playbook.documents import Path
from playbook.findings import Severity
from playbook.models import Team
from playbook.models.common import PERSPECTIVES, TRIANGLE_ROLES, Lifecycle, TriangleRole
from playbook.repository import Playbook, Sourced
from playbook.rules.iron_triangle import ROLE_NAMES
from playbook.rules.registry import Hit, rule


def weighted_roles(team: Team) -> list[TriangleRole]:
    """The roles that at least one of the team's KPIs gives a weight above zero, in AR, SR, FR order."""
    return [role for role in TRIANGLE_ROLES if any(kpi.weights.get(role, 0) > 0 for kpi in team.kpis)]


def kpis_for(team: Team, role: TriangleRole) -> frozenset[str]:
    """The ids of the team's KPIs that weigh on ``role``."""
    return frozenset(kpi.id for kpi in team.kpis if kpi.weights.get(role, 0) > 0)


@rule("KPI001", "kpi-weights-sum", Severity.ERROR, shared=True)
def kpi_weights_sum(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A role's KPI weights in a team charter do not sum to 100.

    ## What it does
    For each team with `kpis`, adds up the weights every KPI gives each iron-triangle role
    (`ar`, `sr`, `fr`) that the KPIs weight at all, and reports a role whose weights do not
    sum to 100.

    ## Why is this bad?
    Weights say how much of a person's assessment each KPI decides. When they add up to more
    or less than the whole, the roles are no longer measured on the same scale, and the
    argument about who contributed what to an account starts again.

    ## Example
    ```yaml
    # data/teams/finance-key-accounts.yaml
    # expect: kpis
    kpis:
      - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 50, fr: 40}}
      - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 30, sr: 50, fr: 60}}
    ```

    ## Use instead
    ```yaml
    # data/teams/finance-key-accounts.yaml
    kpis:
      - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 50, fr: 40}}
      - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 50, fr: 60}}
    ```
    """
    for team in playbook.teams:
        for role in weighted_roles(team.model):
            total = sum(kpi.weights.get(role, 0) for kpi in team.model.kpis)
            if total != 100:
                yield Hit(
                    team.document,
                    ("kpis",),
                    f"the {ROLE_NAMES[role]} weights of the KPIs of team '{team.model.id}' sum to {total}, not 100:"
                    " adjust them",
                )


@rule("KPI002", "kpi-not-shared", Severity.ERROR, shared=True)
def kpi_not_shared(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A KPI in a team charter weighs on some iron-triangle roles but not on others.

    ## What it does
    Reports a KPI that gives no weight (the weight left out, or 0) to a role that the
    team's other KPIs weight.

    ## Why is this bad?
    AR, SR and FR succeed or fail together, so they carry the same KPIs and differ only in
    the weights. When one role is not measured on, say, collection or satisfaction, that
    work becomes somebody else's problem: mismatched KPIs are the main reason the iron
    triangle breaks apart into three people pulling three ways.

    ## Example
    ```yaml
    # data/teams/finance-key-accounts.yaml
    # expect: kpis.0.weights
    kpis:
      - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 100}}
      - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, fr: 100}}
    ```

    ## Use instead
    ```yaml
    # data/teams/finance-key-accounts.yaml
    kpis:
      - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {ar: 60, sr: 70, fr: 20}}
      - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {ar: 40, sr: 30, fr: 80}}
    ```
    """
    for team in playbook.teams:
        roles = weighted_roles(team.model)
        for index, kpi in enumerate(team.model.kpis):
            unweighted = [role for role in roles if kpi.weights.get(role, 0) <= 0]
            if not unweighted:
                continue
            at: Path = ("kpis", index, "weights")
            if len(unweighted) == 1 and (*at, unweighted[0]) in team.document.values:
                at = (*at, unweighted[0])
            names = ", ".join(ROLE_NAMES[role] for role in unweighted)
            yield Hit(
                team.document,
                at,
                f"KPI '{kpi.id}' of team '{team.model.id}' gives no weight to {names}, whom the team's other KPIs"
                " measure: give every role a weight on every KPI",
            )


@rule("KPI003", "kpi-mismatch-across-triangle", Severity.WARNING, across=True)
def kpi_mismatch_across_triangle(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An SR or FR from another team is measured on other KPIs than the owning team sets for that role.

    ## What it does
    For each account, compares the KPIs the owning team gives a role (those weighting it)
    with the KPIs that the team of each other-team member of the iron triangle gives the
    same role. When both teams set KPIs for the role and they differ, reports the member's
    team once per owning team and role, naming an account they share.

    ## Why is this bad?
    The triangle usually spans three teams: the AR from the owner, the SR from a solution
    team, the FR from delivery. If the solution team pays its SRs on licence revenue while
    the owner measures the account on margin and satisfaction, the three pull in different
    directions on the same deal, which is exactly how the model fails.

    ## Example
    ```yaml
    # data/teams/cloud-solutions.yaml
    # expect: kpis
    kpis:
      - {id: cloud-revenue, name: {en: Cloud revenue}, perspective: financial, weights: {sr: 100}}
    ```

    ## Use instead
    ```yaml
    # data/teams/cloud-solutions.yaml
    kpis:
      - {id: revenue, name: {en: Revenue}, perspective: financial, weights: {sr: 50}}
      - {id: satisfaction, name: {en: Satisfaction}, perspective: customer, weights: {sr: 50}}
    ```
    """
    compared: set[tuple[str, str, TriangleRole]] = set()  # a pair of teams and a role is compared once
    for account in playbook.summaries:
        owner = playbook.team_by_id.get(account.owner)
        if owner is None or not owner.model.kpis:
            continue
        for role, _, person_id in account.seats():
            person = playbook.person_by_id.get(person_id)
            if person is None or person.team.model.id == owner.model.id:
                continue
            key = (person.team.model.id, owner.model.id, role)
            if key in compared:
                continue
            compared.add(key)
            hit = _mismatch(person.team, owner, role, account.id)
            if hit is not None:
                yield hit


def _mismatch(member_team: Sourced[Team], owner: Sourced[Team], role: TriangleRole, account: str) -> Hit | None:
    theirs, ours = kpis_for(member_team.model, role), kpis_for(owner.model, role)
    if not theirs or not ours or theirs == ours:
        return None
    name = ROLE_NAMES[role]
    return Hit(
        member_team.document,
        ("kpis",),
        f"team '{member_team.model.id}' measures its {name}s on {', '.join(sorted(theirs))}, but owning team"
        f" '{owner.model.id}' measures the {name} of accounts they share (such as '{account}') on"
        f" {', '.join(sorted(ours))}: agree on the same KPIs",
        related=((owner.document, ("kpis",)),),
    )


@rule("TIER006", "scorecard-weights-sum", Severity.ERROR, shared=True)
def scorecard_weights_sum(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A lifecycle's balanced-scorecard weights leave out a perspective or do not sum to 100.

    ## What it does
    Checks `scorecard_weights` in `data/tiers.yaml`: when it is given, every lifecycle stage
    (breaking_in, growth, mature) has a weight for each of the four perspectives (financial,
    customer, internal_process, learning), and each stage's weights sum to 100.

    ## Why is this bad?
    The scorecard says what an account team is measured on at each stage of the account:
    relationships while breaking in, revenue and margin in growth, share when mature. Weights
    that do not add up to the whole make the scores incomparable between accounts, and a
    missing perspective is one the team will quietly stop working on.

    ## Example
    ```yaml
    # data/tiers.yaml
    # expect: scorecard_weights.growth
    scorecard_weights:
      growth: {financial: 60, customer: 25, internal_process: 15, learning: 10}
    ```

    ## Use instead
    ```yaml
    # data/tiers.yaml
    scorecard_weights:
      growth: {financial: 50, customer: 25, internal_process: 15, learning: 10}
    ```
    """
    if playbook.tiers is None or not playbook.tiers.model.scorecard_weights:
        return
    tiers = playbook.tiers
    weights = tiers.model.scorecard_weights
    absent = [stage for stage in get_args(Lifecycle) if stage not in weights]
    if absent:
        yield Hit(
            tiers.document,
            ("scorecard_weights",),
            f"scorecard weights give nothing for lifecycle {', '.join(absent)}: add weights for every stage",
        )
    for stage, by_perspective in weights.items():
        problems = []
        missing = [perspective for perspective in PERSPECTIVES if perspective not in by_perspective]
        if missing:
            problems.append(f"leave out {', '.join(missing)}")
        total = sum(by_perspective.values())
        if total != 100:
            problems.append(f"sum to {total}")
        if problems:
            yield Hit(
                tiers.document,
                ("scorecard_weights", stage),
                f"the scorecard weights for lifecycle '{stage}' {' and '.join(problems)}: give all four"
                " perspectives weights that sum to 100",
            )
