"""The operators' counters: what the bot did, never what anyone said.

Every counter and its labels are declared here, and every label value is checked against
the bot's own vocabulary (situations, rule ids, service ids, languages and a few fixed
words) before anything is counted. So a sender id, an address or a word someone typed can
never become a label, and a metric can never grow a series per conversation.

The same checked events feed Prometheus (``GET /metrics``) and the daily totals that survive
a restart (``bot/operations/totals.py``). With ``PROMETHEUS_MULTIPROC_DIR`` set, several server
processes share their counts through that directory (prometheus-client's multiprocess
mode); the variable must be set before the process starts.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Callable, Iterable, Mapping

import prometheus_client
from prometheus_client import CollectorRegistry, Counter, Histogram, ProcessCollector
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from bot import settings
from bot.directory import Directory
from bot.hours import AMSTERDAM

from bot.signposting import SITUATIONS, RuleTable
from bot.text import LANGUAGES
from bot.operations.totals import Totals
from bot.vocabulary import CRISIS_NUMBERS, TAP_KINDS

logger = logging.getLogger(__name__)
PREFIX = "wegwijzer_"

# The fixed words a label may take, beside the vocabularies of the data files.
# The bot's replies (domain.yml) that ask what the person means, and the one that says the
# question is not something Wegwijzer helps with.
CLARIFYING_RESPONSES = ("utter_clarify", "utter_unclear", "utter_ask_situation",
                        "utter_ask_situation_after_danger")
OUT_OF_SCOPE_RESPONSE = "utter_out_of_scope"
ERROR_REASONS = ("bad_request", "dialogue_failed", "reply_timeout", "fallback_failed",
                 "unknown_label", "totals_failed")
ANSWERED_BY = ("dialogue", "fallback")
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class CounterSpec:
    """One counter: its name (without ``_total``), what it counts, and its label names."""

    name: str
    help: str
    labels: tuple[str, ...] = ()


COUNTERS = (
    CounterSpec("wegwijzer_turns", "Messages answered (refused requests are errors)."),
    CounterSpec("wegwijzer_conversations_started",
                "First messages of a conversation the bot did not know yet."),
    CounterSpec("wegwijzer_signpost_replies", "Replies that point to services.",
                ("situation", "rule", "language")),
    CounterSpec("wegwijzer_signposts", "Services pointed to: one per service in a reply.",
                ("situation", "rule", "service", "language")),
    CounterSpec("wegwijzer_crisis_replies", "Crisis replies: 113 for suicidal thoughts, "
                "112 for danger now.", ("number",)),
    CounterSpec("wegwijzer_fallback_answers",
                "Replies made by the channel itself because the dialogue gave none in time."),
    CounterSpec("wegwijzer_clarifying_questions", "Questions back: what do you mean?",
                ("response",)),
    CounterSpec("wegwijzer_out_of_scope_answers", "Answers that Wegwijzer cannot help with it."),
    CounterSpec("wegwijzer_quick_exits", "Uses of the widget's quick exit."),
    CounterSpec("wegwijzer_taps", "Taps on a service's call, chat or website button.",
                ("service", "kind")),
    CounterSpec("wegwijzer_errors", "Refused requests and failures, by reason.", ("reason",)),
)
SPECS = {spec.name: spec for spec in COUNTERS}
LATENCY = "wegwijzer_turn_duration_seconds"
# Counted for every turn; the rest only for conversations that are not the trainers' demo.
OPERATIONAL = ("wegwijzer_turns", "wegwijzer_errors")


class UnknownLabel(ValueError):
    """A label name or value outside the bot's vocabulary: a bug, never counted."""


@dataclass(frozen=True)
class Event:
    """One count: a counter and its label values (sorted by label name)."""

    counter: str
    labels: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, counter: str, **labels: str) -> "Event":
        return cls(counter, tuple(sorted(labels.items())))


