"""The counters: names and labels as declared, labels only from the bot's vocabulary, and
prometheus-client's multiprocess mode when several processes count."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.operations.metrics import COUNTERS, LATENCY, Event, Metrics, UnknownLabel, Vocabulary
from bot.operations.totals import Totals, read
from bot.paths import ROOT
from tests.helpers import EXPECTED

SIGNPOST = Event.of("wegwijzer_signposts", situation="young_person", rule="young_sextortion",
                    service="helpwanted", language="nl")


@pytest.fixture
def vocabulary(signposter) -> Vocabulary:
    return Vocabulary.of(signposter.table, signposter.directory)


def samples(metrics: Metrics) -> dict[tuple[str, tuple], float]:
    """Our samples (not the process's CPU and memory, which move by themselves)."""
    body, _ = metrics.exposition()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(body.decode())
            for s in family.samples if s.name.startswith("wegwijzer_")}


def test_the_counters_are_the_ones_the_operators_were_promised():
    assert {spec.name: spec.labels for spec in COUNTERS} == EXPECTED


def test_the_exposition_has_the_intended_names_and_no_other_labels(vocabulary):
    metrics = Metrics(vocabulary)
    metrics.record([SIGNPOST, Event.of("wegwijzer_taps", service="113", kind="chat")])
    metrics.observe(0.02, "dialogue")
    body, content_type = metrics.exposition()
    assert content_type.startswith("text/plain")
    ours = {f.name: f for f in text_string_to_metric_families(body.decode())
            if f.name.startswith("wegwijzer_")}
    assert set(ours) == set(EXPECTED) | {LATENCY}
    for name, labels in EXPECTED.items():
        assert ours[name].type == "counter"
        for sample in ours[name].samples:
            assert set(sample.labels) == set(labels), (name, sample.labels)
    assert ours[LATENCY].type == "histogram"
    assert {tuple(sorted(set(s.labels) - {"le"})) for s in ours[LATENCY].samples} == \
        {("answered_by",)}


def test_the_vocabulary_is_the_bots_own(vocabulary, signposter):
    assert vocabulary.values["service"] == set(signposter.directory.services)
    assert vocabulary.values["rule"] == {rule.id for rule in signposter.table.rules}
    assert vocabulary.values["language"] == {"nl", "en"}
    assert vocabulary.values["number"] == {"113", "112"}


@pytest.mark.parametrize("event", [
    Event.of("wegwijzer_taps", service="canary-service", kind="call"),
    Event.of("wegwijzer_taps", service="helpwanted", kind="sms"),
    Event.of("wegwijzer_signposts", situation="young_person", rule="young_sextortion",
             service="helpwanted", language="de"),
    Event.of("wegwijzer_turns", sender="abc123"),
    Event.of("wegwijzer_taps", service="helpwanted"),
    Event.of("wegwijzer_messages"),
])
def test_a_label_outside_the_vocabulary_is_refused_and_nothing_is_counted(vocabulary, tmp_path,
                                                                          event):
    totals = Totals(tmp_path / "totals.sqlite3")
    metrics = Metrics(vocabulary, totals, day=lambda: date(2026, 11, 30))
    before = samples(metrics)
    with pytest.raises(UnknownLabel) as refused:
        metrics.record([Event.of("wegwijzer_turns"), event])
    assert "canary" not in str(refused.value) and "abc123" not in str(refused.value)
    assert samples(metrics) == before  # all or nothing: not even the good event
    assert not totals.path.exists() or read(totals.path, date(2026, 1, 1),
                                            date(2027, 1, 1)) == []


def test_counts_go_to_the_daily_totals_as_well(vocabulary, tmp_path):
    totals = Totals(tmp_path / "totals.sqlite3")
    metrics = Metrics(vocabulary, totals, day=lambda: date(2026, 11, 30))
    metrics.record([SIGNPOST, SIGNPOST, Event.of("wegwijzer_turns")])
    assert samples(metrics)[("wegwijzer_signposts_total", SIGNPOST.labels)] == 2
    rows = read(totals.path, date(2026, 11, 30), date(2026, 11, 30))
    assert {(r.counter, tuple(sorted(r.labels.items())), r.n) for r in rows} == {
        ("wegwijzer_signposts", SIGNPOST.labels, 2), ("wegwijzer_turns", (), 1)}


def test_a_totals_file_that_cannot_be_written_never_stops_the_counting(vocabulary, tmp_path):
    (tmp_path / "not-a-folder").write_text("")
    metrics = Metrics(vocabulary, Totals(tmp_path / "not-a-folder" / "totals.sqlite3"))
    metrics.record([SIGNPOST])
    found = samples(metrics)
    assert found[("wegwijzer_signposts_total", SIGNPOST.labels)] == 1
    assert found[("wegwijzer_errors_total", (("reason", "totals_failed"),))] == 1


def test_latency_takes_only_the_known_paths(vocabulary):
    metrics = Metrics(vocabulary)
    metrics.observe(0.3, "fallback")
    assert samples(metrics)[(f"{LATENCY}_count", (("answered_by", "fallback"),))] == 1
    with pytest.raises(UnknownLabel):
        metrics.observe(0.3, "somewhere")


COUNT_IN_A_CHILD = """
import sys
from bot.operations.metrics import Event, Metrics, Vocabulary
from bot.signpost import Signposter
s = Signposter.load()
m = Metrics(Vocabulary.of(s.table, s.directory), multiprocess_dir=sys.argv[1])
m.record([Event.of("wegwijzer_turns"), Event.of("wegwijzer_taps", service="113", kind="call")])
m.observe(0.05, "dialogue")
"""


def test_several_processes_add_up_in_multiprocess_mode(vocabulary, tmp_path):
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", COUNT_IN_A_CHILD, str(tmp_path)], env=env,
                       check=True, cwd=ROOT)
    assert any(tmp_path.glob("counter_*.db"))
    found = samples(Metrics(vocabulary, multiprocess_dir=str(tmp_path)))
    assert found[("wegwijzer_turns_total", ())] == 2
    assert found[("wegwijzer_taps_total", (("kind", "call"), ("service", "113")))] == 2
    assert found[(f"{LATENCY}_count", (("answered_by", "dialogue"),))] == 2
