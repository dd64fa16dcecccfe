"""The two systems under test, started the way they are deployed.

Wegwijzer: `bot.running.serve.start`, the production configuration of `make run` (private channel,
private tracker store, action server, INFO logs to nowhere). The stock assistant: the project
`rasa init --no-prompt` makes, served by `rasa run` with its own REST channel and model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot.running.serve import ROOT, ServerConfig, free_port, running_processes, start, start_servers, stop

STOCK = ROOT / "bench" / ".stock"
RASA = [sys.executable, "-m", "rasa"]
# Wegwijzer trains and runs as `make model` and `make run` do (see addons/rasa_cli.py).
OUR_RASA = [sys.executable, "-m", "addons.rasa_cli"]
# Benchmark traffic is not reach: its daily totals go here, not to var/.
BENCH_VAR = ROOT / "bench" / ".work" / "var"
QUIET = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3"}


@dataclass
class Running:
    name: str
    port: int
    processes: list[subprocess.Popen]
    rasa: list[subprocess.Popen]  # the Rasa server process(es)
    action: subprocess.Popen | None
    cold_start: float  # seconds from starting the processes to the first answer

    def peak_rss_mb(self, processes: list[subprocess.Popen]) -> float | None:
        """The highest peak RSS among ``processes`` (per process, not summed)."""
        return max((peak_rss_mb(process.pid) for process in processes), default=None)

    def stop(self) -> None:
        stop(self.processes)


def memory_mb(pid: int, field: str) -> float:
    """One memory field of the process from /proc (VmRSS: now, VmHWM: its peak), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    return memory_mb(pid, "VmHWM")


def first_answer(port: int, processes: list[subprocess.Popen], timeout: float = 180) -> None:
    """Wait until the REST channel answers a real message (not just a health check)."""
    body = json.dumps({"sender": "bench-cold-start", "message": "hoi"}).encode()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            raise RuntimeError("a server stopped while starting")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                                         data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as reply:
                if reply.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"no answer on port {port} within {timeout:.0f}s")


def start_wegwijzer() -> Running:
    """`make run`: one Rasa process, conversations in memory."""
    config = ServerConfig(port=free_port(), action_port=free_port(), var_dir=BENCH_VAR)
    started = time.perf_counter()
    processes = start(config, output=subprocess.DEVNULL)
    first_answer(config.port, processes)
    cold = time.perf_counter() - started
    return Running("Wegwijzer", config.port, processes, processes[-1:], processes[0], cold)


def start_wegwijzer_scaled() -> Running:
    """`make run-scaled`: one Rasa process per core behind nginx, sharing Redis."""
    processes = os.cpu_count() or 2
    config = ServerConfig(port=free_port(), action_port=free_port(), processes=processes,
                          rasa_ports=tuple(free_port() for _ in range(processes)),
                          redis_port=free_port(), var_dir=BENCH_VAR)
    started = time.perf_counter()
    servers, _ = start_servers(config, output=subprocess.DEVNULL)
    running = running_processes(servers)
    for port in config.backend_ports():
        first_answer(port, running)
    cold = time.perf_counter() - started
    rasa = [s.process for s in servers if s.name.startswith("Rasa") and s.process]
    action = next(s.process for s in servers if s.name == "action server")
    return Running("Wegwijzer scaled", config.port, running, rasa, action, cold)


def make_stock() -> Path:
    """`rasa init --no-prompt` once (it also trains); later runs reuse it."""
    if not list((STOCK / "models").glob("*.tar.gz")):
        STOCK.mkdir(parents=True, exist_ok=True)
        subprocess.run(RASA + ["init", "--no-prompt", "--init-dir", str(STOCK)], cwd=STOCK,
                       env={**os.environ, **QUIET}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return max((STOCK / "models").glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)


def start_stock() -> Running:
    model = make_stock()
    port = free_port()
    command = RASA + ["run", "--model", str(model), "--port", str(port),
                      "--interface", "127.0.0.1", "--credentials", "credentials.yml"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=STOCK, env={**os.environ, **QUIET},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first_answer(port, [process])
    cold = time.perf_counter() - started
    return Running("stock rasa init", port, [process], [process], None, cold)


def training_seconds(command: list[str], cwd: Path) -> float:
    """How long a full, uncached training takes (`rasa train --force`)."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env={**os.environ, **QUIET, "PYTHONPATH": str(ROOT)},
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started
