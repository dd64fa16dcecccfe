"""A soak run: many conversations at once for minutes; errors, latency and RSS over time.

Every worker plays the demo-scenario conversations one after another, each with a fresh
sender, until the time is up. Every ``interval`` seconds a sample records the messages,
errors and latencies of that interval and the resident memory of every Rasa process.
"""

from __future__ import annotations

import http.client
import itertools
import threading
import time
from dataclasses import dataclass

from bench.load import Tally, play
from bench.servers import memory_mb
from bench.stats import percentile


@dataclass(frozen=True)
class Sample:
    seconds: float  # since the start
    messages: int
    errors: int
    p50_ms: float
    p99_ms: float
    rss_mb: float  # the largest Rasa process


def run(port: int, rasa_pids: list[int], conversations: list[list[str]], minutes: float,
        concurrency: int = 50, interval: float = 10.0) -> list[Sample]:
    deadline = time.monotonic() + minutes * 60
    current = Tally()
    cycle = itertools.cycle(conversations)
    cycle_lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < deadline:
            with cycle_lock:
                conversation = next(cycle)
            connection = play(connection, port, conversation, current.add)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    samples = []
    while any(thread.is_alive() for thread in threads):
        time.sleep(min(interval, max(0.1, deadline - time.monotonic() + 0.5)))
        latencies, errors = current.take()
        ms = [value * 1000 for value in latencies] or [0.0]
        samples.append(Sample(time.monotonic() - started, len(latencies), errors,
                              percentile(ms, 0.5), percentile(ms, 0.99),
                              max(memory_mb(pid, "VmRSS") for pid in rasa_pids)))
    for thread in threads:
        thread.join()
    return samples
