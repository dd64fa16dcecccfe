"""Start the action server and the Rasa server together, keep them up, stop on Ctrl-C.

The defaults are the private production set-up: no Rasa HTTP API (it exposes
conversations), no telemetry, no log file, listening on localhost, CORS only for the
origins given.

Scaled (``processes`` > 1, `make run-scaled`): several Rasa processes share their
conversations and turn locks in Redis, behind nginx on the same address (bot/running/scaled.py).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bot import settings
from bot.paths import ROOT
from bot.running import scaled

DEFAULT_MODEL = ROOT / "models" / "wegwijzer.tar.gz"


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 5005
    action_port: int = 5055
    model: Path = DEFAULT_MODEL
    cors: tuple[str, ...] = ()
    action_url: str | None = None  # override, e.g. a dead port in the failure tests
    debug: bool = False  # content in logs: development machines only (see check_debug)
    idle_minutes: float = 30  # a conversation is forgotten after this long without a message
    processes: int = 1  # Rasa processes; more than one runs the scaled set-up
    rasa_ports: tuple[int, ...] = ()  # scaled: the Rasa processes' ports (default: port+1...)
    redis_port: int = 6390  # scaled: the Redis started here
    redis_url: str | None = None  # scaled: a Redis elsewhere (shared by several machines)
    # the daily totals (bot/operations/totals.py); None: $WEGWIJZER_VAR_DIR or var/
    var_dir: Path | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def scaled(self) -> bool:
        return self.processes > 1 or self.redis_url is not None

    def backend_ports(self) -> tuple[int, ...]:
        """Where the Rasa processes listen: ``port`` itself, unless nginx sits there."""
        if not self.scaled:
            return (self.port,)
        return self.rasa_ports or tuple(self.port + 1 + i for i in range(self.processes))

    def shared_redis_url(self) -> str:
        """The Redis the scaled set-up shares; empty for one process (all in memory)."""
        if not self.scaled:
            return ""
        return self.redis_url or f"redis://127.0.0.1:{self.redis_port}/0"


def free_port() -> int:
    """A port nobody listens on now (for tests, tools and benchmarks on one machine)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DebugRefused(SystemExit):
    pass


def check_debug(config: ServerConfig, env: dict[str, str]) -> None:
    """Debug logs contain what people type, so they need a flag AND a development marker."""
    if config.debug and env.get(settings.ENVIRONMENT) != "development":
        raise DebugRefused("--debug writes message text to the logs; it runs only when "
                           f"{settings.ENVIRONMENT}=development is set as well.")


def environment(config: ServerConfig) -> dict[str, str]:
    """The environment of the servers: this one, with the settings of bot/settings.py."""
    env = dict(os.environ)
    check_debug(config, env)
    for name in (settings.CONTENT_LOGS, settings.METRICS_DIR):
        env.pop(name, None)
    if config.debug:
        env[settings.CONTENT_LOGS] = "1"
    env.update({
        "PYTHONPATH": str(ROOT),
        "RASA_TELEMETRY_ENABLED": "false",
        "SANIC_HOST": "127.0.0.1",  # the action server listens on this machine only
        "TF_CPP_MIN_LOG_LEVEL": "3",
        settings.IDLE_MINUTES: str(config.idle_minutes),
        settings.REDIS_URL: config.shared_redis_url(),
        settings.LOCK_LIFETIME: str(scaled.LOCK_LIFETIME_SECONDS),
        settings.ACTION_URL: config.action_url
        or f"http://127.0.0.1:{config.action_port}/webhook",
    })
    if config.scaled:  # the Rasa processes add up their metrics in a fresh directory
        env[settings.METRICS_DIR] = tempfile.mkdtemp(prefix="wegwijzer-metrics-")
    if config.var_dir is not None:
        env[settings.VAR_DIR] = str(config.var_dir)
    return env


def action_server_command(config: ServerConfig) -> list[str]:
    return [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
            "--port", str(config.action_port), "--debug" if config.debug else "--verbose"]


def rasa_server_command(config: ServerConfig, port: int | None = None) -> list[str]:
    interface = "127.0.0.1" if config.scaled else config.host  # behind nginx: local only
    command = [sys.executable, "-m", "addons.rasa_cli", "run", "--model", str(config.model),
               "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
               "--interface", interface, "--port", str(port or config.port),
               "--debug" if config.debug else "--verbose"]
    if config.cors:
        command += ["--cors", *config.cors]
    return command


@dataclass
class Server:
    """One child server: how to start it, and the process running now."""

    name: str
    command: list[str]
    process: subprocess.Popen | None = None
    restarts: int = 0
    restart_at: float | None = None  # when a stopped server is due to start again
    up_since: float = 0.0


def servers(config: ServerConfig) -> list[Server]:
    """The servers of this configuration, in the order they start: Redis (scaled, unless it
    lives elsewhere), the action server (unless it lives elsewhere), the Rasa server(s),
    nginx (scaled)."""
    found = []
    if config.scaled and config.redis_url is None:
        found.append(Server("Redis server", scaled.redis_command(config.redis_port)))
    if not config.action_url:
        found.append(Server("action server", action_server_command(config)))
    ports = config.backend_ports()
    for number, port in enumerate(ports, start=1):
        name = f"Rasa server {number}" if config.scaled else "Rasa server"
        found.append(Server(name, rasa_server_command(config, port)))
    if config.scaled:
        found.append(Server("nginx", scaled.nginx_command(config.host, config.port,
                                                          list(ports))))
    return found


