""".github/CODEOWNERS from the team charters: every file has an owner who reviews its changes.

An account's folder is owned by the lead of its owning team, a team charter by its lead,
and the settings, taxonomy, tiers and schemas by the governance owners named in
playbook.yaml. A lead without a code-host handle falls back to the governance owners, so
no file is left without a reviewer.
"""

from __future__ import annotations

from pathlib import Path

from playbook.layout import CODEOWNERS, SETTINGS, TAXONOMY, TIERS
from playbook.repository import Playbook

PATH = CODEOWNERS
HEADER = (
    "# Review owners of the playbook, written by 'playbook codeowners' from the team charters.\n"
    "# Do not edit by hand: change the charters (members' handle, the team lead) or the governance\n"
    "# owners in playbook.yaml, then run 'playbook codeowners'.\n"
)


def _handle(text: str) -> str:
    return text if text.startswith("@") or "@" in text else f"@{text}"


def render(playbook: Playbook) -> str:
    governance = [_handle(owner) for owner in playbook.settings.model.governance] if playbook.settings else []
    fallback = " ".join(governance)
    lines = [HEADER]

    def owned(path: str, owners: str) -> None:
        lines.append(f"{path} {owners}".rstrip() + "\n")

    lines.append("\n# Governance: the shared definitions every team depends on.\n")
    owned("/data/", fallback)
    for path in (SETTINGS, TAXONOMY, TIERS, "schemas/", PATH):
        owned(f"/{path}", fallback)
    leads: dict[str, str] = {}
    lines.append("\n# Team charters: the team's lead.\n")
    for team in sorted(playbook.teams, key=lambda t: t.stem):
        lead = playbook.person_by_id.get(team.model.lead)
        handle = lead.member.handle if lead is not None else None
        leads[team.model.id] = _handle(handle) if handle else fallback
        owned(f"/data/teams/{team.stem}.yaml", leads[team.model.id])
    lines.append("\n# Accounts: the lead of the owning team.\n")
    for folder, owner in sorted(account_folders(playbook)):
        owned(f"/data/accounts/{folder}/", leads.get(owner, fallback))
    return "".join(lines)


def account_folders(playbook: Playbook) -> list[tuple[str, str]]:
    """Each account's folder name and owning team (from the summaries, which every run has)."""
    return [(summary.document.path.split("/")[2], summary.owner) for summary in playbook.summaries]


def stale(root: Path, playbook: Playbook) -> bool:
    target = root / PATH
    return not target.is_file() or target.read_text(encoding="utf-8") != render(playbook)


def write(root: Path, playbook: Playbook) -> bool:
    """Write the file when it is stale; returns whether it was written."""
    if not stale(root, playbook):
        return False
    target = root / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(playbook), encoding="utf-8")
    return True
