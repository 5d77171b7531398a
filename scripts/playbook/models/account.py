"""data/accounts/<account-id>/account.yaml: one account plan."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints

from playbook.models.common import IsoDate, Lifecycle, Name, Percent, Record, Slug, Text
from playbook.models.settings import Approval

ActionStatus = Literal["planned", "in_progress", "done", "dropped"]
LeadStatus = Literal["new", "qualified", "converted", "dropped"]
InfluenceLevel = Literal["high", "medium", "low"]
OPEN_ACTION_STATUSES: frozenset[str] = frozenset({"planned", "in_progress"})


def _one_line(value: str) -> str:
    if not value.strip() or "\n" in value or "\r" in value:
        raise ValueError("an alias is a name on one line, not blank")
    return value


#: Another name of a customer: some text that is not blank, on one line.
Alias = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_one_line)]


class Overlay(Record):
    """A team that sells alongside the owner or supports it; it never owns the account."""

    team: Slug = Field(title="Team", description="The overlay team's id.")
    credit_pct: Percent = Field(
        title="Credit",
        description="The share of the account's revenue credited to the overlay team as well (double credit).",
    )
    role: Text | None = Field(None, title="Role", description="What the overlay team does on this account.")


class TierException(Record):
    """An approved exception for an account that does not meet its tier's criteria."""

    reason: Text = Field(title="Reason", description="Why the account stays in its tier anyway.")
    approved_by: Slug = Field(title="Approved by", description="The person id of the approver.")
    approved_on: IsoDate = Field(title="Approved on", description="The date of the approval.")
    expires: IsoDate | None = Field(None, title="Expires", description="When the exception must be reviewed again.")


class IronTriangle(Record):
    """The account's core team: the three roles, each held by one or more people."""

    ar: list[Slug] = Field(
        default_factory=list, title="AR", description="Account responsible: relationship, profit, contract, payment."
    )
    sr: list[Slug] = Field(
        default_factory=list,
        title="SR",
        description="Solution responsible: solution, tender, pricing, backup for key relationships.",
    )
    fr: list[Slug] = Field(
        default_factory=list,
        title="FR",
        description="Fulfilment responsible: delivery, service, satisfaction, payment cycle.",
    )


class ActingAr(Record):
    """A person from a supporting team who holds the AR role on an account the regional team owns (补位)."""

    person: Slug = Field(title="Person", description="The person id; also listed under iron_triangle.ar.")
    reason: Text = Field(
        title="Reason",
        description="Why the supporting team's person holds the AR role, for example a weak key-account base.",
    )


class Goal(Record):
    """A goal of the account plan."""

    title: Text = Field(title="Title", description="The goal in a sentence.")
    year: int = Field(ge=2000, le=2100, title="Year", description="The year the goal is for.")
    perspective: Literal["financial", "customer", "internal_process", "learning"] | None = Field(
        None, title="Scorecard perspective", description="The balanced-scorecard perspective the goal serves."
    )
    target: Text | None = Field(None, title="Target", description="The measurable target.")


class WalletShare(Record):
    """Our planned share of the customer's spend in one year."""

    year: int = Field(ge=2000, le=2100, title="Year", description="The year.")
    share_pct: Percent = Field(title="Share of wallet", description="Our share of the customer's spend, in percent.")
    breakthroughs: list[Text] = Field(
        default_factory=list, title="Breakthroughs", description="New products or lines the plan breaks into that year."
    )


class Lead(Record):
    """A lead: the customer wants to buy something."""

    id: Slug = Field(title="Id", description="The lead number, unique within the account.")
    title: Text = Field(title="Title", description="What the customer wants.")
    received: IsoDate = Field(title="Received", description="When the lead came in.")
    status: LeadStatus = Field(title="Status", description="new, qualified, converted or dropped.")
    opportunity: Slug | None = Field(
        None, title="Opportunity", description="The opportunity the lead was converted into."
    )


class Opportunity(Record):
    """An opportunity: a need we can serve, moving through the sales stages."""

    id: Slug = Field(title="Id", description="The opportunity number, unique within the account.")
    title: Text = Field(title="Title", description="What we would sell.")
    stage: Slug = Field(title="Stage", description="The sales stage id from the taxonomy.")
    amount: float = Field(ge=0, title="Amount", description="The expected amount, in the taxonomy's currency and unit.")
    close: IsoDate | None = Field(None, title="Expected close", description="When the decision is expected.")
    product: Text | None = Field(None, title="Product", description="The product or solution offered.")
    overlay: Slug | None = Field(None, title="Overlay team", description="The overlay team working the opportunity.")


