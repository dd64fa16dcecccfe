"""The run command heals itself: kill -9 the action server under load (issue 13, point 1)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from bot.running.serve import ROOT, free_port, wait_until_ready
from tests.servers import wait_for

pytestmark = pytest.mark.server
CANARY = f"canary{uuid.uuid4().hex[:10]}"


def children(pid: int) -> dict[int, str]:
    """The child processes of ``pid`` and their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, IndexError, ValueError):
            continue
    return {child: line.decode(errors="replace") for child, line in found.items()}


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def post(port: int, text: str) -> tuple[int, list, float]:
    body = json.dumps({"sender": uuid.uuid4().hex, "message": text}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, json.loads(reply.read()), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, [], time.monotonic() - started


def test_a_killed_action_server_comes_back_and_nobody_is_left_without_an_answer(tmp_path):
    port, action_port = free_port(), free_port()
    run = subprocess.Popen([sys.executable, "-m", "bot", "run", "--port", str(port),
                            "--action-port", str(action_port)], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "WEGWIJZER_VAR_DIR": str(tmp_path)})
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(iter(run.stdout.readline, b"")),
                     daemon=True).start()
    try:
        wait_until_ready(f"http://127.0.0.1:{port}", [run], timeout=180)
        wait_for(lambda: listening(action_port), timeout=60, what="the action server")
        action = next(pid for pid, line in children(run.pid).items() if "rasa_sdk" in line)
        results: list[tuple[int, list, float]] = []
        done = threading.Event()

        def load() -> None:
            texts = [f"ik word afgeperst met m'n nudes {CANARY}", f"ik wil dood {CANARY}"]
            while not done.is_set() and len(results) < 2000:
                results.append(post(port, texts[len(results) % 2]))

        worker = threading.Thread(target=load)
        worker.start()
        wait_for(lambda: len(results) >= 10)  # under load before the kill
        os.kill(action, signal.SIGKILL)
        killed = time.monotonic()
        wait_for(lambda: listening(action_port) and any(
            "rasa_sdk" in line for pid, line in children(run.pid).items() if pid != action),
            timeout=30, what="the action server to be back")
        back = time.monotonic() - killed
        answered = len(results)
        wait_for(lambda: len(results) >= answered + 10)  # and answers go on after it is back
        done.set()
        worker.join()
    finally:
        run.send_signal(signal.SIGINT)
        run.wait(30)
    assert results and back < 30
    assert [status for status, _, _ in results if status != 200] == []
    assert max(seconds for _, _, seconds in results) < 5
    assert all(reply for _, reply, _ in results)  # never an empty answer
    crisis = [reply for status, reply, _ in results if "113" in json.dumps(reply)]
    assert len(crisis) >= len(results) // 2  # every "ik wil dood" got 113
    log = b"".join(output).decode(errors="replace")
    assert "the action server stopped" in log and "started again" in log
    assert CANARY not in log
