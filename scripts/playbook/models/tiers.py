"""data/tiers.yaml: tier definitions, the metrics their criteria test, scorecard weights."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from playbook.models.common import Lifecycle, Name, Perspective, Record, Slug, Text
from playbook.models.settings import Approval

ManagementLine = Literal["esp", "mci", "tas", "ecm", "prm", "csm"]
MANAGEMENT_LINES: tuple[ManagementLine, ...] = ("esp", "mci", "tas", "ecm", "prm", "csm")
LineWeight = Literal["critical", "important", "optional"]
OwningTeamType = Literal["regional", "key_account", "government"]
Comparison = Literal[">=", ">", "<=", "<", "=="]


class Metric(Record):
    """A measurable fact about an account that tier criteria can test."""

    id: Slug = Field(title="Id", description="The key accounts use under 'metrics'.")
    name: Name = Field(title="Name", description="The display name.")
    unit: Text | None = Field(None, title="Unit", description="The unit the value is stated in.")
    description: Text | None = Field(None, title="Description", description="How the value is measured.")


class Criterion(Record):
    """One measurable condition: metric, comparison, threshold."""

    metric: Slug = Field(title="Metric", description="The id of a metric defined under 'metrics'.")
    comparison: Comparison = Field(title="Comparison", description="How the account's value is compared.")
    threshold: float = Field(title="Threshold", description="The value compared against.")


class AccountsPerAr(Record):
    """How many accounts of this tier one account responsible (AR) may hold."""

    min: int = Field(ge=1, title="Minimum", description="Fewer accounts than this leaves an AR under-used.")
    max: int = Field(ge=1, title="Maximum", description="More accounts than this overloads an AR.")

    @model_validator(mode="after")
    def _ordered(self) -> AccountsPerAr:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Tier(Record):
    """A customer tier: who qualifies, who may own it and how it is managed."""

    id: Slug = Field(title="Id", description="The tier id accounts refer to.")
    name: Name = Field(title="Name", description="The display name.")
    rank: int = Field(ge=1, title="Rank", description="1 for the top tier; higher numbers are lower tiers.")
    description: Text = Field(title="Description", description="Who belongs in this tier, in a sentence or two.")
    criteria: list[Criterion] = Field(
        default_factory=list, title="Criteria", description="The measurable conditions an account must meet."
    )
    criteria_match: Literal["all", "any"] = Field(
        "all", title="Criteria match", description="Whether an account must meet all criteria or any one of them."
    )
    owner_team_types: list[OwningTeamType] = Field(
        min_length=1, title="Owning team types", description="The team types allowed to own accounts of this tier."
    )
    supported_owner_team_types: list[OwningTeamType] = Field(
        default_factory=list,
        title="Owning team types where supported",
        description=(
            "Team types that may own accounts of this tier only where a supporting named-account team covers the"
            " account (the simplified model); for example [regional] lets regional offices keep key accounts where"
            " a key-account directorate supports them, while elsewhere the tier stays with owner_team_types."
        ),
    )
    accounts_per_ar: AccountsPerAr | None = Field(
        None, title="Accounts per AR", description="Bounds on how many accounts of this tier one AR holds."
    )
    dedicated_ar: bool = Field(
        False,
        title="Dedicated AR",
        description="Whether the AR of an account in this tier may hold no other account at all.",
    )
    iron_triangle_required: bool = Field(
        title="Iron triangle required", description="Whether every account needs an AR, an SR and an FR."
    )
    management_lines: dict[ManagementLine, LineWeight] = Field(
        title="Management lines",
        description="The weight of each of the six management lines (ESP+, MCI, TAS+, ECM, PRM, CSM) for this tier.",
    )
    review_cadence_days: int = Field(
        ge=1, title="Review cadence", description="Days between relationship assessments before one is overdue."
    )
    min_contacts: int = Field(
        0, ge=0, title="Minimum contacts", description="How many customer contacts an account of this tier should map."
    )


class TiersFile(Record):
    """The tier definitions of the organisation."""

    metrics: list[Metric] = Field(default_factory=list, title="Metrics", description="Metrics criteria may test.")
    tiers: list[Tier] = Field(min_length=1, title="Tiers", description="The tiers, from the top.")
    scorecard_weights: dict[Lifecycle, dict[Perspective, int]] = Field(
        default_factory=dict,
        title="Scorecard weights",
        description="Balanced-scorecard weights per account lifecycle stage; each stage's weights sum to 100.",
    )
    approvers: list[Slug] = Field(
        default_factory=list,
        title="Approvers",
        description="The people who may approve a tier exception, a move or a change of criteria.",
    )
    approvals: list[Approval] = Field(
        default_factory=list,
        title="Approvals",
        description="Approvals of changes to tier criteria, as the settings' approval policy requires.",
    )