@dataclass(frozen=True)
class Vocabulary:
    """The values each label may take."""

    values: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, table: RuleTable, directory: Directory) -> "Vocabulary":
        return cls({
            "situation": frozenset(SITUATIONS),
            "rule": frozenset(rule.id for rule in table.rules),
            "service": frozenset(directory.services),
            "language": frozenset(LANGUAGES),
            "number": frozenset(CRISIS_NUMBERS.values()),
            "response": frozenset(CLARIFYING_RESPONSES),
            "kind": frozenset(TAP_KINDS),
            "reason": frozenset(ERROR_REASONS),
            "answered_by": frozenset(ANSWERED_BY),
        })

    def check(self, event: Event) -> Event:
        """The event itself when its counter and labels are known; UnknownLabel otherwise.
        The message names the counter and label, never the refused value."""
        spec = SPECS.get(event.counter)
        if spec is None:
            raise UnknownLabel(f"there is no counter {event.counter!r}")
        names = tuple(name for name, _ in event.labels)
        if names != tuple(sorted(spec.labels)):
            raise UnknownLabel(f"{event.counter} takes the labels {', '.join(spec.labels)}")
        for name, value in event.labels:
            if value not in self.values[name]:
                raise UnknownLabel(f"{event.counter}: a value of {name!r} is not in the "
                                   "bot's vocabulary")
        return event


def today() -> date:
    """The day in the Netherlands: the totals' days are Dutch days."""
    return datetime.now(AMSTERDAM).date()


class Metrics:
    """The counters of one process, and the daily totals they also go to."""

    def __init__(self, vocabulary: Vocabulary, totals: Totals | None = None,
                 multiprocess_dir: str | None = None,
                 day: Callable[[], date] = today) -> None:
        self.vocabulary = vocabulary
        self.totals = totals
        self.multiprocess_dir = multiprocess_dir
        self.day = day
        prometheus_client.disable_created_metrics()  # no timestamp series beside each count
        self.registry = CollectorRegistry()
        self.counters = {spec.name: Counter(spec.name, spec.help, spec.labels,
                                            registry=self.registry)
                         for spec in COUNTERS}
        self.latency = Histogram(LATENCY, "Seconds from a message's arrival to its reply.",
                                 ("answered_by",), buckets=LATENCY_BUCKETS,
                                 registry=self.registry)
        # Shown as 0 before the first count, so alerts and rates see them from the start.
        for spec in COUNTERS:
            if not spec.labels:
                self.counters[spec.name].inc(0)
        for name, label, values in (("wegwijzer_crisis_replies", "number", CRISIS_NUMBERS.values()),
                                    ("wegwijzer_clarifying_questions", "response",
                                     CLARIFYING_RESPONSES),
                                    ("wegwijzer_errors", "reason", ERROR_REASONS)):
            for value in values:
                self.counters[name].labels(**{label: value}).inc(0)
        if multiprocess_dir is None:
            ProcessCollector(registry=self.registry)  # memory, CPU and open files

    def record(self, events: Iterable[Event]) -> None:
        """Count these events, all or none: one unknown label refuses the lot."""
        checked = [self.vocabulary.check(event) for event in events]
        for event in checked:
            counter = self.counters[event.counter]
            (counter.labels(**dict(event.labels)) if event.labels else counter).inc()
        if self.totals is not None and checked:
            try:
                self.totals.add(self.day(), checked)
            except (sqlite3.Error, OSError) as error:
                # Counting never stops an answer; /metrics still has the counts, and this
                # reason tells the operator that the totals file needs a look.
                self.counters["wegwijzer_errors"].labels(reason="totals_failed").inc()
                logger.error("The daily totals could not be written (%s).",
                             type(error).__name__)

    def observe(self, seconds: float, answered_by: str) -> None:
        if answered_by not in ANSWERED_BY:
            raise UnknownLabel(f"{LATENCY}: a value of 'answered_by' is not in the vocabulary")
        self.latency.labels(answered_by=answered_by).observe(seconds)

    def exposition(self, accept: str = "") -> tuple[bytes, str]:
        """The counts and their content type, in the format the scraper asks for (the
        Prometheus text format unless it asks for OpenMetrics): this process's counts, or
        every process's counts when they share a multiprocess directory."""
        encode, content_type = choose_encoder(accept)
        if self.multiprocess_dir is None:
            return encode(self.registry), content_type
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=self.multiprocess_dir)
        return encode(registry), content_type


@cache
def for_this_process() -> Metrics:
    """The one Metrics of a server process (the channel counts, the routes show)."""
    from bot.signpost import Signposter
    from bot.operations.totals import default_path

    signposter = Signposter.load()
    return Metrics(Vocabulary.of(signposter.table, signposter.directory),
                   Totals(default_path()), settings.from_environment().metrics_dir)
