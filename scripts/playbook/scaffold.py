"""Starting files for a new account, team or assessment, with the schema line and guidance comments."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from playbook.errors import PlaybookError
from playbook.jsonschemas import schema_path
from playbook.layout import ACCOUNTS
from playbook.models.common import SLUG_PATTERN
from playbook.repository import Playbook

_SLUG = re.compile(SLUG_PATTERN)


def _schema_line(kind: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}{schema_path(kind)}\n"


def account_text(account_id: str, playbook: Playbook, tier: str | None, owner: str | None) -> str:
    """A new account plan that passes its schema, defaulting to the repository's own terms."""
    taxonomy = playbook.taxonomy.model if playbook.taxonomy else None
    region = taxonomy.regions[0].id if taxonomy else "REGION"
    industry = taxonomy.industries[0].id if taxonomy else "INDUSTRY"
    tiers = playbook.tiers.model.tiers if playbook.tiers else []
    chosen_tier = tier or (max(tiers, key=lambda t: t.rank).id if tiers else "TIER")
    regional = next(
        (t.model.id for t in playbook.teams if t.model.type == "regional" and region in t.model.scope.regions),
        "TEAM",
    )
    return (
        _schema_line("account", 3)
        + f"""# A new account plan. Fill in what you know; 'playbook validate' says what is missing.
id: {account_id}            # must equal the folder name
name:
  zh: 客户全称              # the customer's name in Chinese
  en: Customer Name         # and/or in English
aliases: []                 # other names people search by: short names (简称), former names, abbreviations
tier: {chosen_tier}                 # a tier id from data/tiers.yaml
industry: {industry}        # an industry id from data/taxonomy.yaml
region: {region}            # where the customer's head office is
owner: {owner or regional}  # the ONE team that owns the account (a regional, key_account or government team)
overlays: []                # solution, delivery or partner teams: {{team: ID, credit_pct: 100, role: ...}}
lifecycle: breaking_in      # breaking_in, growth or mature: sets the scorecard weights
metrics: {{}}                 # the values your tier's criteria test, e.g. {{annual-revenue: 120}}
iron_triangle:              # person ids from the team charters
  ar: []                    # account responsible
  sr: []                    # solution responsible
  fr: []                    # fulfilment responsible
goals: []                   # {{title: ..., year: 2027, perspective: financial, target: ...}}
share_of_wallet: []         # {{year: 2027, share_pct: 10}}
leads: []                   # {{id: lead-1, title: ..., received: 2026-01-31, status: new}}
opportunities: []           # {{id: opp-1, title: ..., stage: STAGE, amount: 100}}
contacts: []                # {{id: ..., name: {{zh: ...}}, title: ..., buying_role: eb, owner: PERSON, backup: PERSON}}
actions: []                 # {{id: act-1, title: ..., owner: PERSON, due: 2026-12-31, status: planned}}
"""
    )


def team_text(team_id: str, team_type: str) -> str:
    """A new team charter that passes its schema."""
    lead = f"{team_id}-lead"
    return (
        _schema_line("team", 2)
        + f"""# A new team charter. 'playbook validate' checks its scope against the other teams.
id: {team_id}               # must equal the file name
name:
  zh: 团队名称
  en: Team Name
type: {team_type}           # regional, key_account, government (own customers) or solution, delivery, partner (overlay)
scope:
  regions: []               # region ids from data/taxonomy.yaml
  industries: []            # key_account teams: industry ids
  domains: []               # government teams: government domain ids
lead: {lead}                # the id of one of the members below
members:
  - id: {lead}              # person ids are unique across all teams
    name: {{zh: 负责人, en: Team Lead}}
    title: Head of team
    roles: [ar]             # iron-triangle roles this person can hold: ar, sr, fr
    handle: null            # code-host handle, for review ownership
kpis: []                    # {{id: ..., name: {{en: ...}}, perspective: financial,
                            #   weights: {{ar: 40, sr: 30, fr: 30}}}}
charter: >-
  What the team is for, whom it serves and how it works with the owning teams.
"""
    )


def write_new(root: Path, relative: str, text: str) -> Path:
    """Write a new file; never overwrite one."""
    target = root / relative
    if target.exists():
        raise PlaybookError(f"{relative} already exists; it was left as it is")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return target


def check_id(value: str) -> str:
    if not _SLUG.match(value):
        raise PlaybookError(f"'{value}' is not a valid id: use lowercase letters, digits and hyphens")
    return value


def assessment_text(account_id: str, playbook: Playbook, on: date) -> tuple[str, str]:
    """A new assessment of an account dated ``on``, starting from its latest assessment's scores.

    Returns the root-relative path and the text. Contacts of the account that the latest
    assessment did not score, and the taxonomy's dimensions it lacked, are added at 0
    (neutral) with a comment; without an earlier assessment every score starts there.
    """
    account = playbook.account_by_id.get(account_id)
    if account is None:
        raise PlaybookError(
            f"no account '{account_id}': 'playbook new assessment' needs an account whose account.yaml passes "
            "its checks (see 'playbook validate')"
        )
    history = [item.model for item in playbook.assessments_by_account.get(account.stem, []) if item.model.date < on]
    latest = history[-1] if history else None
    dimensions = dict(latest.dimensions) if latest else {}
    known = [term.id for term in playbook.taxonomy.model.relationship_dimensions] if playbook.taxonomy else []
    contacts = dict(latest.contacts) if latest else {}
    model = account.model
    assessor = latest.assessor if latest else (model.iron_triangle.ar[0] if model.iron_triangle.ar else "PERSON")
    lines = [
        _schema_line("assessment", 4).rstrip("\n"),
        f"# Relationship assessment of {account_id} on {on.isoformat()}"
        + (f", starting from the scores of {latest.date.isoformat()}." if latest else "."),
        "# Levels: -1 opposes us, 0 neutral, 1 supports, 2 prefers us, 3 coach. Change what moved.",
        f"date: {on.isoformat()}",
        f"assessor: {assessor}           # the person id who assesses",
        "dimensions:",
    ]
    lines += [f"  {dimension}: {level}" for dimension, level in dimensions.items()]
    lines += [f"  {dimension}: 0            # not scored before" for dimension in known if dimension not in dimensions]
    if not dimensions and not known:
        lines[-1] = "dimensions: {}"
    contact_lines = [f"  {contact}: {level}" for contact, level in contacts.items()]
    contact_lines += [
        f"  {contact.id}: 0            # not scored before" for contact in model.contacts if contact.id not in contacts
    ]
    lines += ["contacts:", *contact_lines] if contact_lines else ["contacts: {}"]
    if latest is not None and latest.satisfaction is not None:
        satisfaction = latest.satisfaction
        lines.append(
            f"satisfaction: {{expectation: {satisfaction.expectation}, perception: {satisfaction.perception}}}"
        )
    lines.append("notes: >-")
    lines.append("  What changed since the last assessment, and why.")
    path = f"{ACCOUNTS}/{account.stem}/assessments/{on.isoformat()}.yaml"
    return path, "\n".join(lines) + "\n"
