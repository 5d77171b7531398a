"""data/teams/<team-id>.yaml: one team charter."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from playbook.models.common import Name, Perspective, Record, ReportingLines, Slug, Text, TriangleRole

TeamType = Literal["regional", "key_account", "government", "solution", "delivery", "partner"]
#: Team types that may own customers; the others sell alongside an owner or support it.
OWNING_TEAM_TYPES: frozenset[str] = frozenset({"regional", "key_account", "government"})
#: How a named-account team stands to its named customers: it owns them (the full model), or it
#: supports the regional teams that keep them (the simplified model).
Ownership = Literal["owns", "supports"]


class Scope(Record):
    """What a team covers."""

    regions: list[Slug] = Field(default_factory=list, title="Regions", description="The regions the team covers.")
    industries: list[Slug] = Field(
        default_factory=list, title="Industries", description="The industries a key-account team covers."
    )
    domains: list[Slug] = Field(
        default_factory=list, title="Government domains", description="The government domains a government team covers."
    )


class Member(Record):
    """A person on the team. Person ids are unique across all teams."""

    id: Slug = Field(title="Id", description="The person's id, used by accounts and other teams.")
    name: Name = Field(title="Name", description="The person's name.")
    title: Text | None = Field(None, title="Title", description="The person's job title.")
    roles: list[TriangleRole] = Field(
        default_factory=list,
        title="Iron-triangle roles",
        description="The roles the person can hold on accounts: ar (account), sr (solution), fr (fulfilment).",
    )
    reports_to: ReportingLines | None = Field(
        None, title="Reports to", description="The person ids this person reports to (solid and dotted lines)."
    )
    handle: Text | None = Field(
        None, title="Code-host handle", description="The person's handle on the code host, for review ownership."
    )
    email: Text | None = Field(None, title="Email", description="The person's work email address.")


class Kpi(Record):
    """A KPI the team carries, with a weight for each iron-triangle role."""

    id: Slug = Field(title="Id", description="The KPI id.")
    name: Name = Field(title="Name", description="The display name.")
    perspective: Perspective = Field(
        title="Scorecard perspective", description="financial, customer, internal_process or learning."
    )
    weights: dict[TriangleRole, int] = Field(
        title="Weights",
        description="The weight of this KPI for each role (ar, sr, fr), in percent; each role's weights sum to 100.",
    )
    target: Text | None = Field(None, title="Target", description="The target, in words or numbers.")


class Team(Record):
    """A team charter: type, scope, people, KPIs."""

    id: Slug = Field(title="Id", description="The team id; the file name without .yaml.")
    name: Name = Field(title="Name", description="The team's name.")
    type: TeamType = Field(
        title="Type",
        description=(
            "regional, key_account or government teams own customers; solution, delivery and partner teams overlay."
        ),
    )
    scope: Scope = Field(
        default_factory=Scope, title="Scope", description="The regions, industries and domains covered."
    )
    ownership: Ownership = Field(
        "owns",
        title="Ownership",
        description=(
            "For key-account and government teams: 'owns' (the team owns the customers named to it) or 'supports'"
            " (the simplified model: the regional teams of its scope keep the key accounts, and this team owns none;"
            " it overlays them with credit, has dotted-line reports from the regional sellers, and may stand in as"
            " AR where an account records it)."
        ),
    )
    lead: Slug = Field(title="Lead", description="The id of the member who leads the team.")
    reports_to: ReportingLines | None = Field(
        None, title="Reports to", description="The team ids this team reports to (solid and dotted lines)."
    )
    members: list[Member] = Field(min_length=1, title="Members", description="The people on the team.")
    kpis: list[Kpi] = Field(default_factory=list, title="KPIs", description="The KPIs the team carries.")
    charter: Text = Field(title="Charter", description="What the team is for and how it works, in prose.")

    @model_validator(mode="after")
    def _supports_only_named(self) -> Team:
        if self.ownership == "supports" and self.type not in ("key_account", "government"):
            raise ValueError(f"only key_account and government teams support regional owners, not {self.type} teams")
        return self

    @property
    def supports(self) -> bool:
        """Whether the team supports regional owners instead of owning its named customers."""
        return self.ownership == "supports"
