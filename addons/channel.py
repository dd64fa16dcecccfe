"""Wegwijzer's REST channel: Rasa's ``rest`` contract, made private and never silent.

Same URL (``/webhooks/rest/webhook``) and JSON as Rasa's RestInput, with these changes:
- a message's text, buttons and ``custom`` payload stay together in one message, as
  CONTRACT.md describes (Rasa's collector splits them);
- bad input (malformed JSON, no sender, no or huge message) gets a 4xx with a short JSON
  error and is never processed;
- nothing the person typed is logged, also not when handling fails (Rasa's RestInput logs
  the text then);
- each message is parsed once, here, and Rasa's dialogue gets that parse
  (``UserMessage.parse_data``);
- when the reply is empty or late (the action server is down or slow), the channel
  answers itself from the same parse and the same rule engine, in-process, with the crisis
  numbers (``Signposter.fallback`` decides);
- every turn is counted here, and only here, from the reply it got
  (``bot/operations/outcome.py``): labels from the bot's own vocabulary, never text or ids
  (``bot/operations/metrics.py``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from addons import action_response, log_privacy
from addons.tracker_store import PrivateTrackerStore, StoreUnavailable
from bot import settings
from bot.input_guard import InputError, check_forget_request, check_request
from bot.operations import metrics
from bot.operations.metrics import Event, UnknownLabel
from bot.operations.outcome import TurnOutcome, turn_events
from bot.payloads import with_page_facts
from bot.privacy import REMINDER, personal_details
from bot.signpost import Signposter, turn_language
from bot.signposting import CRISIS_SITUATIONS

logger = logging.getLogger(__name__)
# Seconds to wait for the full reply before answering from the in-process fallback.
REPLY_TIMEOUT = settings.from_environment().reply_timeout


class MessageCollector(CollectingOutputChannel):
    """Collects bot messages, keeping text, buttons and custom payload in one message, and
    the names of the bot's fixed responses among them (for counting, never sent)."""

    def __init__(self) -> None:
        super().__init__()
        self.responses: List[Text] = []

    @classmethod
    def name(cls) -> Text:
        return "collector"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        if isinstance(message.get("utter_action"), str):
            self.responses.append(message["utter_action"])
        out: Dict[Text, Any] = {"recipient_id": recipient_id}
        for key in ("text", "buttons", "custom", "image", "attachment"):
            if message.get(key):
                out[key] = message[key]
        if message.get("quick_replies") and "buttons" not in out:
            out["buttons"] = message["quick_replies"]
        if len(out) > 1:
            self.messages.append(out)