class Contact(Record):
    """A person on the customer's side and who covers them on ours."""

    id: Slug = Field(title="Id", description="The contact id, unique within the account.")
    name: Name = Field(title="Name", description="The contact's name.")
    title: Text = Field(title="Title", description="The contact's job title.")
    department: Text | None = Field(None, title="Department", description="The contact's department.")
    buying_role: Slug = Field(
        title="Buying role", description="The buying role id from the taxonomy (eb, ub, tb, coach)."
    )
    influence: Slug | None = Field(None, title="Influence", description="The finer influence id from the taxonomy.")
    influence_level: InfluenceLevel = Field(
        "medium", title="Influence level", description="How much weight the contact carries: high, medium or low."
    )
    reports_to: Slug | None = Field(
        None, title="Reports to", description="The id of the contact this contact reports to."
    )
    owner: Slug | None = Field(
        None, title="Our owner", description="The person id on our side who owns the relationship."
    )
    backup: Slug | None = Field(None, title="Our backup", description="A different person id who backs the owner up.")


class Action(Record):
    """A PDCA action of the account plan."""

    id: Slug = Field(title="Id", description="The action id, unique within the account.")
    title: Text = Field(title="Title", description="What is to be done.")
    owner: Slug = Field(title="Owner", description="The person id responsible.")
    due: IsoDate = Field(title="Due", description="When it is due.")
    status: Literal["planned", "in_progress", "done", "dropped"] = Field(
        title="Status", description="planned, in_progress, done or dropped."
    )
    contact: Slug | None = Field(None, title="Contact", description="The contact the action aims at.")
    dimension: Slug | None = Field(None, title="Dimension", description="The relationship dimension it should lift.")


class Account(Record):
    """An account plan: tier, coverage, the iron triangle, the customer's people, the plan."""

    id: Slug = Field(title="Id", description="The account id; the folder name.")
    name: Name = Field(title="Name", description="The customer's name.")
    aliases: list[Alias] = Field(
        default_factory=list,
        title="Aliases",
        description=(
            "Other names people use for the customer: short names (简称), former names, English abbreviations. "
            "Shown on the account page; search finds the account by each."
        ),
    )
    tier: Slug = Field(title="Tier", description="The tier id from tiers.yaml.")
    industry: Slug = Field(title="Industry", description="The industry id from the taxonomy.")
    region: Slug = Field(
        title="Region", description="The region id from the taxonomy (where the customer's head office is)."
    )
    domain: Slug | None = Field(None, title="Government domain", description="For government accounts, the domain id.")
    crm_id: Text | None = Field(
        None, title="CRM id", description="The customer's id in the CRM, which `playbook assign` matches extracts by."
    )
    owner: Slug = Field(title="Owning team", description="The one team that owns the account.")
    overlays: list[Overlay] = Field(
        default_factory=list, title="Overlays", description="Teams that sell alongside the owner."
    )
    lifecycle: Lifecycle = Field(
        title="Lifecycle stage", description="breaking_in, growth or mature; sets the scorecard weights."
    )
    metrics: dict[Slug, float] = Field(
        default_factory=dict, title="Metrics", description="Measured values of the metrics the tier criteria test."
    )
    exception: TierException | None = Field(
        None,
        title="Tier exception",
        description="An approved exception when the account does not meet its tier's criteria.",
    )
    iron_triangle: IronTriangle = Field(
        default_factory=IronTriangle, title="Iron triangle", description="Who holds AR, SR and FR."
    )
    acting_ar: list[ActingAr] = Field(
        default_factory=list,
        title="Acting AR",
        description=(
            "People from a supporting key-account or government team who hold the AR role on this account although"
            " the regional team owns it, each with the reason."
        ),
    )
    goals: list[Goal] = Field(default_factory=list, title="Goals", description="The goals of the account plan.")
    share_of_wallet: list[WalletShare] = Field(
        default_factory=list,
        title="Share-of-wallet plan",
        description="Our planned share of the customer's spend, by year.",
    )
    leads: list[Lead] = Field(default_factory=list, title="Leads", description="Numbered leads.")
    opportunities: list[Opportunity] = Field(
        default_factory=list, title="Opportunities", description="Numbered opportunities with stage and amount."
    )
    contacts: list[Contact] = Field(default_factory=list, title="Contacts", description="The customer's people.")
    actions: list[Action] = Field(default_factory=list, title="Actions", description="The PDCA action plan.")
    approvals: list[Approval] = Field(
        default_factory=list,
        title="Approvals",
        description="Approvals of moves and tier changes, as the settings' approval policy requires.",
    )
    notes: Text | None = Field(None, title="Notes", description="Anything else worth knowing.")
