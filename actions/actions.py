"""The one custom action: ask the rule engine (bot/) which services fit, and say so.

A thin adapter: it reads the turn from the tracker, lets ``bot.signpost`` decide and
sends the reply with the CONTRACT.md payload. The directory and rules load once, when the
action server starts, so a broken data file stops it at once with the file and line.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from addons import log_privacy
from bot.followups import FOLLOW_UP_INTENTS
from bot.signpost import Signposter, situation_for_turn

log_privacy.install()
SIGNPOSTER = Signposter.load()

# What to ask when a turn names no situation to signpost. After the 112 reply this asks what
# is going on: a person who was taken for being in danger, but is not, still finds their help.
FOLLOW_UPS = {
    "inform_age": "utter_ask_situation",
    "emergency": "utter_ask_situation_after_danger",
    "ask_what_now": "utter_ask_situation",
}


class ActionSignpost(Action):
    def name(self) -> Text:
        return "action_signpost"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        latest = tracker.latest_message or {}
        intent = (latest.get("intent") or {}).get("name")
        entities, metadata = latest.get("entities") or [], latest.get("metadata")
        if intent in FOLLOW_UP_INTENTS:
            answer = SIGNPOSTER.follow_up(intent, entities, tracker.slots, metadata)
            if answer:
                dispatcher.utter_message(text=answer["text"], json_message=answer["custom"])
                return []
        situation = situation_for_turn(intent, latest.get("intent_ranking") or [],
                                       tracker.get_slot("situation"))
        if situation is None:
            follow_up = FOLLOW_UPS.get(intent)
            if follow_up:
                dispatcher.utter_message(response=follow_up)
            return []
        message = SIGNPOSTER.answer(situation, entities, tracker.slots, metadata)
        dispatcher.utter_message(text=message["text"], json_message=message["custom"])
        return [SlotSet("situation", message["custom"]["situation"])]
