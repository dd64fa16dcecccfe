"""The safety screen: curated phrases for suicidal thoughts and immediate danger.

It runs beside the statistical classifier so that crisis recall never depends on the model
alone (``bot.understanding`` combines the two). Each sentence is screened on its own, and a
crisis phrase inside an idiom or joke from the ``not_crisis`` list ("ik lach me dood") does
not count. When both crisis kinds match, danger right now (112) comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.datafile import Node
from bot.phrases import Hit, PhraseMatcher
from bot.sentences import split
from bot.text import LANGUAGES
from bot.vocabulary import EMERGENCY, SUICIDE

SAFETY_PATH = Path(__file__).resolve().parent.parent / "data" / "safety.yml"
# The order in which crisis replies come when a message matches both.
PRIORITY = (EMERGENCY, SUICIDE)  # danger now first
NOT_CRISIS = "not_crisis"


@dataclass(frozen=True)
class Screening:
    """What the screen found in one message: crisis phrases (most urgent first) and idioms."""

    hits: tuple[Hit, ...]
    idioms: tuple[Hit, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(hit.label for hit in self.hits))


@lru_cache(maxsize=1)
def safety_matcher(path: str = str(SAFETY_PATH)) -> PhraseMatcher:
    """The phrases of ``data/safety.yml``, labelled ``kind:language``.

    Suicide signals and idioms match on lemmas ("gespaard" is "sparen"); danger phrases only
    as written, because their tense says whether it is happening now.
    """
    root = Node.root(path)
    root.check_keys(set(PRIORITY) | {NOT_CRISIS})
    patterns: dict[str, list[str]] = {}
    languages: dict[str, str] = {}
    for kind in (*PRIORITY, NOT_CRISIS):
        node = root.child(kind)
        node.check_keys(set(LANGUAGES))
        for language in LANGUAGES:
            texts = node.str_list(language)
            if not texts:
                raise node.error(language, "needs at least one pattern")
            patterns[f"{kind}:{language}"] = texts
            languages[f"{kind}:{language}"] = language
    exact = frozenset(label for label in patterns if label.startswith("emergency:"))
    return PhraseMatcher(patterns, path, languages, exact)


def screening(text: str) -> Screening:
    """Screen every sentence of ``text``; idioms cancel the crisis phrases they cover."""
    hits: list[Hit] = []
    idioms: list[Hit] = []
    for sentence in split(text):
        found = [Hit(h.label.partition(":")[0], h.pattern, h.start, h.end)
                 for h in safety_matcher().hits(sentence)]
        covering = [h for h in found if h.label == NOT_CRISIS]
        idioms += covering
        hits += [h for h in found if h.label != NOT_CRISIS
                 and not any(_overlaps(h, idiom) for idiom in covering)]
    hits.sort(key=lambda hit: PRIORITY.index(hit.label))
    return Screening(tuple(hits), tuple(idioms))


def screen(text: str) -> list[Hit]:
    """The crisis phrases in ``text``, most urgent kind first (empty when none)."""
    return list(screening(text).hits)


def _overlaps(hit: Hit, idiom: Hit) -> bool:
    return hit.start < idiom.end and idiom.start < hit.end
