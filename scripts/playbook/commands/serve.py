"""playbook serve: a live preview that follows changes to data/ and docs/."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from playbook.commands.build import report_findings
from playbook.commands.options import require_repository
from playbook.errors import PlaybookError

_ADDRESS = re.compile(r"^[A-Za-z0-9.\-\[\]:]+:[0-9]{1,5}$")


def dev_address(text: str) -> str:
    """argparse type for --dev-addr: HOST:PORT."""
    if not _ADDRESS.match(text):
        raise argparse.ArgumentTypeError(f"'{text}' is not an address like 127.0.0.1:8000")
    return text


def add_parser(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        parents=[common],
        help="preview the site, rebuilt as you edit",
        description=(
            "Serve the site on a local address and rebuild it whenever a file under data/ or docs/ "
            "(or mkdocs.yml) changes. While the data has errors, the last good pages stay up."
        ),
    )
    parser.add_argument(
        "--dev-addr",
        type=dev_address,
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="the address to serve on (default: 127.0.0.1:8000)",
    )


def run(args: argparse.Namespace) -> int:
    from playbook.site import engine, staging
    from playbook.site.generate import site_pages
    from playbook.validation import validate

    root: Path = args.root
    require_repository(root)
    validation = validate(root)
    report_findings(validation)
    if validation.errors:
        sys.stderr.write("nothing is served: fix the errors above first\n")
        return 1
    import tempfile

    with tempfile.TemporaryDirectory(prefix="playbook-serve-") as temporary:
        folder = Path(temporary)
        generated, language = site_pages(validation, "internal")
        config = staging.stage(root, folder, generated, language=language)
        seen = staging.sources(root)

        def restage() -> None:
            nonlocal seen
            current = staging.sources(root)
            if current == seen:
                return
            seen = current
            latest = validate(root)
            report_findings(latest)
            if latest.errors:
                sys.stderr.write("the data has errors: the preview keeps the last good pages\n")
                return
            try:
                generated, language = site_pages(latest, "internal")
                staging.stage(root, folder, generated, language=language)
            except PlaybookError as error:
                sys.stderr.write(f"playbook: error: {error}\n")

        engine.serve(config, args.dev_addr, restage)
    return 0
