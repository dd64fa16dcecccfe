"""The safety screen: curated phrases for suicidal thoughts and immediate danger.

It runs beside the statistical classifier so that crisis recall never depends on the model
alone (``bot.understanding`` combines the two). Each sentence is screened on its own, and a
crisis phrase inside an idiom or joke from the ``not_crisis`` list ("ik lach me dood") does
not count; a message that says the danger is over ("ik ben nu veilig") gets no 112 from the
classifiers alone. When both crisis kinds match, danger right now (112) comes first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.datafile import Node
from bot.paths import DATA
from bot.phrases import Hit, PhraseMatcher
from bot.sentences import split
from bot.text import LANGUAGES
from bot.vocabulary import EMERGENCY, SUICIDE

SAFETY_PATH = DATA / "safety.yml"
# The order in which crisis replies come when a message matches both.
PRIORITY = (EMERGENCY, SUICIDE)  # danger now first
NOT_CRISIS = "not_crisis"
DANGER_OVER = "danger_over"  # "ik ben nu veilig": no 112 from the classifiers alone
WORDS = "words"  # word classes: {means} in a pattern stands for every word of "means"
_CLASS = re.compile(r"\{(\w+)\}")
_CLASS_WORD = re.compile(r"[^\s|{}\[\]]+\*?")


@dataclass(frozen=True)
class Screening:
    """What the screen found in one message: crisis phrases (most urgent first) and idioms."""

    hits: tuple[Hit, ...]
    idioms: tuple[Hit, ...]
    idiom_sentences: frozenset[int] = frozenset()  # the numbers of the sentences with one
    danger_over: tuple[Hit, ...] = ()  # "ik ben nu thuis", "not in any danger"

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
    root.check_keys(set(PRIORITY) | {NOT_CRISIS, DANGER_OVER, WORDS})
    classes = _word_classes(root)
    patterns: dict[str, list[str]] = {}
    languages: dict[str, str] = {}
    names: dict[str, str] = {}
    for kind in (*PRIORITY, NOT_CRISIS, DANGER_OVER):
        node = root.child(kind)
        node.check_keys(set(LANGUAGES))
        for language in LANGUAGES:
            texts = node.str_list(language)
            if not texts:
                raise node.error(language, "needs at least one pattern")
            filled = {_with_classes(text, classes[language], node, language): text
                      for text in texts}
            patterns[f"{kind}:{language}"] = list(filled)
            languages[f"{kind}:{language}"] = language
            names.update((full, text) for full, text in filled.items() if full != text)
    exact = frozenset(label for label in patterns if label.startswith("emergency:"))
    return PhraseMatcher(patterns, path, languages, exact, names)


def _word_classes(root: Node) -> dict[str, dict[str, str]]:
    """The ``words:`` section: per language, a class name and its words as "a|b|c*"."""
    classes: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    if not root.has(WORDS):
        return classes
    node = root.child(WORDS)
    for name in node.data:
        entry = node.child(str(name))
        entry.check_keys(set(LANGUAGES))
        for language in LANGUAGES:
            words = entry.str_list(language)
            if not words:
                raise entry.error(language, "needs at least one word")
            for word in words:
                if not _CLASS_WORD.fullmatch(word):
                    raise entry.error(language, f"must list single words (word or word*), "
                                                f"not {word!r}")
            classes[language][str(name)] = "|".join(words)
    return classes


def _with_classes(pattern: str, classes: dict[str, str], node: Node, language: str) -> str:
    """The pattern with each {class} replaced by that class's words."""
    def replace(match: re.Match[str]) -> str:
        if match.group(1) not in classes:
            known = ", ".join(sorted(classes)) or "none yet"
            raise node.error(language, f"pattern {pattern!r} uses {{{match.group(1)}}}, "
                                       f"which is not under words: (defined: {known})")
        return classes[match.group(1)]
    return _CLASS.sub(replace, pattern)


def screening(text: str) -> Screening:
    """Screen every sentence of ``text``; idioms cancel the crisis phrases they cover, and
    "the danger is over" ("niet in gevaar") the danger phrases it covers."""
    hits: list[Hit] = []
    idioms: list[Hit] = []
    idiom_sentences: set[int] = set()
    over: list[Hit] = []
    for number, sentence in enumerate(split(text)):
        found = [Hit(h.label.partition(":")[0], h.pattern, h.start, h.end)
                 for h in safety_matcher().hits(sentence)]
        idioms_here = [h for h in found if h.label == NOT_CRISIS]
        over_here = [h for h in found if h.label == DANGER_OVER]
        if idioms_here:
            idiom_sentences.add(number)
        idioms += idioms_here
        over += over_here
        hits += [h for h in found if h.label in PRIORITY
                 and not any(_overlaps(h, idiom) for idiom in idioms_here)
                 and not (h.label == EMERGENCY and any(_overlaps(h, o) for o in over_here))]
    hits.sort(key=lambda hit: PRIORITY.index(hit.label))
    return Screening(tuple(hits), tuple(idioms), frozenset(idiom_sentences), tuple(over))


def screen(text: str) -> list[Hit]:
    """The crisis phrases in ``text``, most urgent kind first (empty when none)."""
    return list(screening(text).hits)


def _overlaps(hit: Hit, idiom: Hit) -> bool:
    return hit.start < idiom.end and idiom.start < hit.end
