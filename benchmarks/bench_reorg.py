"""Reorganisations at scale, measured by benchmarks/bench.py on the same generated repository.

  rename_team_s              `playbook rename team OLD NEW` of the team that owns the most accounts, in
                             a git repository of a copy of the generated one where that team has been
                             handed accounts until it owns a tenth of them (1,000 of 10,000: in the
                             scale model it owns 934; see ``hand_over``)
  rename_team_accounts       how many accounts that team owns
  coverage_base_rename_s     `playbook coverage --base HEAD` after that rename (the gate of its pull request)
  coverage_base_reorg_s      `playbook coverage --base HEAD --format markdown` after a reorganisation
                             of every account: each account and each team's scope moves to the next
                             region, the team above is renamed by hand, and a new region is added
                             under East China
  coverage_base_reorg_markdown_chars   the size of that Markdown (a pull-request comment holds 65,536)
  coverage_base_reorg_peak_rss_bytes   its peak memory

Each is the fastest of the bench's runs, and the times are judged as a ratio to validate_cold_s of
the same run (target ≤ 1.5×).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

AS_OF = "2026-11-23"
COMMENT_LIMIT = 65_536
#: The renamed team owns at least this share of the accounts (1,000 of 10,000; at 1,000 the largest owns more).
RENAMED_TEAM_SHARE = 10
IDENTITY = ["-c", "user.email=bench@example.com", "-c", "user.name=Bench"]
_OWNER = re.compile(rb"^owner: ([a-z0-9-]+)$", re.MULTILINE)
_OWNER_TEXT = re.compile(r"^owner: ([a-z0-9-]+)$", re.MULTILINE)
_REGION = re.compile(r"^region: ([a-z0-9-]+)$", re.MULTILINE)
_SCOPE = re.compile(r"^(\s+regions: )\[([^\]]*)\]", re.MULTILINE)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *IDENTITY, *args], cwd=root, check=True, capture_output=True)


def prepare(source: Path, work: Path) -> Path:
    """A git repository holding a copy of ``source``, committed; its largest team owns a RENAMED_TEAM_SHARE-th
    of the accounts, or more (see ``hand_over``)."""
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(source, work, ignore=shutil.ignore_patterns(".playbook-cache"))
    accounts = sum(1 for _ in (work / "data" / "accounts").glob("*/account.yaml"))
    hand_over(work, largest_team(work)[0], accounts // RENAMED_TEAM_SHARE)
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "base")
    return work


def restore(root: Path) -> None:
    git(root, "reset", "-q", "--hard")
    git(root, "clean", "-fdq")


def owned(root: Path) -> dict[str, list[Path]]:
    """The account folders of each owning team, in path order."""
    owners: dict[str, list[Path]] = {}
    for path in sorted((root / "data" / "accounts").glob("*/account.yaml")):
        found = _OWNER.search(path.read_bytes())
        if found:
            owners.setdefault(found.group(1).decode(), []).append(path.parent)
    return owners


def largest_team(root: Path) -> tuple[str, int]:
    team, folders = max(owned(root).items(), key=lambda item: len(item[1]))
    return team, len(folders)


def _members(root: Path, team: str) -> list[tuple[str, str]]:
    """(person, roles) of each member of a team, in the charter's order."""
    text = (root / "data" / "teams" / f"{team}.yaml").read_text(encoding="utf-8")
    members = text.split("\nmembers:\n", 1)[1]
    return [
        (person, roles or "")
        for person, roles in re.findall(
            r"^  - id: ([a-z0-9-]+)\n(?:    (?!roles:).*\n)*(?:    roles: (.*)\n)?", members, re.M
        )
    ]