class PrivateRestInput(RestInput):
    """The REST channel with the contract of CONTRACT.md (see the module docstring)."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def __init__(self) -> None:
        # Rasa makes the channel once, at start-up, before the first message: from here on
        # no log line carries text, and action responses are checked the fast way.
        log_privacy.install()
        action_response.install()
        self.signposter = Signposter.load()
        self.metrics = metrics.for_this_process()

    def count(self, events: List[Event]) -> None:
        """Count, or say (without any value) that a label was not the bot's own."""
        try:
            self.metrics.record(events)
        except UnknownLabel as error:
            logger.error("A turn was not counted: %s.", error)
            self.metrics.record([Event.of("wegwijzer_errors", reason="unknown_label")])

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("wegwijzer_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            """Forget a conversation now (the widget's quick exit, a "delete" button)."""
            try:
                forget = check_forget_request(request.body)
            except InputError as error:
                self.count([Event.of("wegwijzer_errors", reason="bad_request")])
                return response.json(error.as_json(), status=error.status)
            try:
                deleted = await private_store(request).delete(forget.sender)
            except StoreUnavailable:  # Redis is away; the conversation expires there anyway
                return response.json({"error": "store_unavailable",
                                      "message": "Try again in a moment."}, status=503)
            if forget.quick_exit:
                self.count([Event.of("wegwijzer_quick_exits")])
            return response.json({"forgotten": deleted})

        @webhook.route("/webhook", methods=["GET", "PUT", "PATCH", "DELETE"])
        @webhook.route("/forget", methods=["GET", "PUT", "PATCH", "DELETE"])
        async def wrong_method(_: Request) -> HTTPResponse:
            """A short JSON error, as for all bad input, instead of Sanic's HTML page."""
            return response.json({"error": "method_not_allowed",
                                  "message": "Send the message with POST and a JSON body."},
                                 status=405, headers={"Allow": "POST"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            started = time.perf_counter()
            try:
                turn = check_request(request.body, request.app.ctx.agent.domain.intents)
            except InputError as error:
                self.count([Event.of("wegwijzer_errors", reason="bad_request")])
                return response.json(error.as_json(), status=error.status)
            # refuse to work with a store that keeps text; and is this a new conversation?
            try:
                known = await private_store(request).knows(turn.sender)
            except StoreUnavailable:  # Redis is away: answer anyway, from the fallback
                known = True
            failures: List[Event] = []
            collector = MessageCollector()
            message = UserMessage(with_page_facts(turn.message, turn.metadata), collector,
                                  turn.sender,
                                  input_channel=self.name(), metadata=turn.metadata)
            # The turn's one parse, for the dialogue and, if need be, the fallback.
            parse: Optional[Dict[Text, Any]] = None
            try:
                parse = await request.app.ctx.agent.processor.parse_message(message)
                message.parse_data = parse  # Rasa's dialogue uses it instead of parsing again
                await asyncio.wait_for(on_new_message(message), timeout=REPLY_TIMEOUT)
            except asyncio.TimeoutError:
                logger.warning("The reply took longer than %ss; answering from the fallback.",
                               REPLY_TIMEOUT)
                failures.append(Event.of("wegwijzer_errors", reason="reply_timeout"))
            except Exception as error:  # never let a failure leave the person with nothing
                logger.error("Handling a message failed (%s); answering from the fallback.",
                             type(error).__name__)
                failures.append(Event.of("wegwijzer_errors", reason="dialogue_failed"))
            messages = collector.messages
            from_fallback = not messages
            if from_fallback:
                messages = await self._fallback(request, turn.sender, parse, turn.metadata,
                                                failures)
            answered_by = "fallback" if from_fallback else "dialogue"
            self.count(failures + turn_events(TurnOutcome(
                tuple(messages), tuple(collector.responses), answered_by,
                new_conversation=not known, demo=turn.metadata.get("audience") == "demo")))
            if personal_details(turn.message):
                add_after_crisis(messages, {"recipient_id": turn.sender,
                                            "text": REMINDER.get(reply_language(parse, messages))})
            if turn.metadata.get("audience") == "demo":
                messages.append(await understanding(request, turn.sender, from_fallback))
            self.metrics.observe(time.perf_counter() - started, answered_by)
            return response.json(messages, dumps=_dumps)

        return webhook

    async def _fallback(self, request: Request, sender: str,
                        parse: Optional[Dict[Text, Any]], metadata: Dict[Text, Any],
                        failures: List[Event]) -> List[Dict[Text, Any]]:
        """The reply when the normal path gave nothing, from the turn's parse (None when
        reading the message failed) and the conversation so far: the signpost plus the
        crisis numbers."""
        read = parse is not None
        slots: Dict[Text, Any] = {}
        try:
            tracker = await request.app.ctx.agent.tracker_store.retrieve(sender)
            slots = tracker.current_slot_values() if tracker else {}
        except Exception as error:
            logger.error("The fallback could not read the conversation (%s).",
                         type(error).__name__)
            read = False
        if not read:
            failures.append(Event.of("wegwijzer_errors", reason="fallback_failed"))
        return [{"recipient_id": sender, **reply}
                for reply in self.signposter.fallback(parse, slots, metadata)]


async def understanding(request: Request, sender: str, from_fallback: bool) -> Dict[Text, Any]:
    """For the trainers' demo: what the bot understood of this turn, as it stored it.

    Read back from the conversation store, so it is exactly what the dialogue used (and
    holds only labels, no text).
    """
    try:
        tracker = await private_store(request).retrieve(sender)
    except StoreUnavailable:  # Redis is away: nothing to explain from
        tracker = None
    latest = tracker.latest_message if tracker else None
    entities = latest.entities if latest else []
    found: Dict[Text, Any] = {}
    for entity in entities:
        if entity.get("entity") == "topic":
            found.setdefault("topics", []).append(entity.get("value"))
        else:
            found[entity.get("entity")] = entity.get("value")
    ranking = (latest.parse_data.get("intent_ranking") or [])[:3] if latest else []
    return {"recipient_id": sender, "custom": {
        "type": "explanation",
        "intents": [{"name": r.get("name"), "confidence": round(r.get("confidence") or 0, 3)}
                    for r in ranking],
        "language": found.get("language") or (tracker.get_slot("language") if tracker else None),
        "safety": found.get("safety"),
        "facets": {key: found.get(key) for key in ("age", "topics", "role")},
        "answered_by": "fallback" if from_fallback else "dialogue",
        "forgotten": tracker is None,
    }}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def add_after_crisis(messages: List[Dict[Text, Any]], message: Dict[Text, Any]) -> None:
    """Insert ``message`` first, but never before a crisis reply (113/112 stay first)."""
    position = 0
    while position < len(messages) and _is_crisis(messages[position]):
        position += 1
    messages.insert(position, message)


def _is_crisis(message: Dict[Text, Any]) -> bool:
    return (message.get("custom") or {}).get("situation") in CRISIS_SITUATIONS


def reply_language(parse: Optional[Dict[Text, Any]], messages: List[Dict[Text, Any]]) -> str:
    """The language the bot answered in (the signpost says), else the turn's."""
    for message in messages:
        chosen = (message.get("custom") or {}).get("language")
        if chosen:
            return chosen
    return turn_language((parse or {}).get("entities") or [], {})


def private_store(request: Request) -> PrivateTrackerStore:
    """The agent's tracker store, which must be ours: Rasa silently falls back to a store
    that keeps every message when the configured one cannot be loaded."""
    store = request.app.ctx.agent.tracker_store
    store = getattr(store, "_tracker_store", store)
    if not isinstance(store, PrivateTrackerStore):
        raise RuntimeError("the tracker store is not PrivateTrackerStore; see endpoints.yml")
    return store

