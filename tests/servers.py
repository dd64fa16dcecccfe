"""Start the real Rasa server and action server for end-to-end and browser tests.

The servers run as child processes, exactly as `python -m bot run` starts them, on free
ports. Their output is collected in memory (so tests can check what they log).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.serve import DEFAULT_MODEL, ServerConfig, free_port, start, stop, wait_until_ready


@dataclass
class RunningBot:
    config: ServerConfig
    processes: list[subprocess.Popen]
    output: list[str] = field(default_factory=list)

    def post_raw(self, body: bytes, content_type: str = "application/json",
                 timeout: float = 30, path: str = "/webhooks/rest/webhook") -> tuple[int, Any]:
        request = urllib.request.Request(self.config.url + path, data=body, method="POST",
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

    def log(self) -> str:
        return "".join(self.output)


# Conversations of the test servers are forgotten after this many idle minutes, so the
# privacy tests can watch it happen (every other test's turns follow each other within it).
TEST_IDLE_MINUTES = 0.1


def launch(action_url: str | None = None, extra_env: dict[str, str] | None = None) -> RunningBot:
    if not DEFAULT_MODEL.exists():
        pytest.exit("No trained model: run `make test` (it trains first).", returncode=2)
    # Each test bot keeps its daily totals in a folder of its own, so tests can read them.
    config = ServerConfig(port=free_port(), action_port=free_port(), action_url=action_url,
                          idle_minutes=TEST_IDLE_MINUTES,
                          var_dir=Path(tempfile.mkdtemp(prefix="wegwijzer-var-")))
    processes = start(config, output=subprocess.PIPE, extra_env=extra_env)
    bot = RunningBot(config, processes)
    for process in processes:
        threading.Thread(target=_collect, args=(process, bot.output), daemon=True).start()
    try:
        # A bot whose action server is elsewhere (a dead port) is never fully ready.
        wait_until_ready(config.url, processes, timeout=180,
                         needs=("model",) if action_url else ())
    except Exception:
        finish(bot)
        raise RuntimeError("the servers did not start:\n" + bot.log()[-3000:]) from None
    return bot


def finish(bot: RunningBot) -> None:
    """Stop the servers and remove their totals folder."""
    stop(bot.processes)
    if bot.config.var_dir is not None:
        shutil.rmtree(bot.config.var_dir, ignore_errors=True)


def _collect(process: subprocess.Popen, sink: list[str]) -> None:
    for line in iter(process.stdout.readline, b""):
        sink.append(line.decode("utf-8", "replace"))
