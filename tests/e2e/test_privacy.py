"""Nothing stored, nothing logged: canary strings through the real servers.

Unique canary strings go through every path a message can take (normal turns, a failing
action server, an oversized message, malformed requests). Afterwards no canary may be in
the output of either server, in any file written under the project or the temp
directory, or in the tracker store; and conversations must be gone after "stop" and after
the quick-exit call. That they are gone after the idle time is watched in Redis
(tests/e2e/test_scaled.py): asking this bot would start the idle time again.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from bot.paths import ROOT

pytestmark = pytest.mark.server
CANARY = f"canary{uuid.uuid4().hex[:12]}"
STARTED = time.time()


def canary(n: int) -> str:
    return f"{CANARY}x{n}"


def post_json(bot, payload) -> tuple[int, object]:
    return bot.post_raw(json.dumps(payload).encode())


@pytest.fixture(scope="module")
def canaries_sent(bot, bot_without_actions):
    """Send canaries through every path, once for the module."""
    sender = f"{CANARY}sender"
    for i, text in enumerate([
        "ik word afgeperst met m'n nudes {}", "mijn dochter wordt gechanteerd {}",
        "ik ben 15 en wil dood {}", "ik heet {} en mijn nummer is 0612345678",
        "<script>alert('{}')</script>", "are you a real person {}",
    ]):
        bot.send(sender, text.format(canary(i)), language="nl", audience="young")
    for i, text in enumerate(["/{}", "/greet{{\"name\": \"{}\"}}", "/young_person{{{} ",
                              "/ {} /parent"], start=30):  # only a button's "/intent" passes
        assert post_json(bot, {"sender": sender, "message": text.format(canary(i))})[0] == 400
    bot_without_actions.send(f"{CANARY}down", f"my son is blackmailed {canary(10)}")
    for target in (bot, bot_without_actions):
        assert post_json(target, {"sender": "a", "message": canary(20) * 100})[0] == 413
        assert target.post_raw(f'{{"sender": "a", "message": "{canary(21)}'.encode())[0] == 400
        assert target.post_raw(f"{canary(22)}\x00\xff".encode("latin-1"))[0] == 400
        assert post_json(target, {"message": canary(23)})[0] == 400
        assert post_json(target, {"sender": "", "message": canary(24)})[0] == 400
    for target in (bot, bot_without_actions):
        target.read_everything()
    return True


def test_no_canary_in_server_output(bot, bot_without_actions, canaries_sent):
    for target in (bot, bot_without_actions):
        output = target.log()
        assert output, "the servers' output was not captured"
        assert CANARY not in output


def test_no_access_log_with_addresses(bot, bot_without_actions, canaries_sent):
    for target in (bot, bot_without_actions):
        requests = [line for line in target.log().splitlines()
                    if "POST" in line or "/webhooks/rest" in line]
        assert requests == []


def test_no_canary_in_files_written_during_the_test(canaries_sent):
    places = [ROOT, Path(tempfile.gettempdir()), Path.home() / ".config"]
    skipped_dirs = {".venv", ".git", "node_modules"}
    found = []
    for place in places:
        for folder, dirs, files in os.walk(place):
            dirs[:] = [d for d in dirs if d not in skipped_dirs]
            for name in files:
                path = Path(folder) / name
                try:
                    if path.stat().st_mtime < STARTED or path.stat().st_size > 50_000_000:
                        continue
                    if CANARY.encode() in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    assert found == []


def test_conversation_is_gone_after_stop(bot):
    sender = uuid.uuid4().hex
    bot.send(sender, "ik word afgeperst met m'n nudes")
    assert bot.remembers(sender)
    reply = bot.send(sender, "stop")
    assert "gewist" in reply[0]["text"]
    assert not bot.remembers(sender)


def test_conversation_is_gone_after_quick_exit(bot):
    sender = uuid.uuid4().hex
    bot.send(sender, "ik word afgeperst met m'n nudes")
    assert bot.forget(sender) == (200, {"forgotten": True})
    assert bot.forget(sender) == (200, {"forgotten": False})
    assert not bot.remembers(sender)
    assert bot.forget("")[0] == 400


def test_personal_details_get_a_gentle_reminder_and_are_not_repeated(bot):
    reply = bot.send(uuid.uuid4().hex, "iemand chanteert me met mijn naaktfotos. 0612345678")
    texts = [m.get("text", "") for m in reply]
    assert any("persoonlijke gegevens" in t for t in texts)
    assert any("custom" in m for m in reply), "the bot carries on with the situation"
    assert "0612345678" not in json.dumps(reply)


def test_reminder_never_pushes_crisis_from_the_first_place(bot):
    reply = bot.send(uuid.uuid4().hex, "i want to die, my insta is @someone_here")
    assert reply[0]["custom"]["situation"] == "crisis_suicide"
    assert "personal details" in reply[1]["text"]


def test_images_cannot_be_received(bot):
    reply = bot.send(uuid.uuid4().hex, "kan ik je een screenshot sturen van de chat?")
    assert "meldpunt-kinderporno.nl" in reply[0]["text"]
    assert "ontvangen" in reply[0]["text"]
