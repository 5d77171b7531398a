"""The account plan: share-of-wallet by year, leads turned into opportunities, opportunities kept current."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

from playbook.findings import Severity
from playbook.repository import Playbook
from playbook.rules.registry import Hit, rule


@rule("PLAN001", "wallet-plan-order", Severity.ERROR)
def wallet_plan_order(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The share-of-wallet plan lists a year again, or out of order.

    ## What it does
    Checks that the years of `share_of_wallet` strictly increase from one entry to the next.

    ## Why is this bad?
    The plan is read as a path (10% this year, 20% next, 30% after). A year listed twice
    gives two targets for the same year, and years out of order make growth look like a
    fall, or the other way round.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: share_of_wallet.1.year
    share_of_wallet:
      - {year: 2027, share_pct: 20}
      - {year: 2026, share_pct: 10}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    share_of_wallet:
      - {year: 2026, share_pct: 10}
      - {year: 2027, share_pct: 20}
    ```
    """
    for account in playbook.accounts:
        plan = account.model.share_of_wallet
        for index in range(1, len(plan)):
            previous, year = plan[index - 1].year, plan[index].year
            if year <= previous:
                how = "again" if year == previous else f"after {previous}"
                yield Hit(
                    account.document,
                    ("share_of_wallet", index, "year"),
                    f"the share-of-wallet plan of '{account.model.id}' lists {year} {how}: list each year once,"
                    " in order",
                )


@rule("PLAN002", "wallet-share-falls", Severity.WARNING)
def wallet_share_falls(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """The planned share of wallet falls from one year to the next.

    ## What it does
    Takes the `share_of_wallet` entries in year order and reports a year whose `share_pct`
    is lower than the year before.

    ## Why is this bad?
    A key-account plan is a plan to grow within the customer. A planned fall is either a
    typing mistake or a retreat that deserves a decision and a note, not a quiet number.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: share_of_wallet.1.share_pct
    share_of_wallet:
      - {year: 2026, share_pct: 10}
      - {year: 2027, share_pct: 8}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    share_of_wallet:
      - {year: 2026, share_pct: 10}
      - {year: 2027, share_pct: 20}
      - {year: 2028, share_pct: 30}
    ```
    """
    for account in playbook.accounts:
        plan = sorted(enumerate(account.model.share_of_wallet), key=lambda entry: entry[1].year)
        for (_, before), (index, share) in pairwise(plan):
            if share.year > before.year and share.share_pct < before.share_pct:
                yield Hit(
                    account.document,
                    ("share_of_wallet", index, "share_pct"),
                    f"the planned share of wallet of '{account.model.id}' falls from {before.share_pct:g}% in"
                    f" {before.year} to {share.share_pct:g}% in {share.year}: correct it, or explain the retreat"
                    " in notes and the goals",
                )


@rule("PLAN003", "lead-conversion", Severity.ERROR)
def lead_conversion(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """A lead's status and its opportunity disagree.

    ## What it does
    Reports a lead with `status: converted` that names no `opportunity`, and a lead that
    names an `opportunity` while its status is not converted.

    ## Why is this bad?
    Leads (the customer wants something) and opportunities (we can serve it) are counted
    separately, and the conversion rate between them is how the funnel is judged. A
    converted lead that leads nowhere, or an opportunity whose lead still looks open, counts
    the same demand twice or not at all.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: leads.0.status
    leads:
      - {id: lead-1, title: Cloud for core banking, received: 2026-03-02, status: converted}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    leads:
      - {id: lead-1, title: Cloud for core banking, received: 2026-03-02, status: converted, opportunity: opp-1}
    ```
    """
    for account in playbook.accounts:
        for index, lead in enumerate(account.model.leads):
            if lead.status == "converted" and lead.opportunity is None:
                message = "is converted but names no opportunity: add the opportunity it became"
            elif lead.status != "converted" and lead.opportunity is not None:
                message = (
                    f"names opportunity '{lead.opportunity}' but is {lead.status}: set its status to converted,"
                    " or remove the opportunity"
                )
            else:
                continue
            yield Hit(
                account.document, ("leads", index, "status"), f"lead '{lead.id}' of '{account.model.id}' {message}"
            )


@rule("PLAN004", "opportunity-past-close", Severity.WARNING)
def opportunity_past_close(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """An opportunity's expected close date has passed while it is not in the last sales stage.

    ## What it does
    Reports an opportunity whose `close` date is before today and whose `stage` is a known
    stage other than the last one in the taxonomy.

    ## Why is this bad?
    The pipeline forecast is built from stages and close dates. A deal that should have
    closed and did not is either lost, slipped, or won and not recorded; left alone it
    inflates the forecast and hides the question of why it stalled.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: opportunities.0.close
    opportunities:
      - {id: opp-1, title: Core banking cloud, stage: solution, amount: 800, close: 2026-09-30}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    opportunities:
      - {id: opp-1, title: Core banking cloud, stage: solution, amount: 800, close: 2027-03-31}
    ```
    """
    if playbook.taxonomy is None:
        return
    stages = [stage.id for stage in playbook.taxonomy.model.stages]
    last = stages[-1]
    open_stages = set(stages) - {last}
    for account in playbook.accounts:
        for index, opportunity in enumerate(account.model.opportunities):
            close = opportunity.close
            if close is None or close >= as_of or opportunity.stage not in open_stages:
                continue
            yield Hit(
                account.document,
                ("opportunities", index, "close"),
                f"opportunity '{opportunity.id}' of '{account.model.id}' was expected to close on"
                f" {close.isoformat()} and is still at stage '{opportunity.stage}': move it on (the last stage is"
                f" '{last}') or set a new close date",
            )
