"""Accuracy on the held-out test set (never trained on), and crisis first in every case.

The full report (per intent, and the messages it gets wrong) is written by
`.venv/bin/python -m tools.evaluate_nlu` to docs/nlu-holdout.md.
"""

import asyncio

import pytest

from tests.helpers import Report, evaluate

MIN_SITUATION_ACCURACY = 0.90


@pytest.fixture(scope="module")
def report(agent) -> Report:
    return asyncio.run(evaluate(agent))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_situation_accuracy_per_language(report, language):
    accuracy = report.situation_accuracy(language)
    wrong = [(r.text, r.expected, r.predicted) for r in report.errors() if r.language == language]
    assert accuracy >= MIN_SITUATION_ACCURACY, wrong


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_crisis_message_gets_113_or_112_first(report, language):
    rows = report.crisis_rows(language)
    assert len(rows) >= 20
    missed = [r.text for r in rows if r.first_service not in ("113", "112")]
    assert missed == []
