"""Facets: the age, topics and role a message mentions, used to refine the signpost.

Topics and roles come from the phrase lists in ``data/facets.yml``; the age from a few
first-person patterns ("ik ben 15", "I'm 19", or a message that is only an age), so that
"mijn dochter van 14" is not taken as the writer's own age.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.phrases import PhraseMatcher, load_phrase_file, normalise

FACETS_PATH = Path(__file__).resolve().parent.parent / "data" / "facets.yml"
_AGE_WORDS = r"(?:jaar|jr|jaartjes|years?|yrs?|yo|y/o)"
_FIRST_PERSON_AGE = re.compile(
    r"\b(?:ik ben|ben|im|i am|iam|age|leeftijd)\s*(?:nu |pas |net |just |only )?(\d{1,2})\b"
    r"|^\s*(\d{1,2})\s*" + _AGE_WORDS + r"?\s*(?:oud|old)?\s*[.!]?\s*$"
    r"|^\s*(\d{1,2})\s*" + _AGE_WORDS + r"\b")


@dataclass(frozen=True)
class Facets:
    age: int | None
    topics: tuple[str, ...]
    role: str | None


@lru_cache(maxsize=1)
def facet_matcher(path: str = str(FACETS_PATH)) -> PhraseMatcher:
    return PhraseMatcher(load_phrase_file(path, groups=("topic", "role")), path)


def find_age(text: str) -> int | None:
    """The writer's own age, when they state it; ages outside 5-99 are ignored."""
    match = _FIRST_PERSON_AGE.search(normalise(text))
    if not match:
        return None
    age = int(next(group for group in match.groups() if group))
    return age if 5 <= age <= 99 else None


def find_facets(text: str) -> Facets:
    topics: list[str] = []
    roles: list[str] = []
    for hit in facet_matcher().hits(text):
        group, _, label = hit.label.partition(":")
        target = topics if group == "topic" else roles
        if label not in target:
            target.append(label)
    return Facets(find_age(text), tuple(topics), roles[0] if roles else None)
