"""The run command's private defaults, and the debug mode that needs two keys."""

import pytest

from bot.serve import DebugRefused, ServerConfig, action_server_command, check_debug, \
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
