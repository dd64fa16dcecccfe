"""One turn to a signpost: which situation a turn is about, and the channel's fallback reply
(the action server down or slow), decided in the core from the turn's one parse."""

from __future__ import annotations

import pytest

from bot.signpost import situation_for_turn


def parse(intent, *ranking, entities=()):
    return {"intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "entities": list(entities)}


def language(value):
    return {"entity": "language", "value": value}


@pytest.mark.parametrize("intent, ranking, previous, situation", [
    ("parent", [], "young_person", "parent"),  # a situation is used as it is
    ("inform_age", [], "young_person", "young_person"),  # an age refines the one before
    ("crisis_suicide", [("crisis_suicide", 0.9), ("young_person", 0.5)], None, "young_person"),
    ("crisis_suicide", [("crisis_suicide", 0.9), ("young_person", 0.1)], None, None),
    ("emergency", [], "parent", None),  # after 112 the bot asks what is going on
])
def test_after_the_dialogues_crisis_reply_only_another_situation_is_signposted(
        intent, ranking, previous, situation):
    ranked = [{"name": n, "confidence": c} for n, c in ranking]
    assert situation_for_turn(intent, ranked, previous) == situation


@pytest.mark.parametrize("intent", ["crisis_suicide", "emergency"])
def test_without_the_dialogues_crisis_reply_the_crisis_is_the_situation(intent):
    assert situation_for_turn(intent, [], "parent", crisis_replied=False) == intent
    assert situation_for_turn("parent", [], None, crisis_replied=False) == "parent"


def crisis_numbers_said(message) -> bool:
    return "113" in message["text"] and "112" in message["text"] and "custom" not in message


def test_the_fallback_signposts_the_situation_then_says_the_crisis_numbers(signposter):
    reply = signposter.fallback(parse("parent", ("parent", 0.9)), {}, None)
    assert [m["custom"]["situation"] for m in reply[:1]] == ["parent"]
    assert reply[0]["custom"]["services"][0]["id"] == "helpwanted"
    assert crisis_numbers_said(reply[1]) and len(reply) == 2


@pytest.mark.parametrize("intent, number", [("crisis_suicide", "113"), ("emergency", "112")])
def test_in_the_fallback_a_crisis_comes_first(signposter, intent, number):
    reply = signposter.fallback(parse(intent, (intent, 1.0), ("young_person", 0.6)), {}, None)
    assert reply[0]["custom"]["situation"] == intent
    assert reply[0]["custom"]["services"][0]["id"] == number
    assert crisis_numbers_said(reply[-1])


def test_the_fallback_refines_the_conversations_situation(signposter):
    reply = signposter.fallback(parse("inform_age"), {"situation": "young_person"}, None)
    assert reply[0]["custom"]["situation"] == "young_person"


def test_with_nothing_to_signpost_the_fallback_says_the_crisis_numbers(signposter):
    reply = signposter.fallback(parse("greet", ("greet", 0.9)), {}, None)
    assert len(reply) == 1 and crisis_numbers_said(reply[0])


def test_when_the_message_could_not_be_read_the_crisis_numbers_still_come(signposter):
    reply = signposter.fallback(None, {"situation": "parent"}, None)
    assert len(reply) == 1 and crisis_numbers_said(reply[0])


def test_the_fallback_answers_in_the_language_of_the_turn(signposter):
    english = signposter.fallback(parse("parent", entities=[language("en")]), {}, None)
    assert english[0]["custom"]["language"] == "en"
    kept = signposter.fallback(parse("greet"), {"language": "en"}, None)
    assert kept[0]["text"] != signposter.fallback(parse("greet"), {}, None)[0]["text"]
