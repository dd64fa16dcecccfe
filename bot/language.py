"""Dutch or English: texts in both languages, and which language a message is written in.

Detection counts function words from spaCy's Dutch and English stop-word lists, plus a few
chat words from ``data/language.yml``. Short or mixed messages ("ok", "113", "nudes") are
*unsure*: the conversation then keeps the language it had, and Dutch is the default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.nl.stop_words import STOP_WORDS as NL_STOP_WORDS

from bot.datafile import Node
from bot.paths import DATA
from bot.text import DEFAULT_LANGUAGE, LANGUAGES

HINTS_PATH = DATA / "language.yml"
_WORD = re.compile(r"[a-zà-ÿ]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Guess:
    """The language of one message; ``sure`` is False when the evidence is thin."""

    language: str
    sure: bool
    nl_words: int
    en_words: int


@dataclass(frozen=True)
class Hints:
    nl: frozenset[str]
    en: frozenset[str]
    names: dict[str, str]  # "engels" -> "en": words that name a language


@lru_cache(maxsize=1)
def load_hints(path: str | Path = HINTS_PATH) -> Hints:
    root = Node.root(path)
    root.check_keys({"nl", "en", "names"})
    names = root.child("names")
    return Hints(
        nl=frozenset(root.str_list("nl")),
        en=frozenset(root.str_list("en")),
        names={word: lang for lang in LANGUAGES for word in names.str_list(lang)},
    )


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def detect(text: str, hints: Hints | None = None) -> Guess:
    """Guess the language of ``text``; sure when one language leads by two words or more."""
    hints = hints or load_hints()
    nl_vocab, en_vocab = NL_STOP_WORDS | hints.nl, EN_STOP_WORDS | hints.en
    nl = en = 0
    for word in words(text):
        in_nl, in_en = word in nl_vocab, word in en_vocab
        if in_nl and not in_en:
            nl += 1
        elif in_en and not in_nl:
            en += 1
    language = "en" if en > nl else "nl"
    lead = abs(nl - en)
    sure = lead >= 2 or (lead == 1 and min(nl, en) == 0)
    return Guess(language, sure, nl, en)


def requested(text: str, hints: Hints | None = None) -> str | None:
    """The language a message names ("English please", "in het Nederlands"), if any."""
    hints = hints or load_hints()
    named = {hints.names[w] for w in words(text) if w in hints.names}
    return named.pop() if len(named) == 1 else None


def of_turn(found: str | None, conversation: str | None) -> str:
    """The language of a turn: the language to answer in that the message was understood to
    ask for (the ``language`` entity, from ``bot.understanding.interpret``), else the
    conversation's, else Dutch. The signpost and the channel use it."""
    for language in (found, conversation):
        if language in LANGUAGES:
            return str(language)
    return DEFAULT_LANGUAGE


def choose(text: str, metadata_language: str | None) -> str | None:
    """The language to answer in, or None to keep the conversation's current one.

    A clear signal in the text wins (people are answered in the language they write),
    then the language the website says. Otherwise the conversation keeps its language.
    """
    guess = detect(text)
    if guess.sure:
        return guess.language
    return metadata_language if metadata_language in LANGUAGES else None
