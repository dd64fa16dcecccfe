"""The private tracker store: no text kept, idle conversations forgotten, bounded size."""

import asyncio

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.tracker_store import PrivateTrackerStore, label_or_none
from bot.paths import ROOT

CANARY = "canary-7f3a9 mijn naam is Sanne, 06-12345678"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def tracker(domain, sender="s1", text=CANARY, extra=()):
    entities = [{"entity": "topic", "value": "sextortion", "start": 0, "end": 5},
                {"entity": "age", "value": 15}, {"entity": "topic", "value": text}]
    events = [
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "young_person", "confidence": 0.9}, entities=entities,
                    parse_data={"text": text, "intent": {"name": "young_person"},
                                "entities": entities, "intent_ranking": []},
                    metadata={"language": "nl", "audience": "young", "note": text}),
        SlotSet("topics", ["sextortion"]),
        SlotSet("language", text),
        ActionExecuted("action_signpost"),
        BotUttered(f"echo {text}", {"custom": {"x": text}}),
        *extra,
    ]
    return DialogueStateTracker.from_events(sender, events, domain.slots)


def save(store, tracker):
    asyncio.run(store.save(tracker))


def test_no_text_is_stored(domain):
    store = PrivateTrackerStore(domain)
    save(store, tracker(domain))
    held = asyncio.run(store.stored_text())
    assert "young_person" in held  # what is held is readable, and it is labels only
    assert "canary-7f3a9" not in held and "Sanne" not in held and "06-12345678" not in held


def test_what_the_rules_need_is_kept(domain):
    store = PrivateTrackerStore(domain)
    save(store, tracker(domain))
    restored = asyncio.run(store.retrieve("s1"))
    assert restored.latest_message.intent["name"] == "young_person"
    assert restored.get_slot("topics") == ["sextortion"]
    assert restored.latest_message.text is None
    entities = restored.latest_message.entities
    assert {"entity": "topic", "value": "sextortion"} in entities
    assert {"entity": "age", "value": 15} in entities
    assert restored.latest_action_name == "action_signpost"


def test_idle_conversations_are_forgotten(domain):
    clock = Clock()
    store = PrivateTrackerStore(domain, idle_minutes=30, clock=clock)
    save(store, tracker(domain, "old"))
    clock.now += 20 * 60
    save(store, tracker(domain, "recent"))
    clock.now += 11 * 60  # "old" is idle for 31 minutes, "recent" for 11
    assert asyncio.run(store.retrieve("old")) is None
    assert asyncio.run(store.retrieve("recent")) is not None
    clock.now += 30 * 60
    assert asyncio.run(store.keys()) == []


def test_whether_a_conversation_is_known_now(domain):
    """The channel asks this to count a conversation as started; idle ones are gone."""
    clock = Clock()
    store = PrivateTrackerStore(domain, idle_minutes=30, clock=clock)
    assert asyncio.run(store.knows("s1")) is False
    save(store, tracker(domain))
    assert asyncio.run(store.knows("s1")) is True
    clock.now += 31 * 60
    assert asyncio.run(store.knows("s1")) is False


def test_a_restart_forgets_the_conversation(domain):
    store = PrivateTrackerStore(domain)
    save(store, tracker(domain))
    assert asyncio.run(store.retrieve("s1")) is not None
    save(store, tracker(domain, extra=[UserUttered(None, {"name": "delete_conversation"}),
                                       ActionExecuted("action_restart"), Restarted()]))
    assert asyncio.run(store.retrieve("s1")) is None


def test_explicit_delete(domain):
    store = PrivateTrackerStore(domain)
    save(store, tracker(domain))
    assert asyncio.run(store.delete("s1")) is True
    assert asyncio.run(store.delete("s1")) is False
    assert asyncio.run(store.stored_text()) == ""


def test_size_is_bounded_least_recently_used_first(domain):
    store = PrivateTrackerStore(domain, max_conversations=3)
    for sender in ("a", "b", "c"):
        save(store, tracker(domain, sender))
    save(store, tracker(domain, "a"))  # "a" used again
    save(store, tracker(domain, "d"))
    assert sorted(asyncio.run(store.keys())) == ["a", "c", "d"]


@pytest.mark.parametrize("value, kept", [
    ("nl", "nl"), ("parent", "parent"), (15, 15), (15.0, 15.0), (True, True), (None, None),
    ("Sanne", None), ("sanne", None), ("hello world", None), ("x" * 40, None),
    (["sextortion", "mijn naam"], ["sextortion"]), ({"a": 1}, None),
])
def test_only_labels_survive(value, kept):
    assert label_or_none(value) == kept
