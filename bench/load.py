"""Drive a bot's public REST channel with concurrent conversations and time every message.

One thread per concurrent conversation, each with its own keep-alive connection, like a
browser tab; every conversation uses a fresh sender id. A message counts as an error when
the answer is not a 200 with a JSON list.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable

WEBHOOK = "/webhooks/rest/webhook"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, ok: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.errors += 0 if ok else 1

    def take(self) -> tuple[list[float], int]:
        """The timings and errors so far, starting again from none (for samples over time)."""
        with self.lock:
            taken = self.latencies, self.errors
            self.latencies, self.errors = [], 0
        return taken


def send(connection: http.client.HTTPConnection, sender: str, text: str) -> bool:
    body = json.dumps({"sender": sender, "message": text})
    connection.request("POST", WEBHOOK, body=body, headers={"Content-Type": "application/json"})
    reply = connection.getresponse()
    data = reply.read()
    return reply.status == 200 and isinstance(json.loads(data or b"null"), list)


def play(connection: http.client.HTTPConnection, port: int, conversation: list[str],
         record: Callable[[float, bool], None]) -> http.client.HTTPConnection:
    """Send one conversation's messages with a fresh sender, recording each message's
    seconds and success; returns the connection to go on with (a new one after a failure)."""
    sender = uuid.uuid4().hex
    for text in conversation:
        started = time.perf_counter()
        try:
            ok = send(connection, sender, text)
        except (OSError, http.client.HTTPException, ValueError):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        record(time.perf_counter() - started, ok)
    return connection


def run(port: int, conversations: list[list[str]], concurrency: int) -> tuple[Tally, float]:
    """Play every conversation once, `concurrency` at a time; returns timings and seconds."""
    tally = Tally()
    queue = iter(conversations)
    queue_lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with queue_lock:
                conversation = next(queue, None)
            if conversation is None:
                break
            connection = play(connection, port, conversation, tally.add)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def repeat(conversations: list[list[str]], count: int) -> list[list[str]]:
    """`count` conversations, cycling through the given ones."""
    return list(itertools.islice(itertools.cycle(conversations), count))
