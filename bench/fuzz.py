"""Malformed requests, made reproducibly from a seed: bad JSON, binary, huge bodies, odd types,
odd methods and paths, and messages that look like intents ("/greet{...}")."""

from __future__ import annotations

import http.client
import json
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

WEBHOOK = "/webhooks/rest/webhook"
Request = tuple[str, str, bytes, dict[str, str]]  # method, path, body, headers


def _json(payload: object) -> bytes:
    return json.dumps(payload).encode()


def _text(rng: random.Random, size: int) -> str:
    alphabet = "abc xyz 0123 éü😀\u202e<>&'\"\\/{}[]"
    return "".join(rng.choice(alphabet) for _ in range(size))


def bad_json(rng: random.Random) -> Request:
    good = json.dumps({"sender": "f", "message": "hoi"})
    broken = rng.choice([good[:rng.randrange(1, len(good))], good + ",", "{'sender': 'f'}",
                         "{" * rng.randrange(1, 3000), "[" * 500 + "]" * 499, "null", "NaN",
                         '{"sender": "f", "message": "hoi"', '{"sender": "f" "message": 1}'])
    return "POST", WEBHOOK, broken.encode(), {"Content-Type": "application/json"}


def binary(rng: random.Random) -> Request:
    body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2048)))
    kind = rng.choice(["application/json", "application/octet-stream", "text/plain"])
    return "POST", WEBHOOK, body, {"Content-Type": kind}


def huge(rng: random.Random) -> Request:
    size = rng.choice([1001, 5000, 20_000, 200_000, 2_000_000])
    return "POST", WEBHOOK, _json({"sender": "f", "message": "a" * size}), {
        "Content-Type": "application/json"}


def odd_types(rng: random.Random) -> Request:
    odd = rng.choice([None, 1, 1.5, True, [], ["hoi"], {}, {"a": "b"}, "", " ", "\u0000",
                      "x" * 129, _text(rng, 40)])
    field_name = rng.choice(["sender", "message", "metadata"])
    payload: dict[str, object] = {"sender": "fuzz", "message": "hoi", field_name: odd}
    if rng.random() < 0.3:
        payload["metadata"] = {"language": rng.choice(["xx", 5, None, "nl" * 100]),
                               "audience": rng.choice(["admin", [], "young"])}
    return "POST", WEBHOOK, _json(payload), {"Content-Type": "application/json"}


def odd_method_or_path(rng: random.Random) -> Request:
    method = rng.choice(["GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "POST", "TRACE"])
    path = rng.choice([WEBHOOK, "/webhooks/rest/forget", "/webhooks/rest/../../etc/passwd",
                       "/%00", "/" + "a" * 3000, "/webhooks/xyz", "/conversations/x/tracker",
                       "/model/parse", "/static/..%2f..%2fendpoints.yml", "/?q=<script>",
                       "/webhooks/rest/webhook?sender=x&message=y"])
    return method, path, _json({"sender": "f", "message": "hoi"}), {
        "Content-Type": "application/json"}


def intent_like(rng: random.Random) -> Request:
    message = rng.choice(['/greet{"language": "' + _text(rng, 20) + '"}', "/restart",
                          "/" + _text(rng, 30), '/young_person{"age": "' + _text(rng, 8) + '"}',
                          "/session_start", '/inform_age{"age": 1e999}', "/greet{" * 50])
    return "POST", WEBHOOK, _json({"sender": "fuzz", "message": message}), {
        "Content-Type": "application/json"}


KINDS: dict[str, Callable[[random.Random], Request]] = {
    "bad JSON": bad_json, "binary": binary, "huge body": huge, "odd types": odd_types,
    "odd method or path": odd_method_or_path, "intent-like": intent_like,
}


def requests(count: int, seed: int = 13) -> list[tuple[str, Request]]:
    """``count`` malformed requests, the kinds in turn."""
    rng = random.Random(seed)
    kinds = list(KINDS.items())
    return [(name, make(rng)) for name, make in (kinds[i % len(kinds)] for i in range(count))]


@dataclass
class FuzzResult:
    statuses: Counter = field(default_factory=Counter)
    server_errors: Counter = field(default_factory=Counter)  # kind -> 5xx or no answer
    lock: threading.Lock = field(default_factory=threading.Lock)


def run(port: int, count: int = 10_000, concurrency: int = 10) -> FuzzResult:
    result = FuzzResult()
    queue = iter(requests(count))
    queue_lock = threading.Lock()

    def worker() -> None:
        while True:
            with queue_lock:
                item = next(queue, None)
            if item is None:
                return
            kind, (method, path, body, headers) = item
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                connection.request(method, path, body=body, headers=headers)
                reply = connection.getresponse()
                reply.read()
                status: int | str = reply.status
            except (OSError, http.client.HTTPException):
                status = "no answer"
            finally:
                connection.close()
            with result.lock:
                result.statuses[status] += 1
                if status == "no answer" or (isinstance(status, int) and status >= 500):
                    result.server_errors[kind] += 1

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result
