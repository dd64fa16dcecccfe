"""What one turn did, as counts: read from the reply the person got, in one place.

The REST channel sees every reply, whichever path made it (the dialogue, or its own
fallback when the action server is down or slow), so it counts there and nowhere else.
A reply says what happened through its ``custom`` signpost payloads (situation, rule,
services, language) and through the names of the bot's fixed responses; that is all that
is read. The message text is never looked at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from bot.operations.metrics import CLARIFYING_RESPONSES, CRISIS_NUMBERS, OUT_OF_SCOPE_RESPONSE, Event


@dataclass(frozen=True)
class TurnOutcome:
    """One answered message: the reply's messages, the fixed responses it used, and how."""

    messages: tuple[Mapping[str, Any], ...]
    responses: tuple[str, ...] = ()
    answered_by: str = "dialogue"
    new_conversation: bool = False
    demo: bool = False  # the trainers' demo page: not reach, so only turns are counted


def turn_events(turn: TurnOutcome) -> list[Event]:
    """The counts of one turn (labels are checked when they are recorded)."""
    events = [Event.of("wegwijzer_turns")]
    if turn.demo:
        return events
    if turn.new_conversation:
        events.append(Event.of("wegwijzer_conversations_started"))
    if turn.answered_by == "fallback":
        events.append(Event.of("wegwijzer_fallback_answers"))
    for message in turn.messages:
        events += signpost_events(message.get("custom"))
    for response in turn.responses:
        if response in CLARIFYING_RESPONSES:
            events.append(Event.of("wegwijzer_clarifying_questions", response=response))
        elif response == OUT_OF_SCOPE_RESPONSE:
            events.append(Event.of("wegwijzer_out_of_scope_answers"))
    return events


def signpost_events(custom: Any) -> list[Event]:
    """The counts of one signpost payload: the reply, each service, a crisis number."""
    if not isinstance(custom, Mapping) or custom.get("type") != "signpost":
        return []
    labels = {key: str(custom.get(key)) for key in ("situation", "rule", "language")}
    events = [Event.of("wegwijzer_signpost_replies", **labels)]
    events += [Event.of("wegwijzer_signposts", service=str(service.get("id")), **labels)
               for service in _services(custom.get("services"))]
    number = CRISIS_NUMBERS.get(labels["situation"])
    if number:
        events.append(Event.of("wegwijzer_crisis_replies", number=number))
    return events


def _services(services: Any) -> Iterable[Mapping[str, Any]]:
    return [s for s in services if isinstance(s, Mapping)] if isinstance(services, list) else []
