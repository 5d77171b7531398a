"""playbook.yaml: the repository's settings — who governs it and which changes need approval."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from playbook.models.common import IsoDate, Record, Slug, Text

#: The kinds of change a policy can require an approval for.
ChangeKind = Literal["owner", "tier", "criteria"]


class Approval(Record):
    """An approval recorded in the data, added by the change it approves."""

    change: ChangeKind = Field(
        title="Change", description="What was approved: owner (a move), tier (a tier change) or criteria."
    )
    to: Slug | None = Field(None, title="To", description="For owner and tier changes: the new owning team or tier id.")
    tier: Slug | None = Field(None, title="Tier", description="For criteria changes: the tier whose criteria changed.")
    approved_by: Slug = Field(title="Approved by", description="The person id of the approver (one of the approvers).")
    approved_on: IsoDate = Field(title="Approved on", description="The date of the approval.")
    reason: Text = Field(title="Reason", description="Why the change is right.")


class ApprovalPolicy(Record):
    """A kind of change that needs a recorded approval, not only a passing check."""

    change: ChangeKind = Field(
        title="Change", description="owner (an account moves to another team), tier, or criteria (of a tier)."
    )
    tiers: list[Slug] = Field(
        default_factory=list,
        title="Tiers",
        description="The tiers the policy applies to (the account's tier before or after; empty: all tiers).",
    )


class Settings(Record):
    """Settings of the playbook repository."""

    governance: list[Text] = Field(
        default_factory=list,
        title="Governance owners",
        description="Code-host handles (people or groups) who own tiers.yaml, taxonomy.yaml and the settings.",
    )
    language: Literal["en", "zh"] = Field(
        "en", title="Language", description="The language of the site's page labels: en or zh."
    )
    max_file_mb: float = Field(
        5,
        gt=0,
        title="Largest data file (MB)",
        description="A data file larger than this many megabytes is refused unread (YAML009); real ones are smaller.",
    )
    approvals_required: list[ApprovalPolicy] = Field(
        default_factory=list,
        title="Approvals required",
        description="Changes the pull-request gate accepts only with an approval recorded in the data.",
    )
