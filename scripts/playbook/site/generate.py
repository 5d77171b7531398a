"""Every generated page of the site, from one validated playbook."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from playbook.errors import PlaybookError
from playbook.rules import RULES
from playbook.rules.registry import Rule
from playbook.site import account_pages, accounts_index, overview_pages, team_pages
from playbook.site.context import Audience, Language, SiteContext
from playbook.site.front_matter import front_matter
from playbook.site.pages import Page, rule_pages
from playbook.site.staging import read_config
from playbook.validation import Validation

if TYPE_CHECKING:
    from playbook.assign.summary import Summary


def generate(context: SiteContext, rules: Mapping[str, Rule]) -> list[Page]:
    """The home, each section's index before its pages, and the rule reference.

    Every page carries its title in front matter, escaped: without it the theme would build
    the browser's title from the page's heading and undo the heading's escaping.
    """
    generated = [
        *overview_pages.pages(context),
        *accounts_index.pages(context),
        *account_pages.pages(context),
        *team_pages.pages(context),
        *rule_pages(rules),
    ]
    titled_pages = [page if page.markdown.startswith("---\n") else titled(page) for page in generated]
    return [*titled_pages, governance_snippet(context)]


#: Where generated text that chapters include lives (mkdocs.yml's ``exclude_docs`` keeps it from
#: being a page of its own; the ``pymdownx.snippets`` extension reads it from there).
SNIPPETS = "snippets"


def governance_snippet(context: SiteContext) -> Page:
    """Who owns the playbook's shared definitions, as playbook.yaml says: Contributing includes it."""
    settings = context.playbook.settings
    owners = list(settings.model.governance) if settings is not None else []
    if owners:
        shown = ", ".join(f"`{' '.join(owner.replace('`', '').split())}`" for owner in owners)
        words = (
            f"**Who to ask:** the governance owners, {shown} (`governance` in `playbook.yaml`), own the tiers,"
            " the taxonomy and the settings, review changes to them, and answer questions about the playbook."
        )
    else:
        words = "**Who to ask:** `playbook.yaml` names no governance owners yet (`governance`)."
    return Page(f"{SNIPPETS}/governance.md", "Governance", words + "\n", in_nav=False)


def titled(page: Page) -> Page:
    """The page with its title in front matter."""
    markdown = "\n".join(front_matter(page.title)) + "\n" + page.markdown
    return Page(page.path, page.title, markdown, page.in_nav)


def source_url(root: Path) -> str | None:
    """Where the repository's files are on the code host, from mkdocs.yml's ``repo_url`` and ``edit_uri``.

    ``edit_uri`` points at the docs folder (as MkDocs reads it), so the repository's root is
    the docs folder's parent: ``https://host/team/playbook/-/blob/main/docs/`` gives
    ``https://host/team/playbook/-/blob/main/``. None when mkdocs.yml names no repository.
    """
    try:
        config = read_config(root)
    except PlaybookError:
        return None
    repo, edit = config.get("repo_url"), config.get("edit_uri")
    if not isinstance(repo, str) or not isinstance(edit, str) or not repo.startswith(("https://", "http://")):
        return None
    docs = str(config.get("docs_dir") or "docs").strip("/")
    base = urljoin(repo.rstrip("/") + "/", edit.rstrip("/") + "/")
    up = posixpath.relpath(".", docs) if not posixpath.isabs(docs) else "."
    return urljoin(base, up.rstrip("/") + "/") if up != "." else base


def directory_urls(root: Path) -> bool:
    """Whether the engine builds ``x.md`` as ``x/`` (mkdocs.yml's ``use_directory_urls``, on unless set off)."""
    try:
        config = read_config(root)
    except PlaybookError:
        return False
    return config.get("use_directory_urls", True) is not False


def site_pages(
    validation: Validation, audience: Audience, as_of: date | None = None, customers: Summary | None = None
) -> tuple[list[Page], Language | None]:
    """Every page of the site for ``audience``, and the language playbook.yaml sets (None: not set).

    Without playbook.yaml the labels are English and the theme keeps mkdocs.yml's language.
    """
    settings = validation.playbook.settings
    language: Language = settings.model.language if settings is not None else "en"
    context = SiteContext(
        validation.playbook,
        tuple(validation.findings),
        audience,
        language,
        as_of or date.today(),
        source_url(Path(validation.playbook.root)),
        customers,
        directory_urls(Path(validation.playbook.root)),
    )
    return generate(context, RULES), (language if settings is not None else None)
