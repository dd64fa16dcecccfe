"""A tracker store that keeps conversations in memory only, without what people typed.

Rasa's policies need the intents, slots and actions of a conversation, not its words. So
before a conversation is stored:
- the text of every user message is removed, and so is the text the bot sent;
- entity values, slot values and metadata are kept only when they are the bot's own
  labels ("nl", "sextortion", 15), never free text (a hand-typed ``/intent{"x": "..."}``
  could otherwise smuggle words in);
and a conversation is forgotten
- after ``idle_minutes`` without a message (default 30),
- when it is restarted ("stop", "/restart", the widget's quick exit),
- when the store is full: the least recently used conversation goes first.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any, Callable, Dict, Iterable, Optional, Text

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.input_guard import AUDIENCES
from bot.rules import ROLES, SITUATIONS, TIMES, TOPICS
from bot.text import LANGUAGES

_KEPT_METADATA = {"language", "audience"}
_KEPT_PARSE_KEYS = {"intent", "intent_ranking", "entities", "message_id"}
# The only words a stored value may be: the bot's own labels, never something typed.
LABELS = frozenset(LANGUAGES + AUDIENCES + ROLES + SITUATIONS + TOPICS + TIMES)
_ENTITY_NAMES = frozenset({"language", "age", "topic", "role", "safety", "child_age", "time"})


def label_or_none(value: Any) -> Any:
    """Keep a value only when it cannot be free text: numbers, booleans, known labels."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if value in LABELS else None
    if isinstance(value, list):
        return [v for v in (label_or_none(item) for item in value) if v is not None]
    return None


def strip_event(event: Dict[Text, Any]) -> Dict[Text, Any]:
    """A copy of a serialised event with everything a person could have typed removed."""
    kind = event.get("event")
    event = dict(event)
    if kind == "user":
        event["text"] = None
        parse = event.get("parse_data") or {}
        parse = {k: v for k, v in parse.items() if k in _KEPT_PARSE_KEYS}
        parse["entities"] = _strip_entities(parse.get("entities") or [])
        event["parse_data"] = parse
        event["metadata"] = _strip_metadata(event.get("metadata"))
    elif kind == "bot":
        event["text"] = None
        event["data"] = {}
        event["metadata"] = {}
    elif kind == "slot":
        event["value"] = label_or_none(event.get("value"))
    if kind != "user" and "metadata" in event:
        event["metadata"] = _strip_metadata(event.get("metadata"))
    return event


def _strip_entities(entities: Iterable[Dict[Text, Any]]) -> list:
    kept = []
    for entity in entities:
        value = label_or_none(entity.get("value"))
        if value is not None and entity.get("entity") in _ENTITY_NAMES:
            kept.append({"entity": entity["entity"], "value": value})
    return kept


def _strip_metadata(metadata: Any) -> Dict[Text, Any]:
    if not isinstance(metadata, dict):
        return {}
    return {k: label_or_none(v) for k, v in metadata.items() if k in _KEPT_METADATA}


class PrivateTrackerStore(TrackerStore, SerializedTrackerAsText):
    """In-memory, text-free, forgetful and bounded (see the module docstring)."""

    def __init__(self, domain: Domain, event_broker: Optional[EventBroker] = None,
                 idle_minutes: float = 30, max_conversations: int = 10_000,
                 clock: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        self.idle_seconds = float(idle_minutes) * 60
        self.max_conversations = int(max_conversations)
        self.clock = clock
        self.store: "OrderedDict[Text, tuple[float, Text]]" = OrderedDict()
        super().__init__(domain, None, **kwargs)  # no event broker, ever

    async def save(self, tracker: DialogueStateTracker) -> None:
        self.forget_idle()
        if any(event.get("event") == "restart" for event in _events_of_last_turn(tracker)):
            self.store.pop(tracker.sender_id, None)
            return
        dialogue = json.loads(self.serialise_tracker(tracker))
        dialogue["events"] = [strip_event(e) for e in dialogue.get("events") or []]
        self.store[tracker.sender_id] = (self.clock(), json.dumps(dialogue))
        self.store.move_to_end(tracker.sender_id)
        while len(self.store) > self.max_conversations:
            self.store.popitem(last=False)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        self.forget_idle()
        entry = self.store.get(sender_id)
        if entry is None:
            return None
        return self.deserialise_tracker(sender_id, entry[1])

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self.retrieve(sender_id)

    async def keys(self) -> Iterable[Text]:
        self.forget_idle()
        return list(self.store.keys())

    async def knows(self, sender_id: Text) -> bool:
        """Is there a conversation with this id now? (A first message starts one.)"""
        self.forget_idle()
        return sender_id in self.store

    async def delete(self, sender_id: Text) -> bool:
        """Forget one conversation now; True when there was one."""
        return self.store.pop(sender_id, None) is not None

    def forget_idle(self) -> None:
        """Drop every conversation without a message for ``idle_seconds``."""
        cutoff = self.clock() - self.idle_seconds
        while self.store:
            sender_id, (last_seen, _) = next(iter(self.store.items()))
            if last_seen > cutoff:
                break
            del self.store[sender_id]

    def stored_text(self) -> str:
        """Everything this store holds, as text (for tests that look for leaks)."""
        return "\n".join(f"{sender}\t{data}" for sender, (_, data) in self.store.items())


def _events_of_last_turn(tracker: DialogueStateTracker) -> list:
    """The serialised events since the latest user message."""
    events = []
    for event in reversed(tracker.events):
        data = event.as_dict()
        events.append(data)
        if data.get("event") == "user":
            break
    return events
