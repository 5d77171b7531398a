"""Every generated page of the site, from one validated playbook."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from playbook.rules import RULES
from playbook.rules.registry import Rule
from playbook.site import account_pages, accounts_index, overview_pages, team_pages
from playbook.site.context import Audience, Language, SiteContext
from playbook.site.front_matter import front_matter
from playbook.site.pages import Page, rule_pages
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
    return [page if page.markdown.startswith("---\n") else titled(page) for page in generated]


def titled(page: Page) -> Page:
    """The page with its title in front matter."""
    markdown = "\n".join(front_matter(page.title)) + "\n" + page.markdown
    return Page(page.path, page.title, markdown, page.in_nav)


def site_pages(
    validation: Validation, audience: Audience, as_of: date | None = None, customers: Summary | None = None
) -> tuple[list[Page], Language | None]:
    """Every page of the site for ``audience``, and the language playbook.yaml sets (None: not set).

    Without playbook.yaml the labels are English and the theme keeps mkdocs.yml's language.
    """
    settings = validation.playbook.settings
    language: Language = settings.model.language if settings is not None else "en"
    context = SiteContext(
        validation.playbook, tuple(validation.findings), audience, language, as_of or date.today(), customers
    )
    return generate(context, RULES), (language if settings is not None else None)
