"""One turn's counts, read from the reply it got: signposts, crisis numbers, questions back."""

from __future__ import annotations

from collections import Counter

from bot.operations.metrics import Event, Vocabulary
from bot.operations.outcome import TurnOutcome, turn_events
from bot.signposting import Circumstances
from tests.conftest import MONDAY_NOON


def signpost(signposter, situation: str, language: str = "nl") -> dict:
    return signposter.message(signposter.decide(Circumstances(situation, language), MONDAY_NOON))


def names(events: list[Event]) -> Counter:
    return Counter(event.counter for event in events)


def test_a_signpost_counts_the_reply_and_each_service(signposter):
    message = signpost(signposter, "parent", "en")
    events = turn_events(TurnOutcome((message,), new_conversation=True))
    services = [s["id"] for s in message["custom"]["services"]]
    rule = message["custom"]["rule"]
    assert names(events) == Counter({"wegwijzer_turns": 1, "wegwijzer_conversations_started": 1,
                                     "wegwijzer_signpost_replies": 1,
                                     "wegwijzer_signposts": len(services)})
    assert Event.of("wegwijzer_signpost_replies", situation="parent", rule=rule,
                    language="en") in events
    for service in services:
        assert Event.of("wegwijzer_signposts", situation="parent", rule=rule, service=service,
                        language="en") in events
    vocabulary = Vocabulary.of(signposter.table, signposter.directory)
    assert [vocabulary.check(event) for event in events] == events


def test_crisis_replies_count_their_number_and_the_second_situation_too(signposter):
    crisis = signpost(signposter, "crisis_suicide")
    events = turn_events(TurnOutcome((crisis, signpost(signposter, "young_person"))))
    assert Event.of("wegwijzer_crisis_replies", number="113") in events
    assert names(events)["wegwijzer_signpost_replies"] == 2
    danger = turn_events(TurnOutcome((signpost(signposter, "emergency"),)))
    assert Event.of("wegwijzer_crisis_replies", number="112") in danger


def test_questions_back_and_out_of_scope_come_from_the_response_names():
    text_only = ({"text": "Ik weet niet zeker of ik je goed begrijp."},)
    clarify = turn_events(TurnOutcome(text_only, ("utter_clarify",)))
    assert Event.of("wegwijzer_clarifying_questions", response="utter_clarify") in clarify
    unclear = turn_events(TurnOutcome(text_only, ("utter_unclear",)))
    assert Event.of("wegwijzer_clarifying_questions", response="utter_unclear") in unclear
    out = turn_events(TurnOutcome(text_only, ("utter_out_of_scope",)))
    assert names(out) == Counter({"wegwijzer_turns": 1, "wegwijzer_out_of_scope_answers": 1})
    assert names(turn_events(TurnOutcome(text_only, ("utter_greet",)))) == \
        Counter({"wegwijzer_turns": 1})


def test_a_fallback_answer_is_counted_with_its_signpost(signposter):
    events = turn_events(TurnOutcome((signpost(signposter, "parent"), {"text": "113 / 112"}),
                                     answered_by="fallback"))
    assert names(events)["wegwijzer_fallback_answers"] == 1
    assert names(events)["wegwijzer_signpost_replies"] == 1


def test_the_trainers_demo_counts_as_a_turn_and_nothing_more(signposter):
    events = turn_events(TurnOutcome((signpost(signposter, "crisis_suicide"),),
                                     ("utter_clarify",), new_conversation=True, demo=True))
    assert events == [Event.of("wegwijzer_turns")]


def test_the_text_of_a_message_is_never_read():
    message = {"text": "canary words", "custom": {"type": "answer", "question": "ask_pay"}}
    events = turn_events(TurnOutcome((message,)))
    assert events == [Event.of("wegwijzer_turns")]
    assert "canary" not in repr(events)
