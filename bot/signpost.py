"""From one conversation turn to a signpost: the circumstances, the decision, the reply.

Used by the rasa-sdk action, by the REST channel's fallback when the action server is
unreachable, and by ``python -m bot ask``, so all three decide in exactly the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Iterable, Mapping

from bot import hours, language
from bot.directory import Directory, load_directory
from bot.followups import FOLLOW_UP_INTENTS, WHAT_NOW, FollowUps, load_followups
from bot.reply import fallback_text, signpost_message
from bot.signposting import CRISIS_SITUATIONS, ROLES, SITUATIONS, TOPICS, Circumstances, Decision, \
    RuleTable, decide, load_rules, settle
from bot.say import Sayings, load_sayings

# Below this confidence a second-best situation is not worth mentioning after a crisis reply.
SECOND_SITUATION_THRESHOLD = 0.3


@dataclass(frozen=True)
class Signposter:
    """The loaded directory, rule table, follow-ups and opening lines; load once per process."""

    directory: Directory
    table: RuleTable
    followups: FollowUps
    sayings: Sayings

    @classmethod
    def load(cls) -> "Signposter":
        directory = load_directory()
        return cls(directory, load_rules(directory), load_followups(), load_sayings())

    def decide(self, circumstances: Circumstances, moment: datetime | None = None) -> Decision:
        return decide(circumstances, self.table, self.directory, moment or hours.now())

    def answer(self, situation: str, entities: Iterable[Mapping[str, Any]],
               slots: Mapping[str, Any], metadata: Mapping[str, Any] | None) -> dict[str, Any]:
        """The signpost message for this turn (the one path shared by action and fallback)."""
        circumstances = settle(circumstances_for_turn(situation, entities, slots))
        return self.message(self.decide(circumstances, hours.moment_for(dict(metadata or {}))))

    def follow_up(self, question: str, entities: Iterable[Mapping[str, Any]],
                  slots: Mapping[str, Any], metadata: Mapping[str, Any] | None
                  ) -> dict[str, Any] | None:
        """The answer to a question after a signpost; "what now" repeats the signpost.

        None when "what now" comes before any situation is known (ask for it instead).
        """
        situation = slots.get("situation")
        if question == WHAT_NOW:
            return self.answer(situation, entities, slots, metadata) if situation else None
        known = circumstances_for_turn(situation or "young_person", entities, slots)
        text = self.followups.answer(question, situation, known.role, known.language)
        return {"text": text, "custom": {"type": "answer", "question": question,
                                         "situation": situation, "language": known.language}}

    def fallback(self, parse: Mapping[str, Any] | None, slots: Mapping[str, Any],
                 metadata: Mapping[str, Any] | None) -> list[dict[str, Any]]:
        """The reply when the dialogue gave none (the action server is down or slow): the
        signpost for the turn, then the crisis numbers.

        ``parse`` is the turn's one parse (Rasa's parse data); None when reading the message
        failed, and then the crisis numbers alone.
        """
        entities = (parse or {}).get("entities") or []
        crisis_line = {"text": fallback_text(self.table, turn_language(entities, slots))}
        if parse is None:
            return [crisis_line]
        situation = situation_for_turn((parse.get("intent") or {}).get("name"),
                                       parse.get("intent_ranking") or [],
                                       slots.get("situation"), crisis_replied=False)
        if situation is None:
            return [crisis_line]
        return [self.answer(situation, entities, slots, metadata), crisis_line]

    def message(self, decision: Decision) -> dict[str, Any]:
        return signpost_message(decision, self.table, self.sayings.card(decision))


def situation_for_turn(intent: str | None, ranking: Iterable[Mapping[str, Any]],
                       previous: str | None, *, crisis_replied: bool = True) -> str | None:
    """Which situation to signpost for this turn, or None for nothing.

    A situation intent is used as it is. After a crisis whose fixed reply (113/112) was sent
    by the dialogue, the best other situation is added when the classifier is fairly sure
    of it; when that reply was not sent (``crisis_replied`` False: the channel's fallback),
    the crisis itself is the situation. Anything else, such as a message with only an age,
    refines the situation the conversation had.
    """
    if intent in CRISIS_SITUATIONS and not crisis_replied:
        return intent
    if intent in CRISIS_SITUATIONS:
        for entry in ranking:
            name, confidence = entry.get("name"), entry.get("confidence") or 0.0
            if name in SITUATIONS and name not in CRISIS_SITUATIONS:
                return name if confidence >= SECOND_SITUATION_THRESHOLD else None
        return None
    if intent in SITUATIONS:
        return intent
    if intent in FOLLOW_UP_INTENTS:
        return None
    return previous


def circumstances_for_turn(situation: str, entities: Iterable[Mapping[str, Any]],
                           slots: Mapping[str, Any]) -> Circumstances:
    """Combine this turn's entities with what the conversation already knew."""
    entities = list(entities)
    found = {e.get("entity"): e.get("value") for e in entities}
    age = _as_age(found.get("age", slots.get("age")))
    topics = {e.get("value") for e in entities if e.get("entity") == "topic"}
    if not topics and slots.get("situation") == situation:
        topics = set(slots.get("topics") or ())
    role = found.get("role") or slots.get("role")
    recent = found.get("time", slots.get("time")) == "recent"
    return Circumstances(
        situation=situation,
        language=turn_language(entities, slots),
        age=age,
        topics=frozenset(t for t in topics if t in TOPICS),
        role=role if role in ROLES else None,
        child_age=_as_age(found.get("child_age", slots.get("child_age"))),
        recent=recent,
    )


def turn_language(entities: Iterable[Mapping[str, Any]], slots: Mapping[str, Any]) -> str:
    """The language of this turn (``bot.language.of_turn``): its ``language`` entity, else
    the conversation's."""
    found = {e.get("entity"): e.get("value") for e in entities}
    return language.of_turn(found.get("language"), slots.get("language"))


def _as_age(value: Any) -> int | None:
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        return None
    return age if 0 < age < 120 else None
