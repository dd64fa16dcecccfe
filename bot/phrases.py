"""Curated phrase lists matched with spaCy's rule-based Matcher.

The safety screen (``data/safety.yml``) and the facets (``data/facets.yml``) are lists of
short patterns that trainers and counsellors can read and extend. A pattern is words
separated by spaces, matched without regard to case:

    ik wil dood            the words in this order
    zelfmoord*             a word starting with "zelfmoord" (zelfmoordgedachten, ...)
    wil|wilde dood         either word, then "dood"
    [echt] niet meer leven "echt" may be there or not
    wil ... dood           up to three other words in between
    pil|pillen + spaar     both parts in the same text (a sentence), in any order
    al mijn spullen / alles  either phrase (" / " separates whole phrases, "|" words)

Apostrophes are ignored ("don't" is "dont") and letters repeated three times or more
("dooood") count as two, so stretched words match. A matcher built with a language per
label (the safety screen) compares lemmas from spaCy's lookup tables, so "spaar" also
matches "gespaard" and "write" matches "wrote", and it reads a clear typo of one of its
own words as that word ("afscheidsbreif").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping

import spacy
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP_WORDS
from spacy.lang.nl.stop_words import STOP_WORDS as NL_STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc

from bot.datafile import DataError, Node
from bot.lemmas import LemmaTable, table

_STRETCHED = re.compile(r"(\w)\1{2,}")
_DOUBLED = re.compile(r"(\w)\1")
_GAP = 3
# The token attribute that holds each language's lemma (one Doc carries both).
_LEMMA_ATTR = {"nl": "LEMMA", "en": "NORM"}
# Typo tolerance: words this long may differ from a phrase word by this many edits.
_TYPO_EDITS = ((9, 2), (5, 1))


@dataclass(frozen=True)
class Hit:
    """One pattern that matched: its label and the pattern itself (never the person's words).

    ``start`` and ``end`` are token positions, used to see whether an idiom covers it.
    """

    label: str
    pattern: str
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)


@lru_cache(maxsize=1)
def _blank() -> Any:
    """spaCy's language-neutral blank pipeline: a tokenizer, no model to download."""
    return spacy.blank("xx")


def tokenizer() -> Any:
    return _blank().tokenizer


def normalise(text: str) -> str:
    """Lower case, no apostrophes ("don't" = "dont", "m'n" = "mn"), no stretched letters."""
    text = text.lower().replace("'", "").replace("’", "").replace("‘", "")
    return _STRETCHED.sub(r"\1\1", text)


class PhraseMatcher:
    """Match labelled patterns in a text. Build once; matching is fast.

    ``names`` gives, for a pattern that was rewritten before matching (word classes filled
    in), the pattern as its file writes it: a hit names that.

    ``languages`` maps a label to "nl" or "en": that label's words are matched on lemmas,
    except for the labels in ``exact``, whose words match only as written (where the form
    carries meaning: "hij slaat me" is now, "hij sloeg me" was then). Clear typos of any
    labelled word are read as that word.
    """

    def __init__(self, patterns: dict[str, list[str]], source: str = "<patterns>",
                 languages: Mapping[str, str] | None = None, exact: frozenset[str] = frozenset(),
                 names: Mapping[str, str] | None = None):
        self._matcher = Matcher(_blank().vocab)
        self._names = dict(names or {})  # a pattern as matched -> as its file writes it
        self._parts: dict[str, int] = {}  # "label\x1fpattern" -> number of "+" parts
        self._languages = dict(languages or {})
        self._tables = {lang: table(lang) for lang in set(self._languages.values())}
        words: dict[str, set[str]] = {lang: set() for lang in self._tables}
        for label, texts in patterns.items():
            language = self._languages.get(label)
            lemma_language = None if label in exact else language
            for text in texts:
                key = f"{label}\x1f{text}"
                parts = [part.strip() for part in text.split(" + ")]
                try:
                    for number, part in enumerate(parts):
                        phrases = [variant for phrase in part.split(" / ")
                                   for variant in _by_first_word(
                                       self._compile(phrase.strip(), lemma_language))]
                        self._matcher.add(f"{key}\x1f{number}", phrases)
                except ValueError as error:
                    raise DataError(source, None, label, f"pattern {text!r}: {error}") from None
                self._parts[key] = len(parts)
                if language:
                    words[language].update(_plain_words(text))
        self._speller = _Speller(words, self._tables)

    def _compile(self, text: str, language: str | None) -> list[dict[str, Any]]:
        tokens: list[dict[str, Any]] = []
        lemmas = self._tables.get(language) if language else None
        for word in normalise(text).split():
            if word == "...":
                tokens.extend({"OP": "?"} for _ in range(_GAP))
                continue
            optional = word.startswith("[") and word.endswith("]")
            word = word.strip("[]")
            for part in _split_word(word):
                spec = _token_spec(part, lemmas, language, spelled=bool(self._tables))
                tokens.append({**spec, "OP": "?"} if optional else spec)
        if not tokens or all(t.get("OP") == "?" for t in tokens):
            raise ValueError("needs at least one word that must be there")
        return tokens

    def doc(self, text: str) -> Doc:
        """The tokens of ``text``, with each language's lemma (typos read as phrase words)."""
        doc = tokenizer()(normalise(text))
        if self._tables:
            for token in doc:
                word = self._speller.correct(token.text)
                token.tag_ = word
                for language, lemmas in self._tables.items():
                    lemma = lemmas.lemma(word)
                    if language == "nl":
                        token.lemma_ = lemma
                    else:
                        token.norm_ = lemma
        return doc

    def hits(self, text: str) -> list[Hit]:
        """Every distinct pattern found in ``text``, in the order of the text."""
        doc = self.doc(text)
        found: dict[str, dict[int, tuple[int, int]]] = {}
        for match_id, start, end in sorted(self._matcher(doc), key=lambda m: (m[1], m[2])):
            key, _, number = doc.vocab.strings[match_id].rpartition("\x1f")
            found.setdefault(key, {}).setdefault(int(number), (start, end))
        hits = []
        for key, parts in found.items():
            if len(parts) < self._parts[key]:
                continue
            label, _, pattern = key.partition("\x1f")
            spans = parts.values()
            hits.append(Hit(label, self._names.get(pattern, pattern),
                            min(s for s, _ in spans), max(e for _, e in spans)))
        return sorted(hits, key=lambda hit: (hit.start, hit.end))


class _Speller:
    """Reads a word that is no word of either language, but one or two typing mistakes
    away from a phrase word, as that phrase word ("pilen" -> "pillen"). The words as the
    phrases write them come first, then their inflections from the lookup tables."""

    def __init__(self, words: dict[str, set[str]], tables: dict[str, LemmaTable]):
        literal = set().union(*words.values()) if words else set()
        inflected = set().union(*(tables[lang].inflections(found)
                                  for lang, found in words.items())) if words else set()
        self._known = literal | inflected
        self._tiers = [sorted(w for w in tier if len(w) >= 4 and w.isalpha())
                       for tier in (literal, inflected - literal)]
        # Short everyday words ("there", "volgens") are words, not typos of a phrase word.
        self._stop_words = NL_STOP_WORDS | EN_STOP_WORDS
        self._tables = tables

    def correct(self, word: str) -> str:
        if (not self._known or word in self._known or not word.isalpha()
                or word in self._stop_words or any(t.knows(word) for t in self._tables.values())):
            return word
        single = _DOUBLED.sub(r"\1", word)  # "diee" (from "dieeee") -> "die"
        if single in self._known:
            return single
        edits = next((n for length, n in _TYPO_EDITS if len(word) >= length), 0)
        for choices in self._tiers if edits else ():
            best = process.extractOne(word, choices, scorer=DamerauLevenshtein.distance,
                                      score_cutoff=edits)
            if best:
                return str(best[0])
        return word


def _plain_words(pattern: str) -> set[str]:
    """The literal words of a pattern (no wildcards), for the typo vocabulary."""
    words = set()
    for word in normalise(pattern).replace(" + ", " ").replace(" / ", " ").split():
        for option in word.strip("[]").split("|"):
            if option and not option.endswith("*") and option != "...":
                words.add(option)
    return words


def _by_first_word(tokens: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """One pattern per alternative of its first word ("pil|pillen + ..." becomes two).

    Why: the Matcher tries every pattern's first word on every token; a single value is a
    fast comparison, a set of alternatives a call into Python for each token. The patterns
    match the same texts.
    """
    first = tokens[0]
    if first.get("OP") or len(first) != 1:
        return [tokens]
    (attribute, spec), = first.items()
    if not isinstance(spec, dict) or list(spec) != ["IN"]:
        return [tokens]
    return [[{attribute: value}, *tokens[1:]] for value in spec["IN"]]


def _split_word(word: str) -> list[str]:
    """Split a pattern word as the tokenizer splits text ("pics!" -> "pics", "!")."""
    if "|" in word:
        return [word]
    star = "*" if word.endswith("*") else ""
    parts = [token.text for token in tokenizer()(word.rstrip("*"))]
    parts[-1] += star
    return parts


def _token_spec(word: str, lemmas: LemmaTable | None, language: str | None,
                spelled: bool) -> dict[str, Any]:
    """How one pattern word matches a token: on its lemma, or as written (a word* as a
    prefix). ``spelled``: compare with the token as the speller read it ("pilen" = "pillen")."""
    options = word.split("|")
    if any(option.endswith("*") for option in options):
        # A word* is a prefix of the written word; the other words then match in any form
        # the lookup table gives them ("pil|slaaptablet*" matches "pillen").
        plain = {o for o in options if not o.endswith("*")}
        forms = lemmas.inflections(plain) if lemmas is not None and plain else plain
        alternation = "|".join([re.escape(o.rstrip("*")) for o in options if o.endswith("*")]
                               + [re.escape(form) + "$" for form in sorted(forms)])
        return _as_written({"REGEX": f"^(?:{alternation})"}, spelled)
    if lemmas is not None and language:
        return {_LEMMA_ATTR[language]: {"IN": sorted({lemmas.lemma(o) for o in options})}}
    return _as_written({"IN": options} if len(options) > 1 else word, spelled)


def _as_written(spec: Any, spelled: bool) -> dict[str, Any]:
    # The blank pipeline has no tagger, so TAG holds the token as the speller read it (a
    # built-in attribute: the Matcher compares it natively, much faster than an extension).
    return {"TAG": spec} if spelled else {"LOWER": spec}


def load_phrase_file(path: str, groups: tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """Read ``label: [patterns]`` (or ``group: {label: [patterns]}`` when groups are named).

    Labels come back as ``label`` or ``group:label``.
    """
    root = Node.root(path)
    patterns: dict[str, list[str]] = {}
    if groups is None:
        for label in root.data:
            patterns[str(label)] = _read_patterns(root, str(label))
        return patterns
    root.check_keys(set(groups))
    for group in groups:
        node = root.child(group)
        for label in node.data:
            patterns[f"{group}:{label}"] = _read_patterns(node, str(label))
    return patterns


def _read_patterns(node: Node, key: str) -> list[str]:
    texts = node.str_list(key)
    if not texts:
        raise node.error(key, "needs at least one pattern")
    return texts
