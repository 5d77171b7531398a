"""The codes of the pull-request gate (playbook coverage --base), documented like every rule.

The checks themselves are in playbook.policy: they compare two revisions, so they are not
run by validate.
"""

from __future__ import annotations

from playbook.findings import Severity
from playbook.rules.registry import describe

describe(
    "GATE001",
    "approval-missing",
    Severity.ERROR,
    """
    A change that the approval policy covers adds no approval to the data.

    ## What it does
    Compares the base revision with the change (in `playbook coverage --base`). When
    `playbook.yaml` requires approvals for a kind of change (`owner`: an account moves to
    another team; `tier`: an account changes tier; `criteria`: a tier's criteria change),
    the change must add an entry to the account's or tiers.yaml's `approvals` naming the
    change, the new owner or tier (`to`) or the tier (`tier`), who approved it, when and why.

    ## Why is this bad?
    Moving a strategic account or loosening a tier's criteria reshapes who serves the most
    important customers. A green check says the data is consistent, not that the move was
    agreed; the approval in the data is the record that it was, reviewed with the change.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: owner
    owner: tax-accounts
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    owner: tax-accounts
    approvals:
      - {change: owner, to: tax-accounts, approved_by: nina-lead, approved_on: 2026-10-01, reason: Tax work}
    ```
    """,
    stage="gate",
)

describe(
    "GATE002",
    "approver-not-allowed",
    Severity.ERROR,
    """
    An approval added by the change names someone who is not an approver.

    ## What it does
    Checks that every approval a change adds is given by a person listed under
    `approvers` in `data/tiers.yaml`.

    ## Why is this bad?
    An approval is only worth what the approver's authority is worth; anyone can write their
    own name into a file.

    ## Example
    ```yaml
    # data/accounts/acme/account.yaml
    # expect: approvals.0.approved_by
    owner: tax-accounts
    approvals:
      - {change: owner, to: tax-accounts, approved_by: amy-ar, approved_on: 2026-10-01, reason: Tax work}
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    owner: tax-accounts
    approvals:
      - {change: owner, to: tax-accounts, approved_by: nina-lead, approved_on: 2026-10-01, reason: Tax work}
    ```
    """,
    stage="gate",
)
