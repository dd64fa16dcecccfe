"""The benchmark's own arithmetic (the benchmarks themselves run with `make bench`/`make eval`)."""

from __future__ import annotations

import pytest

from bench.conversations import MAX_TURNS, MIN_TURNS, scenario_conversations, shape
from bench.eval import Prediction, crisis_recall, folds, situation_scores
from bench.stats import percentile, summarise
from bot.authoring.training_data import Example


def test_percentiles_are_nearest_rank_values_that_were_measured():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.99) == 7
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_a_summary_is_in_milliseconds_with_throughput():
    summary = summarise("x", 10, 2, [0.002] * 99 + [0.5], errors=1, seconds=2.0)
    assert (summary.p50_ms, summary.p99_ms) == (2.0, 2.0)
    assert summary.p95_ms == 2.0 and summary.messages == 100 and summary.per_second == 50


def test_benchmark_conversations_are_three_to_eight_turns_in_both_languages():
    conversations = scenario_conversations()
    assert all(MIN_TURNS <= len(c) <= MAX_TURNS for c in conversations)
    assert {c[0] for c in conversations} == {"hoi", "hi"}
    assert shape("en", ["a"] * 20) == ["hi"] + ["a"] * (MAX_TURNS - 2) + ["thank you"]
    assert shape("nl", ["x"], 2) == ["hoi", "x", "ben je een echt mens?", "bewaar je wat ik typ?",
                                     "dank je wel"]
    assert {len(c) for c in conversations} >= {3, 8}


def _example(text: str, intent: str, language: str = "nl") -> Example:
    return Example(text, intent, language, "x.yml", 1)


def test_folds_are_stratified_and_cover_every_example_once():
    examples = [_example(f"{i}", "parent" if i % 3 else "professional") for i in range(30)]
    parts = folds(examples, 5)
    assert sorted(e.text for part in parts for e in part) == sorted(e.text for e in examples)
    assert all(sum(e.intent == "professional" for e in part) == 2 for part in parts)


def test_situation_scores_and_crisis_recall():
    predictions = [Prediction(_example("a", "parent"), "parent"),
                   Prediction(_example("b", "parent"), "professional"),
                   Prediction(_example("c", "professional"), "parent"),
                   Prediction(_example("d", "crisis_suicide"), "crisis_suicide"),
                   Prediction(_example("e", "emergency"), "nlu_fallback"),
                   Prediction(_example("f", "parent", "en"), "parent")]
    parent = situation_scores(predictions, "nl")["parent"]
    assert (parent.precision, parent.recall, parent.support) == (0.5, 0.5, 2)
    assert crisis_recall(predictions, "nl") == (1, 2)
