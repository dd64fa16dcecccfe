"""/ready's checks against real sockets: a small action server, a Redis stand-in that
answers PING, and ports where nobody listens."""

from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.running import readiness
from bot.running.serve import free_port


class Health(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        status = 200 if self.path == "/health" else 404
        self.send_response(status)
        self.end_headers()
        self.wfile.write(b'{"status": "ok"}')

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def action_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/webhook"
    server.shutdown()


async def with_fake_redis(check):
    """Run ``check(url)`` while a stand-in Redis answers PING with +PONG."""
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            line = await reader.readline()
            if not line:
                break
            if line.strip().upper() == b"PING":
                writer.write(b"+PONG\r\n")
                await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        return await check(f"redis://127.0.0.1:{port}/0")


def test_the_action_servers_health_address():
    assert readiness.action_health_url("http://127.0.0.1:5055/webhook") == \
        "http://127.0.0.1:5055/health"


def test_ready_when_the_model_is_loaded_and_the_action_server_answers(action_server):
    found = asyncio.run(readiness.check(True, action_server))
    assert found.ready
    assert found.as_json() == {"status": "ready",
                               "checks": {"model": True, "action_server": True}}


def test_not_ready_without_the_model_or_the_action_server(action_server):
    assert not asyncio.run(readiness.check(False, action_server)).ready
    dead = f"http://127.0.0.1:{free_port()}/webhook"
    found = asyncio.run(readiness.check(True, dead))
    assert found.as_json() == {"status": "not_ready",
                               "checks": {"model": True, "action_server": False}}


def test_redis_is_checked_only_in_redis_mode(action_server):
    async def ready_with(url: str) -> readiness.Readiness:
        return await readiness.check(True, action_server, url)

    found = asyncio.run(with_fake_redis(ready_with))
    assert found.checks == {"model": True, "action_server": True, "redis": True}
    down = asyncio.run(ready_with(f"redis://127.0.0.1:{free_port()}/0"))
    assert down.checks["redis"] is False and not down.ready


def test_asking_redis():
    async def ask(url: str) -> bool:
        return await readiness.redis_up(url, 1.0)

    assert asyncio.run(with_fake_redis(ask)) is True
    assert asyncio.run(readiness.redis_up(f"redis://127.0.0.1:{free_port()}/0", 1.0)) is False
