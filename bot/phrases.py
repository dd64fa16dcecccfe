"""Curated phrase lists matched with spaCy's rule-based Matcher.

The safety screen (``data/safety.yml``) and the facets (``data/facets.yml``) are lists of
short patterns that trainers and counsellors can read and extend. A pattern is words
separated by spaces, matched without regard to case:

    ik wil dood            the words in this order
    zelfmoord*             a word starting with "zelfmoord" (zelfmoordgedachten, ...)
    wil|wilde dood         either word, then "dood"
    [echt] niet meer leven "echt" may be there or not
    wil ... dood           up to three other words in between

Apostrophes are ignored ("don't" is "dont") and letters repeated three times or more
("dooood") count as two, so stretched words match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.matcher import Matcher

from bot.datafile import DataError, Node

_STRETCHED = re.compile(r"(\w)\1{2,}")
_GAP = 3


@dataclass(frozen=True)
class Hit:
    """One pattern that matched: its label and the pattern itself (never the person's words)."""

    label: str
    pattern: str


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
    """Match labelled patterns in a text. Build once; matching is fast."""

    def __init__(self, patterns: dict[str, list[str]], source: str = "<patterns>"):
        self._matcher = Matcher(_blank().vocab)
        self._patterns: dict[str, str] = {}
        for label, texts in patterns.items():
            for text in texts:
                key = f"{label}\x1f{text}"
                try:
                    self._matcher.add(key, [self._compile(text)])
                except ValueError as error:
                    raise DataError(source, None, label, f"pattern {text!r}: {error}") from None
                self._patterns[key] = text

    @staticmethod
    def _compile(text: str) -> list[dict[str, Any]]:
        tokens: list[dict[str, Any]] = []
        for word in normalise(text).split():
            if word == "...":
                tokens.extend({"OP": "?"} for _ in range(_GAP))
                continue
            optional = word.startswith("[") and word.endswith("]")
            word = word.strip("[]")
            for part in _split_word(word):
                spec = _token_spec(part)
                tokens.append({**spec, "OP": "?"} if optional else spec)
        if not tokens or all(t.get("OP") == "?" for t in tokens):
            raise ValueError("needs at least one word that must be there")
        return tokens

    def hits(self, text: str) -> list[Hit]:
        """Every distinct pattern found in ``text``, in the order of the text."""
        doc = tokenizer()(normalise(text))
        seen: dict[str, Hit] = {}
        for match_id, _, _ in sorted(self._matcher(doc), key=lambda m: (m[1], m[2])):
            key = doc.vocab.strings[match_id]
            label, _, pattern = key.partition("\x1f")
            seen.setdefault(key, Hit(label, pattern))
        return list(seen.values())


def _split_word(word: str) -> list[str]:
    """Split a pattern word as the tokenizer splits text ("pics!" -> "pics", "!")."""
    if "|" in word:
        return [word]
    star = "*" if word.endswith("*") else ""
    parts = [token.text for token in tokenizer()(word.rstrip("*"))]
    parts[-1] += star
    return parts


def _token_spec(word: str) -> dict[str, Any]:
    options = word.split("|")
    if any(option.endswith("*") for option in options):
        alternation = "|".join(re.escape(o.rstrip("*")) + ("" if o.endswith("*") else "$")
                               for o in options)
        return {"LOWER": {"REGEX": f"^(?:{alternation})"}}
    if len(options) > 1:
        return {"LOWER": {"IN": options}}
    return {"LOWER": word}


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
