"""playbook build: validate, generate the pages, build the site with MkDocs (or Zensical)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from playbook.commands.options import add_as_of, require_repository
from playbook.findings import Finding
from playbook.reporters import REPORTERS, Summary

if TYPE_CHECKING:
    from playbook.site.context import Audience
    from playbook.validation import Validation

SITE = "site"
#: site.context.AUDIENCES and site.engine.ENGINES, spelled out so that the command line starts quickly.
AUDIENCES = ("internal", "public")
#: The audience that playbook.yaml's site_access chooses: what the CI pipelines publish.
AUTO = "auto"
ENGINES = ("mkdocs", "zensical")


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "build",
        parents=[common],
        help="validate, then build the playbook site",
        description=(
            "Validate the data (nothing is built while it has errors), generate the account and "
            "rule pages next to a copy of docs/, and build the site in strict mode with MkDocs (or Zensical)."
        ),
        epilog=(
            "example: playbook build --site-dir public --audience auto   "
            "(the site a pipeline may publish: internal only where the host restricts access)"
        ),
    )
    parser.add_argument(
        "--site-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"where to write the site (default: {SITE}/ in the repository); an earlier site there is replaced",
    )
    parser.add_argument(
        "--audience",
        choices=(*AUDIENCES, AUTO),
        default="internal",
        help=(
            "internal (default), or public: leave out personal data such as contacts and relationship scores; "
            "auto: public unless playbook.yaml says `site_access: organisation` (what the CI pipelines publish)"
        ),
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default=ENGINES[0],
        help="the site generator that builds the pages: mkdocs (default) or zensical; both read mkdocs.yml",
    )
    parser.add_argument(
        "--customers",
        type=Path,
        metavar="SUMMARY",
        help="the JSON summary of playbook assign: customers, gaps and candidates in the coverage matrix",
    )
    add_as_of(parser)


def run(args: argparse.Namespace) -> int:
    from playbook.search import index as search_index
    from playbook.search.entries import entries as search_entries
    from playbook.site import engine, staging
    from playbook.site.generate import site_pages
    from playbook.validation import validate

    root: Path = args.root
    require_repository(root)
    site_dir: Path = (args.site_dir if args.site_dir is not None else root / SITE).resolve()
    staging.check_site_dir(root, site_dir)
    customers = None
    if args.customers is not None:  # the customer base, from playbook assign --format json
        from playbook.assign.summary import read

        customers = read(args.customers)
    validation = validate(root, args.today)
    report_findings(validation)
    if validation.errors:
        sys.stderr.write("nothing was built: fix the errors above first\n")
        return 1
    audience = published_audience(validation) if args.audience == AUTO else args.audience
    generated, language = site_pages(validation, audience, args.today, customers)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="playbook-site-") as temporary:
        config = staging.stage(root, Path(temporary), generated, language=language)
        engine.build(config, args.today, args.engine)
        # Names, aliases and any run of their Chinese characters find an account, a team or a person.
        search_index.shape(
            Path(temporary) / staging.STAGED_SITE,
            args.engine,
            search_entries(validation.playbook, audience, language or "en"),
        )
        staging.publish(Path(temporary) / staging.STAGED_SITE, site_dir)
    sys.stdout.write(f"built the {audience} site in {site_dir}\n")
    return 0


def published_audience(validation: Validation) -> Audience:
    """The audience a pipeline publishes: internal only where playbook.yaml says the host restricts access."""
    settings = validation.playbook.settings
    restricted = settings is not None and settings.model.site_access == "organisation"
    return "internal" if restricted else "public"


def report_findings(validation: Validation) -> None:
    """Findings (errors and warnings) and their summary, as text on stderr; nothing when clean."""
    findings: list[Finding] = validation.findings
    if not findings:
        return
    reporter = REPORTERS["text"]
    summary = Summary(files=len(validation.files), errors=validation.errors, warnings=validation.warnings)
    sys.stderr.write(reporter.findings(findings, summary))
    sys.stderr.write(reporter.summary(summary))
