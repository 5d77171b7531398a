"""The relationship heat map: the latest score of every strategic and key account on each dimension.

Rows are the accounts of the tiers that require an iron triangle, grouped by tier, weakest
average first; columns are the taxonomy's relationship dimensions. Each cell shows the
latest score and its change since the previous assessment. A tier shows its weakest
``HEAT_ROWS`` accounts and says how many more there are, so the page stays small however
many accounts there are. Relationship scores are personal data: a public site says only
that they are not published.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from playbook import relationship_drops
from playbook.models import Account, Assessment
from playbook.models.tiers import Tier
from playbook.repository import Sourced
from playbook.site.context import SiteContext
from playbook.site.directory import Directory, say, sort_key
from playbook.site.front_matter import WIDE, front_matter
from playbook.site.labels import LabelTable, label
from playbook.site.pages import Page
from playbook.site.svg import LEVELS, heat_cell, level_name
from playbook.site.tables import table_sections

PATH = "relationships-heatmap.md"
#: The most accounts one tier's table shows (the weakest); the rest are counted.
HEAT_ROWS = 200

LABELS: LabelTable = {
    "title": ("Relationship heat map", "客户关系热力图"),
    "public": (
        "Relationship scores and assessments are personal data about the customer's people; this edition of"
        " the site does not publish them.",
        "客户关系评分与评估涉及客户人员的个人信息，本版站点不予公开。",
    ),
    "intro": (
        "The latest relationship score of every account whose tier requires an iron triangle, on each"
        " dimension, with the change since the previous assessment. Within each tier the weakest accounts"
        " come first. The scale is explained in [Relationships](relationships.md).",
        "各需配齐铁三角分级客户在每个维度上的最新关系评分，以及与上一次评估相比的变化。每个分级中最薄弱的客户排在"
        "最前。评分标准见[客户关系](relationships.md)。",
    ),
    "level": ("Level", "级别"),
    "meaning": ("Meaning", "含义"),
    "no_tiers": (
        "No tier requires an iron triangle, so there is nothing to show.",
        "没有需配齐铁三角的分级，暂无内容。",
    ),
    "no_accounts": ("No accounts in this tier.", "此分级暂无客户。"),
    "assessed": ("Assessed", "评估日期"),
    "average": ("Average", "平均"),
    "shown": ("Assessed accounts: {count}, weakest first.", "已评估客户：{count} 个，最薄弱者在前。"),
    "capped": (
        "The {shown} weakest of {count} assessed accounts; the others are on their account pages.",
        "{count} 个已评估客户中最薄弱的 {shown} 个；其余见各客户页面。",
    ),
    "unassessed": ("Not assessed yet ({count}):", "尚未评估（{count} 个）："),
    "stale": ("stale: {days} days", "过期：{days} 天"),
    "marks": (
        "A level outlined in red dropped since the previous assessment; a date marked stale is older than the"
        " tier's review cadence.",
        "红框标出的等级比上一次评估下降；标为过期的日期超过了该分级的评估周期。",
    ),
}


def _say(key: str, context: SiteContext, **values: object) -> str:
    return label(key, context.language, LABELS).format(**values)


@dataclass(frozen=True)
class HeatRow:
    """One account's latest scores and their change since the assessment before."""

    account: Account
    latest: Assessment
    previous: Assessment | None

    def score(self, dimension: str) -> int | None:
        return self.latest.dimensions.get(dimension)

    def change(self, dimension: str) -> int | None:
        return relationship_drops.change(self.latest, self.previous, "dimension", dimension)

    def dropped_dimensions(self) -> tuple[str, ...]:
        """The dimensions scored lower than in the previous assessment, in the latest one's order."""
        return tuple(dimension for dimension in self.latest.dimensions if (self.change(dimension) or 0) < 0)

    def dropped_contacts(self) -> tuple[str, ...]:
        """The contacts assessed lower than in the previous assessment."""
        before = self.previous.contacts if self.previous else {}
        return tuple(
            contact for contact, level in self.latest.contacts.items() if contact in before and level < before[contact]
        )

    def average(self, dimensions: list[str]) -> float | None:
        scores = [score for dimension in dimensions if (score := self.score(dimension)) is not None]
        return sum(scores) / len(scores) if scores else None


