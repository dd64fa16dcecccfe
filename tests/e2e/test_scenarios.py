"""Every demo scenario, step by step, against the real servers: the demo cannot drift."""

from __future__ import annotations

import pytest

from bot.demo.play import play
from bot.demo.scenarios import load_scenarios
from bot.signpost import Signposter

pytestmark = pytest.mark.server
_signposter = Signposter.load()
SCENARIOS = load_scenarios(_signposter.directory, _signposter.table)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_plays_as_written(bot, scenario):
    lines: list[str] = []
    results = play(scenario, bot.config.url, lines.append)
    assert all(result.ok for result in results), "\n".join(lines)
