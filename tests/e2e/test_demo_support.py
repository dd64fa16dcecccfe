"""What the trainers' demo relies on: its clock, and the explanation of every turn."""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.server
SATURDAY_NIGHT = "2026-11-28T23:30"
MONDAY_NOON = "2026-11-23T12:00"


def first_signpost(reply):
    return next(m["custom"] for m in reply if m.get("custom", {}).get("type") == "signpost")


def test_demo_clock_changes_open_now(bot):
    night = first_signpost(bot.send(uuid.uuid4().hex, "/young_person",
                                    audience="demo", clock=SATURDAY_NIGHT))
    noon = first_signpost(bot.send(uuid.uuid4().hex, "/young_person",
                                   audience="demo", clock=MONDAY_NOON))
    assert night["services"][0]["id"] == noon["services"][0]["id"] == "kindertelefoon"
    assert night["services"][0]["open_now"] is False
    assert night["services"][1]["id"] == "veilig_thuis" and night["services"][1]["alternative"]
    assert noon["services"][0]["open_now"] is True


def test_demo_clock_never_touches_real_conversations(bot):
    for audience in ("young", "parent", None):
        metadata = {"clock": SATURDAY_NIGHT, **({"audience": audience} if audience else {})}
        custom = first_signpost(bot.send(uuid.uuid4().hex, "/young_person", **metadata))
        assert custom["explanation"]["moment"][:16] != SATURDAY_NIGHT


def test_demo_turns_explain_what_was_understood(bot):
    reply = bot.send(uuid.uuid4().hex, "ik ben 15 en word afgeperst met m'n nudes",
                     audience="demo")
    explanation = reply[-1]["custom"]
    assert explanation["type"] == "explanation"
    assert explanation["intents"][0]["name"] == "young_person"
    assert explanation["language"] == "nl"
    assert explanation["facets"]["age"] == 15 and "sextortion" in explanation["facets"]["topics"]
    assert explanation["safety"] is None
    crisis = bot.send(uuid.uuid4().hex, "i want to die", audience="demo")
    assert crisis[0]["custom"]["situation"] == "crisis_suicide"
    assert crisis[-1]["custom"]["safety"] == "crisis_suicide"


def test_real_conversations_get_no_explanation_message(bot):
    reply = bot.send(uuid.uuid4().hex, "ik word afgeperst met m'n nudes", audience="young")
    assert all(m.get("custom", {}).get("type") != "explanation" for m in reply)
