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

#: Detail lines shown in a pull-request comment before the rest is summarised.
MAX_DETAILS = 150


def _counts(diff: CoverageDiff) -> list[tuple[str, int]]:
    return [
        ("accounts added", len(diff.added)),
        ("accounts removed", len(diff.removed)),
        ("accounts renamed", len(diff.renamed)),
        ("accounts moved between owners", len(diff.moved)),
        ("tier changes", len(diff.tier_changes)),
        ("overlay changes", len(diff.overlay_changes)),
        ("iron-triangle changes", len(diff.triangle_changes)),
        ("AR load changes", len(diff.load_changes)),
        ("gaps opened", len(diff.gaps_opened)),
        ("gaps closed", len(diff.gaps_closed)),
        ("overlaps opened", len(diff.overlaps_opened)),
        ("overlaps closed", len(diff.overlaps_closed)),
    ]


def details(diff: CoverageDiff) -> list[str]:
    """One line per change, most serious first."""
    lines = [f"error introduced: {f.path}:{f.line}:{f.column}: {f.rule} {f.message}" for f in diff.errors_introduced]
    lines += [f"gap opened: {gap}" for gap in diff.gaps_opened]
    lines += [f"overlap opened: {overlap}" for overlap in diff.overlaps_opened]
    lines += [f"moved: {m.account} from {m.before} to {m.after}" for m in diff.moved]
    lines += [f"tier: {m.account} from {m.before} to {m.after}" for m in diff.tier_changes]
    lines += [f"added: {account} (owner {owner})" for account, owner in diff.added]
    lines += [f"removed: {account} (was owned by {owner})" for account, owner in diff.removed]
    lines += [f"renamed: {m.before} to {m.after}" for m in diff.renamed]
    for change in diff.overlay_changes + diff.triangle_changes:
        parts = [f"+{item}" for item in change.added] + [f"-{item}" for item in change.removed]
        lines.append(f"{change.what}: {change.account} {' '.join(parts)}")
    for load in diff.load_changes:
        bound = f" (max {load.maximum}{', OVER' if load.over else ''})" if load.maximum is not None else ""
        lines.append(f"AR load: {load.person} {load.tier} accounts {load.before} -> {load.after}{bound}")
    lines += [f"gap closed: {gap}" for gap in diff.gaps_closed]
    lines += [f"overlap closed: {overlap}" for overlap in diff.overlaps_closed]
    lines += [f"error fixed: {f.path}: {f.rule} {f.message}" for f in diff.errors_fixed]
    return lines


def _verdict(diff: CoverageDiff) -> str:
    if diff.errors_introduced:
        return f"{len(diff.errors_introduced)} error(s) introduced: this change breaks the playbook"
    return "no errors introduced"


def to_text(diff: CoverageDiff, head: Coverage) -> str:
    lines = [f"coverage change: {_verdict(diff)}"]
    lines += [f"  {label}: {count}" for label, count in _counts(diff) if count]
    if not diff.coverage_changed:
        lines.append("  no change to coverage")
    lines.append("")
    lines += details(diff)
    return "\n".join(lines).rstrip() + "\n"


def _md(text: str) -> str:
    for char in "\\`*_[]<>|#":
        text = text.replace(char, f"\\{char}")
    return text


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
    all_details = details(diff)
    if all_details:
        shown = all_details[:MAX_DETAILS]
        lines += ["", "<details><summary>Details</summary>", ""]
        lines += [f"- {_md(line)}" for line in shown]
        if len(all_details) > MAX_DETAILS:
            lines.append(f"- … and {len(all_details) - MAX_DETAILS} more (run `playbook coverage --base`)")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def as_data(diff: CoverageDiff) -> dict[str, Any]:
    data = asdict(diff)
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
