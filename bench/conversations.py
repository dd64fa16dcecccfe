"""Benchmark conversations: the trainers' demo scenarios, in both languages, 3 to 8 turns.

Each scenario's messages, opened with a greeting, followed by 0 to 5 of the questions people
ask about the bot itself, and closed with thanks, so the conversations look like real ones
from start to end and their lengths spread over 3 to 8 turns.
"""

from __future__ import annotations

from bot.directory import load_directory
from bot.signposting import load_rules
from bot.demo.scenarios import load_scenarios

OPENING = {"nl": "hoi", "en": "hi"}
QUESTIONS = {"nl": ["ben je een echt mens?", "bewaar je wat ik typ?", "kan ik anoniem blijven?",
                    "wat kun je allemaal?", "ik ben 16"],
             "en": ["are you a real person?", "do you save what i type?", "can i stay anonymous?",
                    "what can you do?", "i am 16"]}
CLOSING = {"nl": "dank je wel", "en": "thank you"}
MIN_TURNS, MAX_TURNS = 3, 8


def shape(language: str, messages: list[str], questions: int = 0) -> list[str]:
    """A greeting, the messages, `questions` questions about the bot, thanks; at most
    MAX_TURNS (the thanks is kept)."""
    turns = list(messages)
    if not turns or turns[0] != OPENING[language]:
        turns.insert(0, OPENING[language])
    turns += QUESTIONS[language][:questions]
    return turns[:MAX_TURNS - 1] + [CLOSING[language]]


def scenario_conversations() -> list[list[str]]:
    directory = load_directory()
    scenarios = load_scenarios(directory, load_rules(directory))
    return [shape(s.language, [step.say for step in s.steps], index % 6)
            for index, s in enumerate(scenarios)]
