"""The environment variables of the bot's server processes, read in this one place.

The run command (bot/running/serve.py) sets them for the processes it starts; the servers
read them through ``from_environment()``. endpoints.yml reads WEGWIJZER_ACTION_URL,
WEGWIJZER_IDLE_MINUTES and WEGWIJZER_REDIS_URL itself (Rasa fills in ``${...}``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from bot.paths import ROOT

ACTION_URL = "WEGWIJZER_ACTION_URL"  # the action server's webhook
IDLE_MINUTES = "WEGWIJZER_IDLE_MINUTES"  # a conversation is forgotten after this long idle
REDIS_URL = "WEGWIJZER_REDIS_URL"  # empty: one process, everything in memory
REPLY_TIMEOUT = "WEGWIJZER_REPLY_TIMEOUT"  # seconds before the channel answers by itself
VAR_DIR = "WEGWIJZER_VAR_DIR"  # the daily totals (bot/operations/totals.py)
ENVIRONMENT = "WEGWIJZER_ENVIRONMENT"  # "development" on a developer's machine only
CONTENT_LOGS = "WEGWIJZER_CONTENT_LOGS"  # "1": debug logs with text (development only)
METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"  # several processes add up their metrics here
LOCK_LIFETIME = "TICKET_LOCK_LIFETIME"  # Rasa's: seconds a turn lock lives at most


@dataclass(frozen=True)
class ProcessSettings:
    """What a server process was started with."""

    action_url: str = ""
    redis_url: str = ""
    reply_timeout: float = 4.0
    var_dir: Path = ROOT / "var"
    metrics_dir: str | None = None
    content_logs: bool = False


def from_environment(env: Mapping[str, str] = os.environ) -> ProcessSettings:
    """The settings in ``env`` (this process's environment by default)."""
    return ProcessSettings(
        action_url=env.get(ACTION_URL, ""),
        redis_url=env.get(REDIS_URL, ""),
        reply_timeout=float(env.get(REPLY_TIMEOUT) or 4.0),
        var_dir=Path(env.get(VAR_DIR) or ROOT / "var"),
        metrics_dir=env.get(METRICS_DIR) or None,
        content_logs=env.get(ENVIRONMENT) == "development" and env.get(CONTENT_LOGS) == "1",
    )
