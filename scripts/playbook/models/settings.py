"""playbook.yaml: the repository's settings — who governs it and which changes need approval."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from playbook.models.common import IsoDate, Record, Slug, Text

#: The kinds of change a policy can require an approval for.
ChangeKind = Literal["owner", "tier", "criteria"]
#: Who can read the site where the pipelines publish it.
SiteAccess = Literal["public", "organisation"]


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


class CrmColumns(Record):
    """Which column of a CRM extract holds what; a column left out is named like the key."""

    id: Text = Field(
        "crm_id", title="CRM id", description="The customer's id in the CRM (matched with accounts' crm_id)."
    )
    name: Text = Field("name", title="Name", description="The customer's name.")
    region: Text = Field("region", title="Region", description="The customer's region (an id, name or alias).")
    industry: Text = Field("industry", title="Industry", description="The customer's industry (an id, name or alias).")
    domain: Text = Field(
        "domain", title="Government domain", description="For government customers, the domain (an id, name or alias)."
    )
    owner: Text = Field(
        "owner",
        title="Owner",
        description="The owner the CRM records: a team or a person (id, name or email), checked against the playbook.",
    )


class CrmMetric(Record):
    """A metric column of a CRM extract, with the unit its plain numbers are in."""

    column: Text = Field(title="Column", description="The column's name in the extract.")
    unit: Text | None = Field(
        None,
        title="Unit",
        description="The unit of the column's plain numbers when it is not the metric's own (元, 万元, 亿元...).",
    )


class CrmMapping(Record):
    """How `playbook assign` reads a CRM extract."""

    columns: CrmColumns = Field(
        default_factory=CrmColumns, title="Columns", description="Which column holds the id, name, region and so on."
    )
    metrics: dict[Slug, Text | CrmMetric] = Field(
        default_factory=dict,
        title="Metric columns",
        description="The column of each metric of tiers.yaml (default: the column named like the metric's id).",
    )
    sheet: Text | None = Field(None, title="Sheet", description="The sheet of an XLSX extract (default: the first).")


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
    site_access: SiteAccess = Field(
        "public",
        title="Site access",
        description=(
            "Who can read the site where the CI pipelines publish it: public (anyone; the pipelines publish the "
            "public audience, without personal data) or organisation (the host lets only the organisation's "
            "signed-in members in, such as GitLab Pages with access control, private Pages on GitHub Enterprise "
            "or an internal web server; the pipelines publish the internal site)."
        ),
    )
    crm: CrmMapping = Field(
        default_factory=CrmMapping,
        title="CRM extract",
        description="How `playbook assign` maps the columns of a CRM extract to the playbook.",
    )
