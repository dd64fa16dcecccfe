"""Dutch and English lemmas from spaCy's lookup tables, without a trained model.

The tables come from the ``spacy-lookups-data`` package ("gespaard" -> "sparen", "wrote" ->
"write"). The crisis screen matches its phrases on these lemmas, so one phrase covers every
inflection, and it uses the tables' words to tell a typo from a real word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import spacy_lookups_data
from spacy.util import load_language_data

from bot.text import LANGUAGES


@dataclass(frozen=True)
class LemmaTable:
    """One language's lookup table: inflected form -> lemma."""

    language: str
    lookup: dict[str, str]
    lemmas: frozenset[str]

    def lemma(self, word: str) -> str:
        return self.lookup.get(word, word)

    def knows(self, word: str) -> bool:
        """True for a word the table lists, as a form or as a lemma (so: not a typo)."""
        return word in self.lookup or word in self.lemmas

    def inflections(self, words: Iterable[str]) -> set[str]:
        """The words, their lemmas and every form the table gives for those lemmas."""
        wanted = {self.lemma(word) for word in words}
        found = set(words) | wanted
        found.update(form for form, lemma in self.lookup.items() if lemma in wanted)
        return found


@lru_cache(maxsize=len(LANGUAGES))
def table(language: str) -> LemmaTable:
    """The lookup table of ``language`` ("nl" or "en"); loaded once per process."""
    # The package's own paths (spaCy reads the .json.gz beside them); spaCy's Table keeps
    # only hashes of its keys, and the inflections need the words themselves.
    path = getattr(spacy_lookups_data, language)["lemma_lookup"]
    lookup: dict[str, str] = dict(load_language_data(path))
    return LemmaTable(language, lookup, frozenset(lookup.values()))
