"""A coverage diff as text, Markdown (for a pull-request comment), JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from playbook.coverage import Coverage
from playbook.coverage_diff import CoverageDiff
from playbook.coverage_report import cell_text

#: A pull-request comment's limit on GitHub is 65,536 characters; the Markdown keeps well within it.
MARKDOWN_BUDGET = 60_000
#: Detail lines shown per group in a pull-request comment before the rest is counted.
MAX_DETAILS = 150
#: The longest detail line a comment shows.
MAX_LINE = 300
ERRORS, COVERAGE, TAXONOMY, FIXED = "errors introduced", "coverage", "taxonomy", "errors fixed"


def _counts(diff: CoverageDiff) -> list[tuple[str, int]]:
    terms = {change: 0 for change in ("added", "removed", "renamed", "re-parented")}
    for term in diff.term_changes:
        terms[term.change] += 1
    return [
        ("teams added", len(diff.teams_added)),
        ("teams removed", len(diff.teams_removed)),
        ("teams renamed", len(diff.teams_renamed)),
        ("scope gained", sum(len(change.gained) for change in diff.scope_changes)),
        ("scope lost", sum(len(change.lost) for change in diff.scope_changes)),
        *((f"taxonomy terms {change}", count) for change, count in terms.items()),
        ("accounts added", len(diff.added)),
        ("accounts removed", len(diff.removed)),
        ("accounts renamed", len(diff.renamed)),
        ("accounts moved between owners", len(diff.moved)),
        ("region changes", len(diff.region_changes)),
        ("industry changes", len(diff.industry_changes)),
        ("tier changes", len(diff.tier_changes)),
        ("overlay changes", len(diff.overlay_changes)),
        ("iron-triangle changes", len(diff.triangle_changes)),
        ("people renamed", len(diff.people_renamed)),
        ("people who moved team", len(diff.people_moved)),
        ("AR load changes", len(diff.load_changes)),
        ("key contacts whose relationship dropped", len(diff.contact_drops)),
        ("gaps opened", len(diff.gaps_opened)),
        ("gaps closed", len(diff.gaps_closed)),
        ("overlaps opened", len(diff.overlaps_opened)),
        ("overlaps closed", len(diff.overlaps_closed)),
    ]


def grouped(diff: CoverageDiff) -> dict[str, list[str]]:
    """The details, one line per change, grouped: errors, coverage, taxonomy, then each team; errors fixed last."""
    groups: dict[str, list[str]] = {ERRORS: [], COVERAGE: [], TAXONOMY: []}

    def add(group: str, line: str) -> None:
        groups.setdefault(group, []).append(line)

    def owner(account: str) -> str:
        return diff.owners.get(account, "(no owner)")

    def team_of(person: str) -> str:
        return diff.teams_of.get(person, "(no team)")

    for f in diff.errors_introduced:
        add(ERRORS, f"{f.path}:{f.line}:{f.column}: {f.rule} {f.message}")
    for gap in diff.gaps_opened:
        add(COVERAGE, f"gap opened: {gap}")
    for overlap in diff.overlaps_opened:
        add(COVERAGE, f"overlap opened: {overlap}")
    for gap in diff.gaps_closed:
        add(COVERAGE, f"gap closed: {gap}")
    for overlap in diff.overlaps_closed:
        add(COVERAGE, f"overlap closed: {overlap}")
    for term in diff.term_changes:
        add(TAXONOMY, f"{term.vocabulary} {term.term} {term.change}" + (f" {term.detail}" if term.detail else ""))
    for team in diff.teams_added:
        add(team, "team added")
    for team in diff.teams_removed:
        add(team, "team removed")
    for renamed in diff.teams_renamed:
        add(renamed.after, f"team renamed from {renamed.before}")
    for scope in diff.scope_changes:
        parts = [f"+{item}" for item in scope.gained] + [f"-{item}" for item in scope.lost]
        add(scope.team, f"scope {scope.what}: {' '.join(parts)}")
    for m in diff.moved:
        add(m.after, f"moved: {m.account} from {m.before} to {m.after}")
    for account, team in diff.added:
        add(team, f"added: {account}")
    for account, team in diff.removed:
        add(team, f"removed: {account}")
    for m in diff.renamed:
        add(owner(m.after), f"renamed: {m.before} to {m.after}")
    for label, changes in (("region", diff.region_changes), ("industry", diff.industry_changes)):
        for m in changes:
            add(owner(m.account), f"{label}: {m.account} from {m.before} to {m.after}")
    for m in diff.tier_changes:
        add(owner(m.account), f"tier: {m.account} from {m.before} to {m.after}")
    for change in diff.overlay_changes + diff.triangle_changes:
        parts = [f"+{item}" for item in change.added] + [f"-{item}" for item in change.removed]
        add(owner(change.account), f"{change.what}: {change.account} {' '.join(parts)}")
    for renamed in diff.people_renamed:
        add(team_of(renamed.after), f"person renamed: {renamed.before} to {renamed.after}")
    for transfer in diff.people_moved:
        add(transfer.after, f"person moved team: {transfer.person} from {transfer.before}")
    for load in diff.load_changes:
        bound = f" (max {load.maximum}{', OVER' if load.over else ''})" if load.maximum is not None else ""
        add(team_of(load.person), f"AR load: {load.person} {load.tier} accounts {load.before} -> {load.after}{bound}")
    for drop in diff.contact_drops:
        line = f"relationship dropped: {drop.account} contact {drop.contact} {drop.before} -> {drop.after}"
        add(owner(drop.account), line)
    for f in diff.errors_fixed:
        add(FIXED, f"{f.path}: {f.rule} {f.message}")
    special = [ERRORS, COVERAGE, TAXONOMY]
    teams = sorted(group for group in groups if group not in (*special, FIXED))
    order = [*special, *teams, FIXED]
    return {group: groups[group] for group in order if groups.get(group)}


def details(diff: CoverageDiff) -> list[str]:
    """Every detail line, in the order of their groups."""
    return [line for lines in grouped(diff).values() for line in lines]


def _verdict(diff: CoverageDiff) -> str:
    if diff.errors_introduced:
        return f"{len(diff.errors_introduced)} error(s) introduced: this change breaks the playbook"
    return "no errors introduced"


def to_text(diff: CoverageDiff, head: Coverage) -> str:
    lines = [f"coverage change: {_verdict(diff)}"]
    lines += [f"  {label}: {count}" for label, count in _counts(diff) if count]
    if not diff.coverage_changed:
        lines.append("  no change to coverage")
    for group, group_lines in grouped(diff).items():
        lines += ["", f"{group}:"]
        lines += [f"  {line}" for line in group_lines]
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    if len(text) > MAX_LINE:
        text = text[: MAX_LINE - 1] + "…"
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


def _group_markdown(group: str, lines: list[str], cap: int) -> list[str]:
    title = group if group in (ERRORS, COVERAGE, TAXONOMY, FIXED) else f"team {group}"
    out = [f"<details><summary>{_md(title)}: {len(lines)}</summary>", ""]
    out += [f"- {_md(line)}" for line in lines[:cap]]
    if len(lines) > cap:
        out.append(f"- … and {len(lines) - cap} more (run `playbook coverage --base`)")
    return [*out, "", "</details>", ""]


def _folded(groups: dict[str, list[str]], budget: int) -> list[str]:
    """Each group folded, with as many lines per group as the budget allows; groups past it only counted."""
    cap = MAX_DETAILS
    while True:
        out: list[str] = []
        size, shown = 0, 0
        for group, lines in groups.items():
            part = _group_markdown(group, lines, cap)
            part_size = sum(len(line) + 1 for line in part)
            if size + part_size > budget and cap == 0:
                break
            out += part
            size += part_size
            shown += 1
        if size <= budget or cap == 0:
            break
        cap //= 3
    if shown < len(groups):
        rest = list(groups.values())[shown:]
        out.append(
            f"… and {len(rest)} more groups with {sum(len(lines) for lines in rest)} changes "
            "(run `playbook coverage --base`)"
        )
    return out


def to_markdown(diff: CoverageDiff, head: Coverage) -> str:
    mark = "❌" if diff.errors_introduced else "✅"
    lines = [f"### {mark} Coverage change: {_verdict(diff)}", ""]
    counted = [(label, count) for label, count in _counts(diff) if count]
    if counted:
        lines += ["| change | count |", "|---|---:|"]
        lines += [f"| {label} | {count} |" for label, count in counted]
    else:
        lines.append("No change to coverage.")
    if diff.base_errors:
        lines += ["", f"The base revision already had {diff.base_errors} error(s)."]
    groups = grouped(diff)
    if groups:
        lines += ["", "Details, by team:", ""]
        lines += _folded(groups, MARKDOWN_BUDGET - sum(len(line) + 1 for line in lines))
    return "\n".join(lines).rstrip() + "\n"


def as_data(diff: CoverageDiff) -> dict[str, Any]:
    data = asdict(diff)
    for key in ("owners", "teams_of"):  # what the report groups by, not changes
        data.pop(key)
    for key in ("errors_introduced", "errors_fixed"):
        data[key] = [finding.as_dict() for finding in getattr(diff, key)]
    data["added"] = [{"account": account, "owner": owner} for account, owner in diff.added]
    data["removed"] = [{"account": account, "owner": owner} for account, owner in diff.removed]
    return data


def to_json(diff: CoverageDiff, head: Coverage) -> str:
    return json.dumps(as_data(diff), ensure_ascii=False, indent=2) + "\n"


def to_csv(diff: CoverageDiff, head: Coverage) -> str:
    """The matrix after the change, one cell a row, with what changed there."""
    changed = " ".join(details(diff))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["kind", "row", "region", "owners", "accounts", "gap", "overlap", "changed"])
    for matrix in (head.commercial, head.government):
        for cell in matrix.cells.values():
            touched = f"{cell.row} in region {cell.region}" in changed
            writer.writerow(
                [
                    matrix.kind,
                    cell.row,
                    cell.region,
                    cell_text(cell),
                    cell.account_count,
                    cell.gap,
                    cell.overlap,
                    touched,
                ]
            )
    return buffer.getvalue()


FORMATS: dict[str, Callable[[CoverageDiff, Coverage], str]] = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
}
