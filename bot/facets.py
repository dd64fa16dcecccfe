"""Facets: the age, topics, role and time a message mentions, used to refine the signpost.

Topics, roles and times come from the phrase lists in ``data/facets.yml``; the age from a
few first-person patterns ("ik ben 15", "I'm 19", or a message that is only an age), so that
"mijn dochter van 14" is not taken as the writer's own age; that is the child's age. Every
sentence is read on its own, so one phrase cannot stretch across two sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafile import DataError
from bot.paths import DATA
from bot.phrases import PhraseMatcher, load_phrase_file, normalise
from bot.sentences import split
from bot.signposting import ROLES, TIMES, TOPICS

FACETS_PATH = DATA / "facets.yml"
GROUPS = ("topic", "role", "time")
_AGE_WORDS = r"(?:jaar|jr|jaartjes|years?|yrs?|yo|y/o)"
_FIRST_PERSON_AGE = re.compile(
    r"\b(?:ik ben|ben|im|i am|iam|age|leeftijd)\s*(?:nu |pas |net |just |only )?(\d{1,2})\b"
    r"|^\s*(\d{1,2})\s*" + _AGE_WORDS + r"?\s*(?:oud|old)?\s*[.!]?\s*$"
    r"|^\s*(\d{1,2})\s*" + _AGE_WORDS + r"\b")
# The age of someone else: "hij is 19", "he's 19", "mijn zoon van 14", "my daughter (13)".
_OTHER_AGE = re.compile(
    r"\b(?:hij|zij|ze|die|he|she|hes|shes|they|theyre)\s+(?:is|zijn|are)?\s*"
    r"(?:nu |now |al |already |pas |just |only )?(\d{1,2})\b(?!\s*(?:euro|min|uur|keer))"
    r"|\b(?:zoon|dochter|kind|kindje|stiefzoon|stiefdochter|pleegkind|son|daughter|kid|child|"
    r"stepson|stepdaughter)\s*(?:van|of|aged|is|,)?\s*\(?(\d{1,2})\b(?!\s*(?:euro|min|uur|keer))")


@dataclass(frozen=True)
class Facets:
    age: int | None
    topics: tuple[str, ...]
    role: str | None
    other_age: int | None = None
    recent: bool = False


# The labels each group may use: the ones the rules, the slots and the store know.
_LABELS = {"topic": TOPICS, "role": ROLES, "time": TIMES}


@lru_cache(maxsize=1)
def facet_matcher(path: str = str(FACETS_PATH)) -> PhraseMatcher:
    patterns = load_phrase_file(path, groups=GROUPS)
    for key in patterns:
        group, _, label = key.partition(":")
        if label not in _LABELS[group]:
            raise DataError(path, None, key.replace(":", "."),
                            f"unknown {group}; use one of {', '.join(_LABELS[group])}, or add "
                            "it to bot/signposting.py first so rules and the store know it")
    return PhraseMatcher(patterns, path)


def find_age(text: str) -> int | None:
    """The writer's own age, when they state it; ages outside 5-99 are ignored."""
    return _age(_FIRST_PERSON_AGE, text)


def find_other_age(text: str) -> int | None:
    """The age of the person the message is about ("hij is 19", "my son (14)")."""
    return _age(_OTHER_AGE, text)


def _age(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(normalise(text))
    if not match:
        return None
    age = int(next(group for group in match.groups() if group))
    return age if 5 <= age <= 99 else None


def find_facets(text: str) -> Facets:
    """The facets of every sentence, combined: all topics, the first age and role found."""
    topics: list[str] = []
    roles: list[str] = []
    recent = False
    age = other_age = None
    for sentence in split(text):
        for hit in facet_matcher().hits(sentence):
            group, _, label = hit.label.partition(":")
            if group == "time":
                recent = recent or label == "recent"
                continue
            target = topics if group == "topic" else roles
            if label not in target:
                target.append(label)
        age = find_age(sentence) if age is None else age
        other_age = find_other_age(sentence) if other_age is None else other_age
    return Facets(age, tuple(topics), roles[0] if roles else None, other_age, recent)
