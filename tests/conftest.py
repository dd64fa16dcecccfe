"""Shared fixtures: the loaded directory and rules, and a fixed clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.hours import AMSTERDAM
from bot.running.serve import DEFAULT_MODEL, free_port
from bot.signpost import Signposter
from tests.servers import finish, launch

# A Monday at noon: every service with known hours is open.
MONDAY_NOON = datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
# A Saturday night: De Kindertelefoon (11-21), CoMensha and the inspectorate are closed.
SATURDAY_NIGHT = datetime(2026, 11, 28, 23, 30, tzinfo=AMSTERDAM)


@pytest.fixture(scope="session")
def signposter() -> Signposter:
    return Signposter.load()


@pytest.fixture(scope="session")
def agent():
    """The trained model, loaded in-process (no servers), for NLU and dialogue checks."""
    from bot.running.in_process import load_agent, quiet_rasa

    if not DEFAULT_MODEL.exists():
        pytest.skip("no trained model; `make test` trains it first")
    quiet_rasa()
    return load_agent()


# The real servers, started once for all end-to-end and browser tests.

@pytest.fixture(scope="session")
def bot():
    running = launch()
    yield running
    finish(running)


@pytest.fixture(scope="session")
def broken_action_port() -> int:
    """A port where no action server listens (tests may briefly listen on it themselves)."""
    return free_port()


@pytest.fixture(scope="session")
def bot_without_actions(broken_action_port):
    running = launch(action_url=f"http://127.0.0.1:{broken_action_port}/webhook",
                     extra_env={"WEGWIJZER_REPLY_TIMEOUT": "3"})
    yield running
    finish(running)
