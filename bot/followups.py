"""Answers to the common questions after a signpost, chosen for the situation.

The texts live in ``data/followups.yml``. A question gets the answer written for the
conversation's situation (or for a parent), else the default one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.datafile import Node
from bot.paths import DATA
from bot.signposting import SITUATIONS
from bot.text import Text

FOLLOWUPS_PATH = DATA / "followups.yml"
# Questions answered with text from the file; "ask_what_now" repeats the signpost instead.
QUESTIONS = ("ask_pay", "ask_tell_parents", "ask_police_anonymous", "afraid_to_call",
             "ask_block", "ask_fault")
WHAT_NOW = "ask_what_now"
FOLLOW_UP_INTENTS = QUESTIONS + (WHAT_NOW,)


@dataclass(frozen=True)
class FollowUps:
    answers: dict[str, dict[str, Text]]

    def answer(self, question: str, situation: str | None, role: str | None,
               language: str) -> str:
        """The answer that fits best: for this situation, for a parent, or the default."""
        answers = self.answers[question]
        for key in (situation, "parent" if role == "parent" else None, "default"):
            if key and key in answers:
                return answers[key].get(language)
        raise KeyError(question)  # unreachable: load() requires a default


@lru_cache(maxsize=1)
def load_followups(path: str = str(FOLLOWUPS_PATH)) -> FollowUps:
    root = Node.root(path)
    root.check_keys(set(QUESTIONS))
    answers: dict[str, dict[str, Text]] = {}
    for question in QUESTIONS:
        node = root.child(question)
        node.check_keys({"default", *SITUATIONS})
        if not node.has("default"):
            raise node.error("default", "is required: the answer when no situation fits")
        answers[question] = {str(key): Text.read(node, key) for key in node.data}
    return FollowUps(answers)