def hand_over(root: Path, team: str, wanted: int) -> int:
    """Hand accounts over to ``team`` until it owns ``wanted`` of them; how many it owns then.

    The accounts come, in path order, from the regional team that owns the most after it (the
    scale model's regional teams own the SMB accounts of their region): each takes the
    region of ``team``'s scope, and the giving team's people in its folder (AR, contact owners,
    assessors) are replaced by ``team``'s people with the same roles, so that the playbook
    stays as valid as it was. What a rename of ``team`` then does is what it does to a team
    that owns ``wanted`` accounts. A team that is not regional is handed nothing.
    """
    owners = owned(root)
    have = len(owners[team])
    if have >= wanted:
        return have
    charter = (root / "data" / "teams" / f"{team}.yaml").read_text(encoding="utf-8")
    region = re.search(r"^  regions: \[([a-z0-9-]+)", charter, re.M)
    if not re.search(r"^type: regional$", charter, re.M) or region is None:
        return have  # only a regional team is handed accounts (those of its region are SMB, like the others')
    donors = [
        other
        for other, _ in sorted(owners.items(), key=lambda item: -len(item[1]))
        if other != team and re.search(r"^type: regional$", _charter(root, other), re.M)
    ]
    receivers: dict[str, list[str]] = {}
    for person, roles in _members(root, team):
        receivers.setdefault(roles, []).append(person)
    for donor in donors:
        people: dict[str, str] = {}
        for index, (person, roles) in enumerate(_members(root, donor)):
            same = receivers.get(roles) or [person for listed in receivers.values() for person in listed]
            people[person] = same[index % len(same)]
        person_id = re.compile(rf"(?<![a-z0-9-])({'|'.join(map(re.escape, people))})(?![a-z0-9-])")

        def theirs(match: re.Match[str], people: dict[str, str] = people) -> str:
            return people[match.group(1)]

        for folder in owners[donor][: wanted - have]:
            for path in sorted(folder.rglob("*.yaml")):
                text = person_id.sub(theirs, path.read_text(encoding="utf-8"))
                text = _OWNER_TEXT.sub(f"owner: {team}", text, count=1)
                text = _REGION.sub(f"region: {region.group(1)}", text, count=1)
                path.write_text(text, encoding="utf-8")
            have += 1
        if have >= wanted:
            break
    return have


def _charter(root: Path, team: str) -> str:
    return (root / "data" / "teams" / f"{team}.yaml").read_text(encoding="utf-8")


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


def measure_reorg(
    source: Path, work: Path, measure: Callable[..., Any], log: Callable[[str], None], runs: int = 1
) -> dict[str, Any]:
    """The reorganisation figures (see the module's docstring), each the fastest of ``runs``; the work folder is
    removed after."""
    root = prepare(source, work)
    metrics: dict[str, Any] = {}
    try:
        team, count = largest_team(root)
        playbook = [sys.executable, "-m", "playbook"]
        rename_team = [*playbook, "rename", "team", team, f"{team}-east", "--root", str(root), "--today", AS_OF]

        def renamed() -> Any:
            restore(root)  # each run renames the team of the committed base
            return measure(rename_team)

        rename = _fastest(runs, renamed)
        if rename.returncode != 0:
            log(f"  rename exited {rename.returncode}:\n{rename.output[-2000:]}")
        metrics |= {"rename_team_s": rename.seconds, "rename_team_accounts": count}
        log(f"  rename team {team} ({count} accounts) {rename.seconds:.2f} s")
        gate = _fastest(
            runs, lambda: measure([*playbook, "coverage", "--base", "HEAD", "--root", str(root), "--today", AS_OF])
        )
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
        written = ["sh", "-c", f'exec "$@" > {shlex.quote(str(comment))}', "sh", *coverage, "--today", AS_OF]
        measured = _fastest(runs, lambda: measure(written))
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


def _fastest(runs: int, run: Callable[[], Any]) -> Any:
    """The fastest of ``runs`` measurements (bench.Measured) by ``run``."""
    return min((run() for _ in range(max(1, runs))), key=lambda measured: measured.seconds)


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
