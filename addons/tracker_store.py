"""A tracker store that keeps conversations without what people typed, and forgets them.

Rasa's policies need the intents, slots and actions of a conversation, not its words. So
before a conversation is stored:
- the text of every user message is removed, and so is the text the bot sent;
- entity values, slot values and metadata are kept only when they are the bot's own
  labels ("nl", "sextortion", 15), never free text (a hand-typed ``/intent{"x": "..."}``
  could otherwise smuggle words in);
- what the dialogue does not read again is left out (all but the top 3 intents, message
  ids), and the rest is compressed: a stored conversation is about 1 KB;
and a conversation is forgotten
- after ``idle_minutes`` without a message (default 30),
- when it is restarted ("stop", "/restart", the widget's quick exit),
- when the store is full: the least recently used conversation goes first.

Where: in this process's memory (``make run``), or in Redis when ``redis_url`` is set
(``make run-scaled``: several Rasa processes share the conversations). In Redis every key
expires after ``idle_minutes``, and Redis itself bounds the memory (see
bot/running/scaled.py).
"""

from __future__ import annotations

import json
import time
import zlib
from collections import OrderedDict
from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable, Dict, Iterable, List, Optional, Text, Union

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SerializedTrackerAsText, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.vocabulary import LANGUAGES, PAGE_AUDIENCES, ROLES, SITUATIONS, TIMES, TOPICS

_KEPT_METADATA = {"language", "audience"}
_KEPT_PARSE_KEYS = {"intent", "intent_ranking", "entities"}
_KEPT_RANKING = 3  # the demo explains the top 3
# The only words a stored value may be: the bot's own labels, never something typed.
LABELS = frozenset(LANGUAGES + PAGE_AUDIENCES + ROLES + SITUATIONS + TOPICS + TIMES)
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
        parse["intent_ranking"] = [_rounded(item) for item in
                                   (parse.get("intent_ranking") or [])[:_KEPT_RANKING]]
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


def _rounded(intent: Dict[Text, Any]) -> Dict[Text, Any]:
    confidence = intent.get("confidence")
    return {"name": intent.get("name"),
            "confidence": round(confidence, 3) if isinstance(confidence, float) else None}


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


