"""The scaled set-up against the real parts: Redis and nginx from Debian, two Rasa processes,
the action server (issue 13, point 4). The tests start all of them themselves."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
import uuid
import zlib
from collections import Counter

import pytest
import redis

from bot.running.serve import stop
from tests.helpers import metrics, signposts
from tests.servers import TEST_IDLE_MINUTES, launch, scaled_config, wait_for

pytestmark = pytest.mark.server
CANARY = f"canary{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def scaled():
    running = launch(config=scaled_config(processes=2))
    yield running
    stop(running.processes)


@pytest.fixture(scope="module")
def store(scaled) -> redis.Redis:
    return redis.Redis(port=scaled.config.redis_port)


def post(bot, port: int, sender: str, text: str, **metadata: str) -> tuple[int, list]:
    """A message to ``port`` (nginx, or one Rasa process); the reply, or [] when refused."""
    body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}
    status, reply = bot.post_raw(json.dumps(body).encode(), port=port)
    return status, reply if status == 200 else []


def stored(store: redis.Redis, sender: str) -> dict:
    return json.loads(zlib.decompress(store.get(f"wegwijzer:conversation:{sender}")))


def test_turns_on_different_processes_keep_age_language_and_situation(scaled):
    first, second = scaled.config.backend_ports()
    sender = uuid.uuid4().hex
    assert post(scaled, first, sender, "hi, I'm 15")[0] == 200
    status, reply = post(scaled, second, sender, "someone says he will share my nudes")
    assert status == 200
    assert [(s["situation"], s["language"]) for s in signposts(reply)] == [("young_person", "en")]
    status, reply = post(scaled, first, sender, "what should I do now?")
    assert status == 200
    assert [(s["situation"], s["language"]) for s in signposts(reply)] == [("young_person", "en")]


def test_twenty_messages_at_once_for_one_conversation_are_answered_one_after_another(
        scaled, store):
    sender = uuid.uuid4().hex
    results: list[tuple[int, list]] = []
    def say_hello() -> None:
        results.append(post(scaled, scaled.config.port, sender, "hoi"))

    threads = [threading.Thread(target=say_hello) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _ in results] == [200] * 20
    assert all(reply for _, reply in results)
    # Turns that overlapped would have overwritten each other's stored conversation.
    kinds = Counter(event["event"] for event in stored(store, sender)["events"])
    assert kinds["user"] == 20


def test_redis_holds_no_text_and_every_key_expires(scaled, store):
    sender = uuid.uuid4().hex
    for text in (f"ik ben 14 en word afgeperst {CANARY}", f"my name is {CANARY}",
                 f"/greet{{\"language\": \"{CANARY}\"}}"):
        post(scaled, scaled.config.port, sender, text, language="nl", audience="young")
    keys = store.keys("*")
    assert f"wegwijzer:conversation:{sender}".encode() in keys
    for key in keys:
        value = store.dump(key) or b""
        readable = zlib.decompress(store.get(key)) if key.startswith(
            b"wegwijzer:conversation:") else value
        assert CANARY.encode() not in value and CANARY.encode() not in readable
        assert store.ttl(key) != -1, f"{key!r} never expires"
    assert store.config_get("save")["save"] == ""
    assert store.config_get("appendonly")["appendonly"] == "no"


def test_a_conversation_is_forgotten_after_the_idle_time(scaled, store):
    """Watched in Redis, which does not touch it (a message would start the idle time
    again); then the bot itself no longer knows it."""
    sender = uuid.uuid4().hex
    post(scaled, scaled.config.port, sender, "ik word afgeperst met m'n nudes")
    key = f"wegwijzer:conversation:{sender}"
    assert store.exists(key)
    wait_for(lambda: not store.exists(key), timeout=TEST_IDLE_MINUTES * 60 + 30,
             what="the idle conversation to be forgotten")
    assert not scaled.remembers(sender)


def turns_counted(scaled) -> float:
    """wegwijzer_turns_total as /metrics shows it (whichever process answers)."""
    return sum(value for (name, _), value in metrics(scaled).items()
               if name == "wegwijzer_turns_total")


def test_every_process_counts_into_the_same_metrics(scaled):
    before = turns_counted(scaled)
    for port in scaled.config.backend_ports():
        assert post(scaled, port, uuid.uuid4().hex, "hoi")[0] == 200
    assert turns_counted(scaled) == before + 2


def test_with_redis_down_the_bot_still_answers_and_recovers_when_it_is_back(scaled, store):
    status, _, body = scaled.get("/ready")
    assert status == 200 and json.loads(body)["checks"]["redis"] is True
    redis_server = scaled.server("Redis server")
    redis_server.process.kill()
    redis_server.process.wait()
    status, _, body = scaled.get("/ready")
    assert status == 503 and json.loads(body)["checks"]["redis"] is False
    sender = uuid.uuid4().hex
    for text in ("ik wil dood", "iemand dreigt mijn naaktfoto's te delen", "hoi"):
        status, reply = post(scaled, scaled.config.port, sender, text)
        assert status == 200 and reply
        assert "113" in json.dumps(reply) and "112" in json.dumps(reply)
    status, reply = post(scaled, scaled.config.port, sender, "ik word afgeperst met foto's")
    assert signposts(reply), "the fallback still signposts"
    scaled.restart(redis_server)
    wait_for(lambda: _answered_by(scaled) == "dialogue", timeout=30,
             what="the dialogue to work again with Redis back")


def _answered_by(scaled) -> str | None:
    status, reply = post(scaled, scaled.config.port, uuid.uuid4().hex, "hoi", audience="demo")
    explanation = [m["custom"] for m in reply if (m.get("custom") or {}).get("type") == "explanation"]
    return explanation[0]["answered_by"] if status == 200 and explanation else None


def test_when_one_rasa_process_is_killed_under_load_nearly_every_reply_is_ok(scaled):
    results: list[tuple[int, list]] = []
    done = threading.Event()
    texts = ["hoi", "ik ben 15", "iemand chanteert me met foto's", "ik wil dood"]

    def load(worker: int) -> None:
        sender = f"load-{worker}-{uuid.uuid4().hex}"
        turn = 0
        while not done.is_set():
            results.append(post(scaled, scaled.config.port, sender, texts[turn % len(texts)]))
            turn += 1

    workers = [threading.Thread(target=load, args=(n,)) for n in range(10)]
    for worker in workers:
        worker.start()
    victim = scaled.server("Rasa server 2")
    try:
        wait_for(lambda: len(results) >= 50, what="load before the kill")
        victim.process.kill()
        killed_at = len(results)
        wait_for(lambda: len(results) >= killed_at + 300, timeout=120, what="load after the kill")
    finally:
        done.set()
        for worker in workers:
            worker.join()
    ok = [status for status, reply in results if status == 200 and reply]
    assert len(ok) >= 0.99 * len(results), Counter(status for status, _ in results)
    scaled.restart(victim)


@pytest.mark.parametrize("size", [20_000, 70_000, 2_000_000])
def test_big_bodies_are_refused_through_nginx_and_never_written_to_disk(scaled, size):
    """nginx keeps bodies in memory (a temporary file would put a message on disk); a body
    over the bot's limit gets the bot's 413 or nginx's, always as JSON, never a 5xx."""
    body = json.dumps({"sender": "big", "message": "a" * size}).encode()
    request = urllib.request.Request(scaled.config.url + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 413
    assert "error" in json.loads(refused.value.read())