def launch(server: Server, env: dict[str, str], output: int | None) -> subprocess.Popen:
    stderr = subprocess.STDOUT if output == subprocess.PIPE else output
    server.process = subprocess.Popen(server.command, cwd=ROOT, env=env, stdout=output,
                                      stderr=stderr)
    server.up_since = time.monotonic()
    return server.process


def running_processes(started: list[Server]) -> list[subprocess.Popen]:
    """The processes of the servers that have been started."""
    return [server.process for server in started if server.process]


def start_servers(config: ServerConfig, output: int | None = None,
                  extra_env: dict[str, str] | None = None) -> tuple[list[Server], dict[str, str]]:
    """Start the servers of ``config`` as child processes, in the order of ``servers``;
    returns them and the environment they run in, to start them again with.

    ``output`` is passed to Popen as stdout and stderr (None: this terminal).
    """
    if not config.model.exists():
        raise SystemExit(f"No trained model at {config.model}; run `make run` or `make model`.")
    env = {**environment(config), **(extra_env or {})}
    started = servers(config)
    for server in started:
        launch(server, env, output)
    return started, env


def start(config: ServerConfig, output: int | None = None,
          extra_env: dict[str, str] | None = None) -> list[subprocess.Popen]:
    """Start the servers; returns their processes (action server before the Rasa server)."""
    started, _ = start_servers(config, output, extra_env)
    return running_processes(started)


# Restarts wait 1, 2, 4, ... seconds, at most this long; a server that ran this long without
# stopping starts again from 1 second.
MAX_BACKOFF = 16.0
HEALTHY_AFTER = 60.0


def heal(watched: list[Server], env: dict[str, str], now: float) -> None:
    """Start again every server that stopped, with backoff; say so without any content."""
    for server in watched:
        process = server.process
        if process is None or process.poll() is None:
            if process is not None and now - server.up_since > HEALTHY_AFTER:
                server.restarts = 0
            continue
        if server.restart_at is None:
            delay = min(MAX_BACKOFF, 2.0 ** server.restarts)
            server.restart_at = now + delay
            print(f"Wegwijzer: the {server.name} stopped (exit code {process.returncode}); "
                  f"starting it again in {delay:.0f} s.", flush=True)
        elif now >= server.restart_at:
            server.restart_at = None
            server.restarts += 1
            launch(server, env, None)
            print(f"Wegwijzer: the {server.name} started again.", flush=True)


def wait_until_ready(url: str, processes: list[subprocess.Popen], timeout: float = 120,
                     needs: tuple[str, ...] = ()) -> None:
    """Wait until the server at ``url`` says on ``/ready`` that it is ready: every check
    (model, action server, Redis in Redis mode), or only those in ``needs``. Fail early
    when a server process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                command = process.args if isinstance(process.args, list) else [process.args]
                raise RuntimeError(f"{command[2:4]} stopped with code {process.returncode}")
        if is_ready(url, needs):
            return
        time.sleep(0.25)
    raise TimeoutError(f"{url}/ready did not say ready within {timeout:.0f}s")


def is_ready(url: str, needs: tuple[str, ...] = ()) -> bool:
    """Does ``url``/ready say that every check in ``needs`` holds (every check, if empty)?"""
    try:
        with urllib.request.urlopen(f"{url}/ready", timeout=2) as reply:
            checks = json.loads(reply.read()).get("checks", {})
    except urllib.error.HTTPError as error:  # 503: not (all) ready, the body says which
        try:
            checks = json.loads(error.read()).get("checks", {})
        except ValueError:
            return False
    except (OSError, ValueError):
        return False
    wanted = needs or tuple(checks)
    return bool(wanted) and all(checks.get(name) is True for name in wanted)


def stop(processes: list[subprocess.Popen], timeout: float = 10) -> None:
    """Ask every server to stop (SIGTERM), then kill what is still running."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(config: ServerConfig) -> int:
    """Run the servers in the foreground until Ctrl-C. A server that stops is started
    again (with backoff); while the action server is away, the Rasa server answers from its
    in-process fallback, with the crisis numbers."""
    watched, env = start_servers(config)
    stopping = False

    def on_signal(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        wait_until_ready(config.url, running_processes(watched), timeout=180)
        print(f"\nWegwijzer is running at {config.url} (Ctrl-C stops it); "
              f"{config.url}/ready says whether it can answer now.", flush=True)
    except (RuntimeError, TimeoutError) as error:
        if not stopping:
            print(f"Wegwijzer did not start: {error}", file=sys.stderr)
        stop(running_processes(watched))
        return 0 if stopping else 1
    while not stopping:
        heal(watched, env, time.monotonic())
        time.sleep(0.2)
    stop(running_processes(watched))
    print("Wegwijzer stopped.", flush=True)
    return 0
