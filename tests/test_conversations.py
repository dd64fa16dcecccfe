"""Rasa's conversation tests (tests/stories/) against the trained model.

Two halves, because `rasa test core` checks the dialogue with the intents written in the
story, and `--e2e` would also demand our facet entities in the story text: the first
test runs Rasa's own check of every action; the second checks that the NLU model reads
every message of the stories as the intent the story says.
"""

import asyncio
import subprocess
import sys

import pytest
import yaml

from bot.paths import ROOT
from bot.running.serve import DEFAULT_MODEL as MODEL

STORIES = ROOT / "tests" / "stories" / "test_conversations.yml"


@pytest.mark.skipif(not MODEL.exists(), reason="no trained model; `make test` trains it")
def test_dialogue_follows_the_stories(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "addons.rasa_cli", "test", "core", "--model", str(MODEL),
         "--stories", str(STORIES), "--out", str(tmp_path), "--fail-on-prediction-errors"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={"PYTHONPATH": str(ROOT), "RASA_TELEMETRY_ENABLED": "false", "PATH": "/usr/bin:/bin",
             "TF_CPP_MIN_LOG_LEVEL": "3", "HOME": str(tmp_path)})
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text() if failed.exists() else result.stdout[-3000:]
    assert result.returncode == 0, details


def story_messages():
    stories = yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]
    return [(story["story"], step["user"].strip(), step["intent"])
            for story in stories for step in story["steps"] if "user" in step]


@pytest.mark.parametrize("story, text, intent", story_messages())
def test_story_messages_are_understood(agent, story, text, intent):
    parse = asyncio.run(agent.parse_message(text))
    assert parse["intent"]["name"] == intent, f"{story}: {text!r}"
