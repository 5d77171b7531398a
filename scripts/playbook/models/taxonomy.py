"""data/taxonomy.yaml: the controlled vocabularies every other file refers to."""

from __future__ import annotations

from pydantic import Field

from playbook.models.common import Name, Record, Slug, Text


class Term(Record):
    """One entry of a vocabulary."""

    id: Slug = Field(title="Id", description="The id other files use to refer to this entry.")
    name: Name = Field(title="Name", description="The display name, in English and/or Chinese.")
    description: Text | None = Field(None, title="Description", description="What the entry covers.")


class Region(Term):
    """A sales region; regions nest (big region, province, city) through their parent."""

    parent: Slug | None = Field(
        None, title="Parent region", description="The id of the region this one lies in; none for a top-level region."
    )


class Stage(Term):
    """A sales stage, in the order opportunities move through it."""

    checkpoint: Text = Field(
        title="Checkpoint", description="The key check an opportunity must pass before it leaves this stage."
    )
    win_probability: int = Field(
        ge=0, le=100, title="Win probability", description="The usual chance of winning from this stage, in percent."
    )
    focus_roles: list[Slug] = Field(
        default_factory=list,
        title="Focus buying roles",
        description=(
            "The buying roles whose weight is highest in this stage (UB early, TB in evaluation, EB at decision)."
        ),
    )


class BuyingRole(Term):
    """A role a customer's person plays in a purchase (EB, UB, TB, Coach)."""

    needs_backup: bool = Field(
        False,
        title="Needs a backup",
        description="Whether every contact in this role must have our owner and a different backup owner.",
    )
    decides: bool = Field(
        False,
        title="Decides",
        description="Whether this role makes the final decision (the economic buyer); key accounts must map one.",
    )


class Influence(Term):
    """One of the finer influences within a buying role (for example E-DB, final decision)."""

    role: Slug = Field(title="Buying role", description="The buying role this influence belongs to.")


class Taxonomy(Record):
    """The organisation's controlled vocabularies."""

    currency: Text = Field(
        "CNY", title="Currency", description="The currency every amount in the playbook is stated in."
    )
    amount_unit: Text = Field(
        "10k", title="Amount unit", description="The unit of every amount, for example '10k' (万元) or 'million'."
    )
    regions: list[Region] = Field(min_length=1, title="Regions", description="The sales regions.")
    industries: list[Term] = Field(min_length=1, title="Industries", description="The customer industries.")
    government_domains: list[Term] = Field(
        default_factory=list,
        title="Government domains",
        description=(
            "The government domains named-account government teams are organised by (tax, customs, education...)."
        ),
    )
    stages: list[Stage] = Field(min_length=1, title="Sales stages", description="The sales stages, in order.")
    relationship_dimensions: list[Term] = Field(
        min_length=1,
        title="Relationship dimensions",
        description="The dimensions relationships are assessed on, each scored -1 to 3.",
    )
    buying_roles: list[BuyingRole] = Field(min_length=1, title="Buying roles", description="EB, UB, TB, Coach.")
    influences: list[Influence] = Field(
        default_factory=list, title="Influences", description="The finer influences within the buying roles."
    )
