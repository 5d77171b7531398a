"""Review owners: .github/CODEOWNERS says what the team charters say."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from playbook import codeowners
from playbook.documents import Document, Path
from playbook.repository import Playbook
from playbook.rules.registry import Hit, rule

#: How many of the files whose review owner changed a finding names as its other places.
RELATED = 1000


@rule("OWN001", "codeowners-stale", across=True)
def codeowners_stale(playbook: Playbook, as_of: date) -> Iterator[Hit]:
    """.github/CODEOWNERS no longer says who reviews what the team charters say.

    ## What it does
    Renders `.github/CODEOWNERS` from the charters and the accounts, as `playbook
    codeowners` writes it, and compares it with the committed file. It points at the first
    line that differs, and names as other places each account or team file whose review
    owner is missing or changed, so that a run narrowed to the file just added or moved (as
    pre-commit runs it) says so there. A repository without `.github/CODEOWNERS` is not
    checked.

    ## Why is this bad?
    CODEOWNERS decides who must approve a change. A new account left out of it, or moved to
    another team without updating it, is approved by the wrong lead or by nobody in
    particular, and the pull request fails later in CI instead of at the commit.

    ## Example
    ```yaml
    # .github/CODEOWNERS
    # expect: @1:1
    /data/ @acme/sales-ops
    ```

    ## Use instead
    ```yaml
    # data/accounts/acme/account.yaml
    name: {en: Acme Corporation}
    ```
    """
    committed = playbook.codeowners
    if committed is None:
        return
    wanted = codeowners.render(playbook)
    if committed == wanted:
        return
    have, want = committed.splitlines(), wanted.splitlines()
    line = next((index + 1 for index, (a, b) in enumerate(zip(have, want, strict=False)) if a != b), None)
    if line is None:
        line = min(len(have), len(want)) + 1
    present = set(have)
    changed = [entry for entry in want if entry.startswith("/data/") and entry not in present]
    related = _places(playbook, changed)
    shown = f"; the first is '{changed[0]}'" if changed else ""
    count = (
        f"{len(changed)} {'file has' if len(changed) == 1 else 'files have'} a new review owner"
        if changed
        else "it differs"
    )
    yield Hit(
        Document(codeowners.PATH, None, {(): (line, 1)}, {}),
        (),
        f"{codeowners.PATH} is out of date with the team charters ({count}{shown}): run 'playbook codeowners' "
        "and commit the file",
        related=related,
    )


def _places(playbook: Playbook, entries: list[str]) -> tuple[tuple[Document, Path], ...]:
    """The account and team files whose CODEOWNERS lines are ``entries`` (up to RELATED of them)."""
    accounts = {summary.document.path.split("/")[2]: summary.document for summary in playbook.summaries}
    teams = {team.stem: team.document for team in playbook.teams}
    places: list[tuple[Document, Path]] = []
    for entry in entries[:RELATED]:
        path = entry.split(" ", 1)[0]
        if path.startswith("/data/accounts/"):
            document = accounts.get(path.removeprefix("/data/accounts/").rstrip("/"))
            if document is not None:
                places.append((document, ("owner",)))
        elif path.startswith("/data/teams/"):
            team = teams.get(path.removeprefix("/data/teams/").removesuffix(".yaml"))
            if team is not None:
                places.append((team, ("lead",)))
    return tuple(places)
