"""The safety screen: curated phrases for suicidal thoughts and immediate danger.

It runs beside the statistical classifier so that crisis recall never depends on the model
alone. When both crisis kinds match, danger right now (112) comes first.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.phrases import Hit, PhraseMatcher, load_phrase_file

SAFETY_PATH = Path(__file__).resolve().parent.parent / "data" / "safety.yml"
# The order in which crisis replies come when a message matches both.
PRIORITY = ("emergency", "crisis_suicide")


@lru_cache(maxsize=1)
def safety_matcher(path: str = str(SAFETY_PATH)) -> PhraseMatcher:
    patterns = load_phrase_file(path)
    unknown = set(patterns) - set(PRIORITY)
    if unknown:
        raise ValueError(f"{path}: unknown crisis kinds {sorted(unknown)}; use {PRIORITY}")
    return PhraseMatcher(patterns, path)


def screen(text: str) -> list[Hit]:
    """The crisis phrases in ``text``, most urgent kind first (empty when none)."""
    hits = safety_matcher().hits(text)
    return sorted(hits, key=lambda hit: PRIORITY.index(hit.label))
