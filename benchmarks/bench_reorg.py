"""Reorganisations at scale, measured by benchmarks/bench.py on the same generated repository.

  rename_team_s              `playbook rename team OLD NEW` of the team that owns the most accounts
                             (934 of 10,000 in the scale model), in a git repository of a copy of it
  rename_team_accounts       how many accounts that team owns
  coverage_base_rename_s     `playbook coverage --base HEAD` after that rename (the gate of its pull request)
  coverage_base_reorg_s      `playbook coverage --base HEAD --format markdown` after a reorganisation
                             of every account: each account and each team's scope moves to the next
                             region, the team above is renamed by hand, and a new region is added
                             under East China
  coverage_base_reorg_markdown_chars   the size of that Markdown (a pull-request comment holds 65,536)
  coverage_base_reorg_peak_rss_bytes   its peak memory

Both times are judged as a ratio to validate_cold_s of the same run (target ≤ 1.5×).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

AS_OF = "2026-11-23"
COMMENT_LIMIT = 65_536
IDENTITY = ["-c", "user.email=bench@example.com", "-c", "user.name=Bench"]
_OWNER = re.compile(rb"^owner: ([a-z0-9-]+)$", re.MULTILINE)
_REGION = re.compile(r"^region: ([a-z0-9-]+)$", re.MULTILINE)
_SCOPE = re.compile(r"^(\s+regions: )\[([^\]]*)\]", re.MULTILINE)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True)


def prepare(source: Path, work: Path) -> Path:
    """A git repository holding a copy of ``source``, committed."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns(".playbook-cache"))
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    return work


def restore(root: Path) -> None:
    git(root, "reset", "-q", "--hard")
    git(root, "clean", "-fdq")


def largest_team(root: Path) -> tuple[str, int]:
    owners: Counter[bytes] = Counter()
    for path in (root / "data" / "accounts").glob("*/account.yaml"):
        found = _OWNER.search(path.read_bytes())
        if found:
            owners[found.group(1)] += 1
    team, count = owners.most_common(1)[0]
    return team.decode(), count


def reorganise(root: Path, team: str) -> None:
    """Every account and every team's scope to the next region; ``team`` renamed by hand; a new region.

    Regions are moved round consistently (the account in east owned by the team whose scope was
    east is now in south, and that team's scope is south), so the playbook stays valid: what the
    gate reports is the reorganisation itself, not thousands of errors.
    """
    taxonomy = root / "data" / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    regions = re.findall(r"^  - id: ([a-z0-9-]+)$", text.split("\nindustries:")[0], re.MULTILINE)
    following = {region: regions[(index + 1) % len(regions)] for index, region in enumerate(regions)}
    city = "  - id: east-shanghai\n    name: {zh: 上海, en: Shanghai}\n    parent: east"
    taxonomy.write_text(text.replace("\nindustries:", f"\n{city}\nindustries:", 1), encoding="utf-8")
    team_id = re.compile(rf"(?<![a-z0-9-]){re.escape(team)}(?![a-z0-9-])")

    def renamed(text: str) -> str:
        return team_id.sub(f"{team}-renamed", text)

    for path in (root / "data" / "accounts").glob("*/account.yaml"):
        text = _REGION.sub(lambda match: f"region: {following[match.group(1)]}", path.read_text(encoding="utf-8"))
        path.write_text(renamed(text), encoding="utf-8")
    for path in sorted((root / "data" / "teams").glob("*.yaml")):
        text = _SCOPE.sub(lambda match: _rotated(match, following), path.read_text(encoding="utf-8"))
        path.write_text(renamed(text), encoding="utf-8")
    charter = root / "data" / "teams" / f"{team}.yaml"
    charter.rename(charter.with_name(f"{team}-renamed.yaml"))


def _rotated(match: re.Match[str], following: dict[str, str]) -> str:
    listed = [following.get(item.strip(), item.strip()) for item in match.group(2).split(",")]
    return f"{match.group(1)}[{', '.join(listed)}]"


def measure_reorg(source: Path, work: Path, measure: Callable[..., Any], log: Callable[[str], None]) -> dict[str, Any]:
    """The reorganisation figures (see the module's docstring); the work folder is removed after."""
    root = prepare(source, work)
    metrics: dict[str, Any] = {}
    try:
        team, count = largest_team(root)
        playbook = [sys.executable, "-m", "playbook"]
        rename = measure([*playbook, "rename", "team", team, f"{team}-east", "--root", str(root), "--today", AS_OF])
        if rename.returncode != 0:
            log(f"  rename exited {rename.returncode}:\n{rename.output[-2000:]}")
        metrics |= {"rename_team_s": rename.seconds, "rename_team_accounts": count}
        log(f"  rename team {team} ({count} accounts) {rename.seconds:.2f} s")
        gate = measure([*playbook, "coverage", "--base", "HEAD", "--root", str(root), "--today", AS_OF])
        if gate.returncode != 0:
            log(f"  coverage --base after the rename exited {gate.returncode}:\n{gate.output[-2000:]}")
        metrics |= {
            "coverage_base_rename_s": gate.seconds,
            "coverage_base_rename_peak_rss_bytes": gate.peak_tree_rss_bytes,
        }
        log(f"  coverage --base after the rename {gate.seconds:.2f} s")
        restore(root)
        reorganise(root, team)
        comment = work.with_name(f"{work.name}.md")
        coverage = [*playbook, "coverage", "--base", "HEAD", "--format", "markdown", "--root", str(root)]
        measured = measure(["sh", "-c", f'exec "$@" > {shlex.quote(str(comment))}', "sh", *coverage, "--today", AS_OF])
        markdown = comment.read_bytes()
        comment.unlink()
        metrics |= {
            "coverage_base_reorg_s": measured.seconds,
            "coverage_base_reorg_peak_rss_bytes": measured.peak_tree_rss_bytes,
            "coverage_base_reorg_markdown_chars": len(markdown.decode("utf-8")),
        }
        log(f"  coverage --base after a reorganisation {measured.seconds:.2f} s, {len(markdown):,} bytes of Markdown")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return metrics


def verdicts(metrics: dict[str, Any] | None) -> list[tuple[str, bool | None, str]]:
    """(target, holds, detail) for each reorganisation target at N = 10,000."""
    if metrics is None:
        return [("(reorganisation targets)", None, "needs a run at N = 10,000")]
    cold = metrics.get("validate_cold_s")
    judged = []
    for name, label in (
        ("rename_team_s", "rename of a team"),
        ("coverage_base_rename_s", "coverage --base after it"),
        ("coverage_base_reorg_s", "coverage --base after a reorganisation"),
    ):
        value = metrics.get(name)
        ratio = value / cold if value is not None and cold else None
        detail = "n/a" if ratio is None else f"{ratio:.3g}× validate_cold_s"
        judged.append(
            (f"{label} ≤ 1.5 × validate_cold_s at N = 10,000", None if ratio is None else ratio <= 1.5, detail)
        )
    chars = metrics.get("coverage_base_reorg_markdown_chars")
    holds = None if chars is None else chars <= COMMENT_LIMIT
    judged.append(("coverage --base Markdown ≤ 65,536 characters", holds, "n/a" if chars is None else f"{chars:,}"))
    return judged