class MemoryConversations:
    """Conversations in this process: least recently used first out, idle ones forgotten."""

    def __init__(self, idle_seconds: float, max_conversations: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self.max_conversations = max_conversations
        self.clock = clock
        self.held: "OrderedDict[Text, tuple[float, bytes]]" = OrderedDict()

    async def put(self, sender_id: Text, data: bytes) -> None:
        self.forget_idle()
        self.held[sender_id] = (self.clock(), data)
        self.held.move_to_end(sender_id)
        while len(self.held) > self.max_conversations:
            self.held.popitem(last=False)

    async def get(self, sender_id: Text) -> Optional[bytes]:
        self.forget_idle()
        entry = self.held.get(sender_id)
        return entry[1] if entry else None

    async def has(self, sender_id: Text) -> bool:
        self.forget_idle()
        return sender_id in self.held

    async def delete(self, sender_id: Text) -> bool:
        return self.held.pop(sender_id, None) is not None

    async def senders(self) -> List[Text]:
        self.forget_idle()
        return list(self.held)

    async def everything(self) -> Dict[Text, bytes]:
        return {sender: data for sender, (_, data) in self.held.items()}

    def forget_idle(self) -> None:
        """Drop every conversation without a message for ``idle_seconds``."""
        cutoff = self.clock() - self.idle_seconds
        while self.held:
            sender_id, (last_seen, _) = next(iter(self.held.items()))
            if last_seen > cutoff:
                break
            del self.held[sender_id]


class StoreUnavailable(ConnectionError):
    """The shared store (Redis) does not answer; the channel answers from its fallback."""


@asynccontextmanager
async def _redis_errors() -> AsyncIterator[None]:
    from redis.exceptions import RedisError

    try:
        yield
    except RedisError as error:
        raise StoreUnavailable(type(error).__name__) from None


class RedisConversations:
    """Conversations in Redis, shared by every Rasa process; each key expires when idle.

    The connection is made at the first use, so the bot starts (and answers from its
    fallback) while Redis is down; the short timeouts keep a hanging Redis from holding
    a reply back.
    """

    PREFIX = "wegwijzer:conversation:"

    def __init__(self, url: Text, idle_seconds: float) -> None:
        import redis.asyncio

        self.idle_seconds = max(1, int(idle_seconds))
        self.redis = redis.asyncio.Redis.from_url(url, socket_timeout=1,
                                                  socket_connect_timeout=1)

    async def put(self, sender_id: Text, data: bytes) -> None:
        async with _redis_errors():
            await self.redis.set(self.PREFIX + sender_id, data, ex=self.idle_seconds)

    async def get(self, sender_id: Text) -> Optional[bytes]:
        async with _redis_errors():
            return await self.redis.get(self.PREFIX + sender_id)

    async def has(self, sender_id: Text) -> bool:
        async with _redis_errors():
            return bool(await self.redis.exists(self.PREFIX + sender_id))

    async def delete(self, sender_id: Text) -> bool:
        async with _redis_errors():
            return bool(await self.redis.delete(self.PREFIX + sender_id))

    async def senders(self) -> List[Text]:
        async with _redis_errors():
            keys = [key async for key in self.redis.scan_iter(match=self.PREFIX + "*")]
        return [key.decode()[len(self.PREFIX):] for key in keys]

    async def everything(self) -> Dict[Text, bytes]:
        found = {}
        for sender_id in await self.senders():
            data = await self.get(sender_id)
            if data is not None:
                found[sender_id] = data
        return found


def pack(dialogue: Dict[Text, Any]) -> bytes:
    """A stripped dialogue as compact, compressed JSON."""
    return zlib.compress(json.dumps(dialogue, separators=(",", ":")).encode())


def unpack(data: bytes) -> Text:
    return zlib.decompress(data).decode()


class PrivateTrackerStore(TrackerStore, SerializedTrackerAsText):
    """Text-free, forgetful and bounded, in memory or in Redis (see the module docstring)."""

    def __init__(self, domain: Domain, event_broker: Optional[EventBroker] = None,
                 idle_minutes: float = 30, max_conversations: int = 10_000,
                 redis_url: Optional[Text] = None,
                 clock: Callable[[], float] = time.monotonic, **kwargs: Any) -> None:
        idle_seconds = float(idle_minutes) * 60
        self.conversations: Union[MemoryConversations, RedisConversations] = (
            RedisConversations(redis_url, idle_seconds) if redis_url
            else MemoryConversations(idle_seconds, int(max_conversations), clock))
        super().__init__(domain, None, **kwargs)  # no event broker, ever

    async def save(self, tracker: DialogueStateTracker) -> None:
        if any(event.get("event") == "restart" for event in _events_of_last_turn(tracker)):
            await self.conversations.delete(tracker.sender_id)
            return
        dialogue = json.loads(self.serialise_tracker(tracker))
        dialogue["events"] = [strip_event(e) for e in dialogue.get("events") or []]
        await self.conversations.put(tracker.sender_id, pack(dialogue))

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        data = await self.conversations.get(sender_id)
        if data is None:
            return None
        return self.deserialise_tracker(sender_id, unpack(data))

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self.retrieve(sender_id)

    async def keys(self) -> Iterable[Text]:
        return await self.conversations.senders()

    async def knows(self, sender_id: Text) -> bool:
        """Is there a conversation with this id now? (A first message starts one.) Asked on
        every turn, so it does not fetch the conversation itself."""
        return await self.conversations.has(sender_id)

    async def delete(self, sender_id: Text) -> bool:
        """Forget one conversation now; True when there was one."""
        return await self.conversations.delete(sender_id)

    async def stored_text(self) -> str:
        """Everything this store holds, as text (for tests that look for leaks)."""
        held = await self.conversations.everything()
        return "\n".join(f"{sender}\t{unpack(data)}" for sender, data in held.items())


def _events_of_last_turn(tracker: DialogueStateTracker) -> list:
    """The serialised events since the latest user message."""
    events = []
    for event in reversed(tracker.events):
        data = event.as_dict()
        events.append(data)
        if data.get("event") == "user":
            break
    return events
