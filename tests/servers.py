"""Start the real Rasa server and action server for end-to-end and browser tests.

The servers run as child processes, exactly as `python -m bot run` starts them, on free
ports. Their output is collected in memory (so tests can check what they log).
"""

from __future__ import annotations

import array
import fcntl
import json
import shutil
import subprocess
import tempfile
import termios
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import pytest

from bot.running.serve import (DEFAULT_MODEL, Server, ServerConfig, free_port, launch as launch_server,
                       running_processes, start_servers, stop, wait_until_ready)


@dataclass
class RunningBot:
    config: ServerConfig
    servers: list[Server]
    env: dict[str, str]
    output: list[str] = field(default_factory=list)

    @property
    def processes(self) -> list[subprocess.Popen]:
        return running_processes(self.servers)

    def server(self, name: str) -> Server:
        return next(server for server in self.servers if server.name == name)

    def restart(self, server: Server) -> None:
        """Start a stopped server again, as the run command's healing would."""
        _follow(launch_server(server, self.env, subprocess.PIPE), self.output)

    def post_raw(self, body: bytes, content_type: str = "application/json",
                 timeout: float = 30, path: str = "/webhooks/rest/webhook",
                 port: int | None = None) -> tuple[int, Any]:
        """POST ``body``; ``port``: one Rasa process of the scaled set-up instead of the front."""
        base = f"http://127.0.0.1:{port}" if port else self.config.url
        request = urllib.request.Request(base + path, data=body, method="POST",
                                         headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:
                return reply.status, json.loads(reply.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, raw.decode("utf-8", "replace")

    def get(self, path: str, timeout: float = 30) -> tuple[int, str, bytes]:
        """GET a path: the status, the content type and the body."""
        try:
            with urllib.request.urlopen(self.config.url + path, timeout=timeout) as reply:
                return reply.status, reply.headers.get("Content-Type", ""), reply.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    def send(self, sender: str, message: str, **metadata: str) -> list[dict]:
        payload: dict[str, Any] = {"sender": sender, "message": message}
        if metadata:
            payload["metadata"] = metadata
        status, reply = self.post_raw(json.dumps(payload).encode())
        assert status == 200, (status, reply)
        return reply

    def forget(self, sender: str) -> tuple[int, Any]:
        """Ask the server to forget a conversation (what the quick exit does)."""
        return self.post_raw(json.dumps({"sender": sender}).encode(), path="/webhooks/rest/forget")

    def remembers(self, sender: str) -> bool:
        """Does the bot still know this conversation's situation? An age alone refines a
        known situation into a signpost; in a new conversation it asks what is going on.
        (Unlike forget(), asking does not delete the conversation.)"""
        return any("custom" in message for message in self.send(sender, "ik ben 15"))

    def read_everything(self, timeout: float = 30) -> None:
        """Wait until every line the servers wrote so far has been read into ``output``:
        no bytes wait in any pipe, and nothing new arrived since the last look. (A server
        writes its log lines for a request before it answers it.)"""
        seen = -1

        def drained() -> bool:
            nonlocal seen
            waiting = array.array("i", [0])
            for process in self.processes:
                if process.stdout is not None and process.poll() is None:
                    fcntl.ioctl(process.stdout.fileno(), termios.FIONREAD, waiting)
                    if waiting[0]:
                        return False
            settled, seen = seen == len(self.output), len(self.output)
            return settled

        wait_for(drained, timeout, "the servers' output to be read")

    def log(self) -> str:
        return "".join(self.output)


# Conversations of the test servers are forgotten after this many idle minutes, so a test
# can watch it happen (every other test's turns follow each other within it).
TEST_IDLE_MINUTES = 0.1


def launch(action_url: str | None = None, extra_env: dict[str, str] | None = None,
           config: ServerConfig | None = None) -> RunningBot:
    """Start the servers (by default one Rasa process, on free ports) and wait for them."""
    if not DEFAULT_MODEL.exists():
        pytest.exit("No trained model: run `make test` (it trains first).", returncode=2)
    # Each test bot keeps its daily totals in a folder of its own, so tests can read them.
    config = config or ServerConfig(port=free_port(), action_port=free_port(),
                                    action_url=action_url, idle_minutes=TEST_IDLE_MINUTES)
    config = replace(config, var_dir=Path(tempfile.mkdtemp(prefix="wegwijzer-var-")))
    started, env = start_servers(config, output=subprocess.PIPE, extra_env=extra_env)
    bot = RunningBot(config, started, env)
    for process in bot.processes:
        _follow(process, bot.output)
    try:
        # A bot whose action server is elsewhere (a dead port) is never fully ready.
        needs = ("model",) if action_url else ()
        for port in config.backend_ports():
            wait_until_ready(f"http://127.0.0.1:{port}", bot.processes, timeout=240, needs=needs)
        wait_until_ready(config.url, bot.processes, needs=needs)
    except Exception:
        finish(bot)
        raise RuntimeError("the servers did not start:\n" + bot.log()[-3000:]) from None
    return bot


def scaled_config(processes: int = 2) -> ServerConfig:
    """The scaled set-up (Redis, nginx, several Rasa processes), all on free ports."""
    return ServerConfig(port=free_port(), action_port=free_port(), processes=processes,
                        rasa_ports=tuple(free_port() for _ in range(processes)),
                        redis_port=free_port(), idle_minutes=TEST_IDLE_MINUTES)


def wait_for(condition: Callable[[], Any], timeout: float = 60, what: str = "a condition") -> None:
    """Wait until ``condition()`` is true (tests wait on conditions, never on the clock)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _follow(process: subprocess.Popen, sink: list[str]) -> None:
    threading.Thread(target=_collect, args=(process, sink), daemon=True).start()


def finish(bot: RunningBot) -> None:
    """Stop the servers and remove their totals folder."""
    stop(bot.processes)
    if bot.config.var_dir is not None:
        shutil.rmtree(bot.config.var_dir, ignore_errors=True)


def _collect(process: subprocess.Popen, sink: list[str]) -> None:
    for line in iter(process.stdout.readline, b""):
        sink.append(line.decode("utf-8", "replace"))
