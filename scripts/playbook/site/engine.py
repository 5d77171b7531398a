"""The one module that runs a site engine: a build of a staged config, or a live preview of one.

Two engines build the same staged folder: MkDocs (the default, and the only one that
previews) and Zensical, which reads the same mkdocs.yml format. Each runs in a subprocess
(``python -m mkdocs``, ``python -m zensical``), so the playbook uses only their command lines
and the config file format, never a plugin API. A failed build becomes a PlaybookError that
carries the engine's own warnings and errors.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import FrameType
from typing import Literal, get_args

from playbook.errors import PlaybookError
from playbook.site import zensical

Engine = Literal["mkdocs", "zensical"]
#: The engines ``playbook build --engine`` offers, the default first.
ENGINES: tuple[Engine, ...] = get_args(Engine)

#: How many of MkDocs' lines a failure shows at most.
_SHOWN_LINES = 30
_RELEVANT = re.compile(r"^\s*(ERROR|WARNING|CRITICAL)\b|Aborted|Error:|No module named")


def build(config: Path, build_date: date | None = None, engine: Engine = "mkdocs") -> str:
    """Build a staged config in strict mode with ``engine``; return the engine's messages.

    The site lands where the staged config's ``site_dir`` says (staging.STAGED_SITE).
    ``build_date`` becomes the build date MkDocs records (in the sitemap), so that a build
    of the same data on the same stated day gives the same site.
    """
    if engine == "mkdocs":
        name, target = "MkDocs", config
    elif engine == "zensical":
        # Zensical reads the mkdocs.yml format from a config of its own, written beside this one,
        # and builds the staged pages with their listings left out of search.
        name, target = "Zensical", zensical.prepare(config)
    else:
        raise PlaybookError(f"unknown site engine {engine!r}: choose one of {', '.join(ENGINES)}")
    command = [sys.executable, "-m", engine, "build", "--strict", "--clean", "--config-file", str(target)]
    try:
        completed = subprocess.run(
            command,
            cwd=config.parent,
            env=_environment(build_date),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as error:
        raise PlaybookError(f"cannot run {name}: {error.strerror or error}") from None
    output: str = completed.stdout
    if completed.returncode != 0:
        lines = _relevant(output, config.parent) if engine == "mkdocs" else zensical.messages(output, config.parent)
        raise PlaybookError(
            f"{name} could not build the site (doc files are named relative to the docs folder):\n  "
            + "\n  ".join(lines)
        )
    return output


def serve(config: Path, dev_addr: str, on_tick: Callable[[], None], interval: float = 1.0) -> None:
    """Run ``mkdocs serve`` on a staged config until it stops or is interrupted.

    ``on_tick`` is called about every ``interval`` seconds while the server runs; it may
    re-stage, and MkDocs, which watches the staged folder, rebuilds and reloads the page.
    """
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config), "--dev-addr", dev_addr]
    try:
        process = subprocess.Popen(command, cwd=config.parent, env=_environment(None))
    except OSError as error:
        raise PlaybookError(f"cannot run MkDocs: {error.strerror or error}") from None
    on_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminated) if on_main_thread else None
    try:
        while True:
            try:
                process.wait(timeout=interval)
                break
            except subprocess.TimeoutExpired:
                on_tick()
    except (KeyboardInterrupt, _Terminated):
        _stop(process)
        return
    except BaseException:
        _stop(process)
        raise
    finally:
        if on_main_thread and previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if process.returncode != 0:
        raise PlaybookError(f"mkdocs serve stopped with exit code {process.returncode}; its messages are above")


class _Terminated(Exception):
    """The preview was asked to stop (SIGTERM): stop MkDocs and clean up, as on Ctrl-C."""


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _environment(build_date: date | None) -> dict[str, str]:
    environment = dict(os.environ)
    # Material prints a notice about its end of life on every run; the playbook has its own
    # output, so the notice is left out unless someone asks for it.
    environment.setdefault("NO_MKDOCS_2_WARNING", "1")
    if build_date is not None:
        midnight = datetime(build_date.year, build_date.month, build_date.day, tzinfo=UTC)
        environment["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return environment


def _relevant(output: str, staging: Path) -> list[str]:
    """MkDocs' warnings and errors (or its last lines), with the staging folder left out."""
    lines = [line.rstrip() for line in output.splitlines() if line.strip()]
    relevant = [line for line in lines if _RELEVANT.search(line)] or lines[-_SHOWN_LINES:]
    prefix = str(staging.resolve())
    shown = [line.replace(prefix + os.sep, "").replace(prefix, ".") for line in relevant]
    return shown[:_SHOWN_LINES] or ["(MkDocs gave no message)"]
