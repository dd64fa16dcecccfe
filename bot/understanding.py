"""What the bot understood of one message: the one place where a turn is interpreted.

The Rasa pipeline gives the classifier's ranking (for the whole message, and the crisis
classifier's verdict per sentence); everything else is decided here, from data files:

- crisis: the safety screen (curated phrases on every sentence, idioms cancel them), and
  the classifiers as a second signal, so crisis recall never rests on one top intent;
- messages that say nothing yet ("ok", "???", emoji) get a gentle question;
- below a stated confidence or margin the bot asks a clarifying question, never guesses;
- the facets (age, topics, role, when) of every sentence;
- the language to answer in: the one a "switch language" message names, else the
  message's own when it is clear, else the page's (``bot.language``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from bot.datafile import Node
from bot.facets import Facets, find_facets
from bot.language import choose, requested
from bot.paths import DATA
from bot.phrases import normalise
from bot.safety import PRIORITY, screening
from bot.signposting import CRISIS_SITUATIONS, SITUATIONS
from bot.text import LANGUAGES
from bot.vocabulary import EMERGENCY

SETTINGS_PATH = DATA / "understanding.yml"
UNCLEAR = "unclear"
FALLBACK = "nlu_fallback"
AGE = "inform_age"
SWITCH_LANGUAGE = "switch_language"
# Intents that say nothing about the situation; with an age in them, they give an age.
NOT_ABOUT_ANYTHING = frozenset({FALLBACK, "out_of_scope", "greet", "goodbye", "thanks", AGE})
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Settings:
    min_confidence: float
    min_margin: float
    crisis_min_confidence: float
    crisis_sentence_min_confidence: float
    crisis_long_message_sentence_confidence: float
    unclear: frozenset[str]


@dataclass(frozen=True)
class Understanding:
    """The interpretation of one message. It holds labels and pattern names, never text."""

    intent: str
    confidence: float
    crisis: tuple[str, ...]
    reasons: tuple[str, ...]
    idioms: tuple[str, ...]
    facets: Facets
    language: str | None  # the language to answer in when clear; None: keep the conversation's

    @property
    def is_crisis(self) -> bool:
        return bool(self.crisis)


@lru_cache(maxsize=1)
def load_settings(path: str = str(SETTINGS_PATH)) -> Settings:
    root = Node.root(path)
    root.check_keys({"classifier", "unclear"})
    node = root.child("classifier")
    keys = ("min_confidence", "min_margin", "crisis_min_confidence",
            "crisis_sentence_min_confidence", "crisis_long_message_sentence_confidence")
    node.check_keys(set(keys))
    values = {key: float(node.get(key, (int, float))) for key in keys}
    for key, value in values.items():
        if not 0 <= value <= 1:
            raise node.error(key, f"must be between 0 and 1, not {value}")
    unclear = root.child("unclear")
    unclear.check_keys(set(LANGUAGES))
    words = {normalise(w).strip() for lang in LANGUAGES for w in unclear.str_list(lang)}
    return Settings(**values, unclear=frozenset(words))


def interpret(text: str, ranking: Sequence[Mapping[str, object]],
              sentence_crisis: Iterable[Mapping[str, object]] = (),
              settings: Settings | None = None, *,
              page_language: str | None = None) -> Understanding:
    """Interpret one message from its text and the classifiers' output.

    ``ranking`` is the intent ranking for the whole message (best first); ``sentence_crisis``
    holds, per sentence, the crisis classifier's best crisis kind and its confidence;
    ``page_language`` is the language the website says it is in, if it says one.
    """
    settings = settings or load_settings()
    screened = screening(text)
    crisis, reasons = list(screened.kinds), [f"screen: {hit.pattern}" for hit in screened.hits]
    for kind, reason in _classifier_crisis(ranking, list(sentence_crisis), settings,
                                           screened.idiom_sentences):
        if kind == EMERGENCY and screened.danger_over:
            reasons.append(f"not counted, the danger is over: {reason}")
            continue
        crisis.append(kind)
        reasons.append(reason)
    crisis = sorted(set(crisis), key=PRIORITY.index)
    facets = find_facets(text)
    intent, confidence = _intent(text, ranking, settings)
    if crisis:
        intent, confidence = crisis[0], 1.0
    elif facets.topics and intent == AGE:
        intent, confidence = _best_situation(ranking, settings)  # "mijn oom betast me, ik ben 15"
    elif intent in NOT_ABOUT_ANYTHING and (facets.age or facets.other_age) and not facets.topics:
        intent = AGE  # "ik ben 16", "he is 19 by the way": refines the situation so far
    return Understanding(intent, confidence, tuple(crisis), tuple(dict.fromkeys(reasons)),
                         tuple(hit.pattern for hit in screened.idioms), facets,
                         _language(text, intent, page_language))


def _language(text: str, intent: str, page_language: str | None) -> str | None:
    """The language to answer in: the one a "switch language" message names ("English
    please"), else the message's own when clear, else the page's; None keeps the
    conversation's."""
    named = requested(text) if intent == SWITCH_LANGUAGE else None
    return named or choose(text, page_language)


def _classifier_crisis(ranking: Sequence[Mapping[str, object]],
                       verdicts: list[Mapping[str, object]], settings: Settings,
                       idiom_sentences: frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    """Crisis kinds the classifiers find on their own, with the reason.

    Both classifiers must agree, and the message holds no idiom ("ik lach me dood"); in a
    message of several sentences, one sentence without an idiom that the crisis classifier
    is very sure of is enough, so an idiom early in a long story does not hide a crisis at
    its end.
    """
    found = []
    top, top_confidence = _entry(ranking[0]) if ranking else ("", 0.0)
    sentences = [_entry(verdict) for verdict in verdicts]
    best = max((confidence for _, confidence in sentences), default=0.0)
    if (top in CRISIS_SITUATIONS and top_confidence >= settings.crisis_min_confidence
            and best >= settings.crisis_sentence_min_confidence and not idiom_sentences):
        found.append((top, f"classifiers agree: {top} {top_confidence:.2f}/{best:.2f}"))
    if len(sentences) > 1:
        for number, (kind, confidence) in enumerate(sentences):
            if (confidence >= settings.crisis_long_message_sentence_confidence
                    and number not in idiom_sentences):
                found.append((kind, f"one sentence: {kind} {confidence:.2f}"))
    return found


def _best_situation(ranking: Sequence[Mapping[str, object]],
                    settings: Settings) -> tuple[str, float]:
    """The likeliest situation when the message is about one but the classifier heard only
    the age in it; a clarifying question when no situation is likely enough."""
    for item in ranking:
        name, confidence = _entry(item)
        if name in SITUATIONS and name not in CRISIS_SITUATIONS:
            if confidence >= settings.min_margin:
                return name, confidence
            break
    return FALLBACK, 0.0


def is_unclear(text: str, settings: Settings | None = None) -> bool:
    """True for a message that says nothing yet: no letters at all, or only "ok", "???"."""
    settings = settings or load_settings()
    if not _LETTER.search(text):
        return True
    words = normalise(text).strip(" .!?,")
    return words in settings.unclear


def _intent(text: str, ranking: Sequence[Mapping[str, object]],
            settings: Settings) -> tuple[str, float]:
    """The intent to act on when there is no crisis: the classifier's best guess, unless it
    is unsure, then a clarifying question; a crisis guess below its bar does not count."""
    if is_unclear(text, settings):
        return UNCLEAR, 1.0
    entries = [entry for entry in map(_entry, ranking) if entry[0] not in CRISIS_SITUATIONS]
    if not entries:
        return FALLBACK, 0.0
    (best, confidence), second = entries[0], (entries[1][1] if len(entries) > 1 else 0.0)
    unsure = confidence < settings.min_confidence or (
        best in SITUATIONS and confidence - second < settings.min_margin)
    return (FALLBACK, confidence) if unsure else (best, confidence)


def _entry(item: Mapping[str, object]) -> tuple[str, float]:
    confidence = item.get("confidence")
    return str(item.get("name") or ""), float(confidence) if isinstance(confidence,
                                                                         (int, float)) else 0.0
