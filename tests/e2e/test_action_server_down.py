"""Never silence: with the action server dead or hanging, people still get the numbers."""

from __future__ import annotations

import socket
import time
import uuid

import pytest

pytestmark = pytest.mark.server


def test_dead_action_server_still_gives_services_and_crisis_numbers(bot_without_actions):
    started = time.monotonic()
    reply = bot_without_actions.send(uuid.uuid4().hex, "ik word afgeperst met m'n nudes")
    assert time.monotonic() - started < 5
    custom = reply[0]["custom"]
    assert custom["situation"] == "young_person"
    assert custom["services"][0]["id"] == "helpwanted"
    assert "112" in reply[1]["text"] and "113" in reply[1]["text"]


def test_crisis_needs_no_action_server(bot_without_actions):
    reply = bot_without_actions.send(uuid.uuid4().hex, "i want to die")
    assert reply[0]["custom"]["services"][0]["id"] == "113"
    assert reply[0]["custom"]["language"] == "en"


def test_hanging_action_server_is_answered_within_seconds(bot_without_actions,
                                                          broken_action_port):
    with socket.socket() as hanging:  # accepts connections, never answers
        hanging.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        hanging.bind(("127.0.0.1", broken_action_port))
        hanging.listen(8)
        started = time.monotonic()
        reply = bot_without_actions.send(uuid.uuid4().hex, "my daughter is being blackmailed")
        elapsed = time.monotonic() - started
    assert elapsed < 6
    assert reply[0]["custom"]["situation"] == "parent"
    assert reply[0]["custom"]["services"][0]["id"] == "helpwanted"
