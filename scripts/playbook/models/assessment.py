"""data/accounts/<account-id>/assessments/<YYYY-MM-DD>.yaml: one relationship assessment."""

from __future__ import annotations

from pydantic import Field

from playbook.models.common import IsoDate, Level, Record, Slug, Text


class Satisfaction(Record):
    """Satisfaction as what the customer expects against what they perceive, each 1 to 10."""

    expectation: int = Field(ge=1, le=10, title="Expectation", description="What the customer expects, 1 to 10.")
    perception: int = Field(ge=1, le=10, title="Perception", description="What the customer perceives, 1 to 10.")


class Assessment(Record):
    """A dated relationship assessment of one account."""

    date: IsoDate = Field(title="Date", description="The assessment date; the file name without .yaml.")
    assessor: Slug = Field(title="Assessor", description="The person id who made the assessment.")
    dimensions: dict[Slug, Level] = Field(
        title="Dimension scores",
        description="A score per relationship dimension id: -1 opposes, 0 neutral, 1 supports, 2 prefers us, 3 coach.",
    )
    contacts: dict[Slug, Level] = Field(
        default_factory=dict, title="Contact levels", description="A level per contact id, on the same -1 to 3 scale."
    )
    satisfaction: Satisfaction | None = Field(
        None, title="Satisfaction", description="The customer's expectation and perception."
    )
    notes: Text | None = Field(None, title="Notes", description="What changed and why.")
