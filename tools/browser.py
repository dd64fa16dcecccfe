"""The real servers on free ports, for the tools that drive Chromium (the screenshots and
the widget's size). Chromium starts as in the browser tests: ``tests.helpers.launch_chromium``.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from bot.running.serve import ServerConfig, free_port, start, stop, wait_until_ready


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
