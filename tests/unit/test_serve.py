"""The run command's private defaults, and the debug mode that needs two keys."""

import pytest

from bot.running.serve import DebugRefused, ServerConfig, action_server_command, check_debug, \
    environment, rasa_server_command


def test_production_defaults_are_private():
    config = ServerConfig()
    command = rasa_server_command(config)
    assert "--enable-api" not in command and "--debug" not in command
    assert "--log-file" not in command
    assert command[command.index("--interface") + 1] == "127.0.0.1"
    env = environment(config)
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert env["SANIC_HOST"] == "127.0.0.1"
    assert "WEGWIJZER_CONTENT_LOGS" not in env
    assert "--debug" not in action_server_command(config)


def test_debug_is_refused_without_the_development_marker(monkeypatch):
    monkeypatch.delenv("WEGWIJZER_ENVIRONMENT", raising=False)
    with pytest.raises(DebugRefused):
        environment(ServerConfig(debug=True))
    monkeypatch.setenv("WEGWIJZER_ENVIRONMENT", "production")
    with pytest.raises(DebugRefused):
        check_debug(ServerConfig(debug=True), {"WEGWIJZER_ENVIRONMENT": "production"})


def test_debug_runs_with_both_keys(monkeypatch):
    monkeypatch.setenv("WEGWIJZER_ENVIRONMENT", "development")
    env = environment(ServerConfig(debug=True))
    assert env["WEGWIJZER_CONTENT_LOGS"] == "1"
    assert "--debug" in rasa_server_command(ServerConfig(debug=True))


def test_content_logs_from_the_outside_environment_are_dropped(monkeypatch):
    monkeypatch.setenv("WEGWIJZER_CONTENT_LOGS", "1")
    assert "WEGWIJZER_CONTENT_LOGS" not in environment(ServerConfig())


def test_a_stopped_server_is_started_again_with_backoff(capsys):
    import subprocess
    import sys

    from bot.running.serve import Server, heal

    server = Server("test server", [sys.executable, "-c", "pass"])
    server.process = subprocess.Popen(server.command)
    server.process.wait()
    heal([server], {}, now=100.0)  # noticed: due in 1 s
    assert server.restart_at == 101.0 and "stopped" in capsys.readouterr().out
    heal([server], {}, now=100.5)
    assert server.restarts == 0
    heal([server], {}, now=101.0)  # started again
    assert server.restarts == 1 and "started again" in capsys.readouterr().out
    server.process.wait()
    heal([server], {}, now=102.0)
    assert server.restart_at == 104.0  # the next wait is twice as long


def test_the_run_command_waits_for_ready_on_the_ready_endpoint():
    """is_ready reads /ready's checks, from a 200 and from a 503."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from bot.running.serve import is_ready

    answers = {"status": 503, "checks": {"model": True, "action_server": False}}

    class Ready(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(answers["status"] if self.path == "/ready" else 404)
            self.end_headers()
            self.wfile.write(json.dumps({"checks": answers["checks"]}).encode())

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Ready)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert not is_ready(url)
        assert is_ready(url, needs=("model",))  # a bot whose action server is elsewhere
        answers.update(status=200, checks={"model": True, "action_server": True})
        assert is_ready(url)
        answers.update(checks={"model": True, "action_server": True, "redis": False})
        assert not is_ready(url)
    finally:
        server.shutdown()
        server.server_close()
    assert not is_ready(url)  # nobody listens
