"""Debian's Chromium, started the same way for the browser tests and the screenshots.

Playwright drives it (``executable_path``); Playwright never downloads a browser here.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.running.serve import ServerConfig, free_port, start, stop, wait_until_ready

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google's services.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """A headless Chromium; fails with a clear message when it is not installed."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing; `make test` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)


@contextmanager
def running_bot() -> Iterator[str]:
    """The real servers on free ports, for the tools; yields the bot's URL."""
    # The tools' made-up conversations are not reach: their totals go to a temporary folder.
    var = tempfile.TemporaryDirectory(prefix="wegwijzer-var-")
    config = ServerConfig(port=free_port(), action_port=free_port(), var_dir=Path(var.name))
    processes = start(config)
    try:
        wait_until_ready(config.url, processes)
        yield config.url
    finally:
        stop(processes)
        var.cleanup()
