"""Shared fixtures: the loaded directory and rules, and a fixed clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.hours import AMSTERDAM
from bot.signpost import Signposter

ROOT = Path(__file__).resolve().parent.parent
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
    from tools.evaluate_nlu import MODEL, load_agent, quiet_rasa

    if not MODEL.exists():
        pytest.skip("no trained model; `make test` trains it first")
    quiet_rasa()
    return load_agent(MODEL)
