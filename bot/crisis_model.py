"""A small crisis-only classifier that reads every sentence of a message on its own.

It is the second signal beside the curated safety screen (``bot.safety``). It learns from
the training examples with three labels: ``crisis_suicide``, ``emergency`` and ``none``
(every other intent). Features are word and character n-grams; the model is a logistic
regression, saved as plain JSON and NumPy arrays (no pickle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from bot.signposting import CRISIS_SITUATIONS
from bot.sentences import split

SENTENCE_CRISIS = "sentence_crisis"
NONE = "none"
_WORDS = {"analyzer": "word", "ngram_range": (1, 2), "binary": True, "lowercase": True}
_CHARS = {"analyzer": "char_wb", "ngram_range": (2, 5), "binary": True, "lowercase": True}


@dataclass
class SentenceCrisisModel:
    words: CountVectorizer
    chars: CountVectorizer
    classifier: LogisticRegression

    @classmethod
    def train(cls, texts: Sequence[str], intents: Sequence[str]) -> "SentenceCrisisModel":
        labels = [intent if intent in CRISIS_SITUATIONS else NONE for intent in intents]
        words, chars = CountVectorizer(**_WORDS), CountVectorizer(**_CHARS)
        features = hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr()
        classifier = LogisticRegression(max_iter=1000, C=1.0, random_state=42)
        classifier.fit(features, labels)
        contiguous_weights(classifier)
        return cls(words, chars, classifier)

    def probabilities(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        features = hstack([self.words.transform(sentences),
                           self.chars.transform(sentences)]).tocsr()
        classes = list(self.classifier.classes_)
        return [dict(zip(classes, map(float, row), strict=True))
                for row in self.classifier.predict_proba(features)]

    def verdicts(self, text: str) -> list[dict[str, object]]:
        """Per sentence: the likelier crisis kind and its confidence (no text)."""
        verdicts: list[dict[str, object]] = []
        for probs in self.probabilities(split(text)):
            kind = max(CRISIS_SITUATIONS, key=lambda k: probs.get(k, 0.0))
            verdicts.append({"name": kind, "confidence": round(probs.get(kind, 0.0), 4)})
        return verdicts

    def save(self, directory: Path) -> None:
        vocabularies = {"words": _vocabulary(self.words), "chars": _vocabulary(self.chars)}
        (directory / "vocabularies.json").write_text(json.dumps(vocabularies),
                                                     encoding="utf-8")
        np.savez(directory / "weights.npz", coef=self.classifier.coef_,
                 intercept=self.classifier.intercept_,
                 classes=np.array(self.classifier.classes_, dtype=str))

    @classmethod
    def load(cls, directory: Path) -> "SentenceCrisisModel":
        vocabularies = json.loads((directory / "vocabularies.json").read_text(encoding="utf-8"))
        weights = np.load(directory / "weights.npz", allow_pickle=False)
        classifier = LogisticRegression()
        classifier.coef_, classifier.intercept_ = weights["coef"], weights["intercept"]
        classifier.classes_ = np.array([str(c) for c in weights["classes"]])
        contiguous_weights(classifier)
        return cls(CountVectorizer(**_WORDS, vocabulary=vocabularies["words"]),
                   CountVectorizer(**_CHARS, vocabulary=vocabularies["chars"]), classifier)


def contiguous_weights(classifier: LogisticRegression) -> None:
    """Store the weights so that their transpose is contiguous: sparse features times a
    non-contiguous matrix make scipy copy the whole matrix on every prediction."""
    classifier.coef_ = np.asfortranarray(classifier.coef_)


def _vocabulary(vectorizer: CountVectorizer) -> dict[str, int]:
    return {term: int(index) for term, index in vectorizer.vocabulary_.items()}
