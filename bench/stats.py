"""Latency percentiles and throughput, from the raw per-message timings."""

from __future__ import annotations

import math
from dataclasses import dataclass


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5 is the median); no interpolation, so the
    figure is always a latency that was actually measured."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    system: str
    concurrency: int
    conversations: int
    messages: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


def summarise(system: str, concurrency: int, conversations: int, latencies: list[float],
              errors: int, seconds: float) -> Summary:
    """Latencies in seconds in, milliseconds out."""
    ms = [value * 1000 for value in latencies]
    return Summary(system, concurrency, conversations, len(latencies), errors, seconds,
                   percentile(ms, 0.50), percentile(ms, 0.95), percentile(ms, 0.99))