def page(context: SiteContext, directory: Directory) -> Page:
    title = _say("title", context)
    lines = [*front_matter(title, hide=WIDE), f"# {title}", ""]
    if context.public:
        lines.append(_say("public", context))
        return Page(PATH, title, "\n".join(lines) + "\n")
    lines += [_say("intro", context), "", _say("marks", context), ""]
    lines += _legend(context)
    tiers = [tier for tier in directory.tiers if tier.iron_triangle_required]
    if not tiers:
        lines.append(_say("no_tiers", context))
        return Page(PATH, title, "\n".join(lines) + "\n")
    history = _history(context)
    for tier in tiers:
        lines += _tier(context, directory, tier, history)
    return Page(PATH, title, "\n".join(lines).rstrip("\n") + "\n")


def _legend(context: SiteContext) -> list[str]:
    lines = [f"| {_say('level', context)} | {_say('meaning', context)} |", "| --- | --- |"]
    lines += [
        f"| {heat_cell(level, None, context.language)} | {level_name(level, context.language)} |" for level in LEVELS
    ]
    return [*lines, ""]


def _history(context: SiteContext) -> dict[str, list[Sourced[Assessment]]]:
    """Each account folder's assessments up to the site's day, oldest first."""
    return {
        folder: [assessment for assessment in assessments if assessment.model.date <= context.as_of]
        for folder, assessments in context.playbook.assessments_by_account.items()
    }


def _tier(
    context: SiteContext, directory: Directory, tier: Tier, history: dict[str, list[Sourced[Assessment]]]
) -> list[str]:
    lines = [f"## {directory.tier_name(tier.id)} {{ #tier-{tier.id} }}", ""]
    dimensions = list(directory.dimensions)
    rows: list[HeatRow] = []
    unassessed: list[str] = []
    seen: set[str] = set()
    for sourced in context.playbook.accounts:
        account = sourced.model
        if account.tier != tier.id or account.id in seen:
            continue
        seen.add(account.id)
        dated = history.get(sourced.stem, [])
        if not dated:
            unassessed.append(account.id)
            continue
        rows.append(HeatRow(account, dated[-1].model, dated[-2].model if len(dated) > 1 else None))
    if not rows and not unassessed:
        return [*lines, _say("no_accounts", context), ""]
    if rows:
        rows.sort(key=lambda row: (_weakness(row, dimensions), *sort_key(row.account.name, row.account.id)))
        shown = rows[:HEAT_ROWS]
        if len(shown) < len(rows):
            lines += [_say("capped", context, shown=len(shown), count=len(rows)), ""]
        else:
            lines += [_say("shown", context, count=len(rows)), ""]
        header = " | ".join(directory.dimension_name(dimension) for dimension in dimensions)
        table_header = [
            f"| {label('account', context.language)} | {_say('average', context)} | {header} |"
            f" {_say('assessed', context)} | {label('owner', context.language)} |",
            "| --- | ---: |" + " :---: |" * len(dimensions) + " --- | --- |",
        ]
        lines += table_sections(table_header, [_row(context, directory, row, dimensions) for row in shown])
        lines.append("")
    if unassessed:
        lines += [
            _say("unassessed", context, count=len(unassessed)),
            directory.accounts_list(unassessed, context.language),
            "",
        ]
    return lines


def _weakness(row: HeatRow, dimensions: list[str]) -> float:
    """Where a row sorts: by its average, an account with no known score first."""
    average = row.average(dimensions)
    return float(min(LEVELS)) - 1 if average is None else average


def _row(context: SiteContext, directory: Directory, row: HeatRow, dimensions: list[str]) -> str:
    account = row.account
    cells = " | ".join(
        heat_cell(row.score(dimension), row.change(dimension), context.language) for dimension in dimensions
    )
    average = row.average(dimensions)
    shown = f"{average:.1f}" if average is not None else say("dash", context.language)
    assessed = row.latest.date.isoformat()
    health = context.health.get(account.id)
    if health is not None and health.stale_days is not None and health.stale_days >= 0:
        words = html.escape(_say("stale", context, days=health.stale_days))
        assessed = f'**{assessed}** <span class="pb-stale pb-badge">{words}</span>'
    return (
        f"| {directory.account_link(account.id)} | {shown} | {cells} | {assessed} |"
        f" {directory.team_link(account.owner)} |"
    )
