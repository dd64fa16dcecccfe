"""Checks on the NLU training examples and the held-out test set.

Training examples are plain YAML that anyone can extend; these checks keep them useful:
every situation has enough examples in both languages, no example is listed under two
intents, and no held-out test message leaks into the training data.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from bot.datafile import DataError, Node
from bot.paths import DATA, ROOT
from bot.signposting import SITUATIONS
from bot.text import LANGUAGES

TRAINING_DIR = DATA / "nlu"
HOLDOUT_DIR = ROOT / "tests" / "nlu"
HELDOUT_SETS_DIR = ROOT / "tests" / "heldout"
MIN_EXAMPLES_PER_SITUATION = 40
_LIST_ITEM = re.compile(r"^\s*-\s+(.*\S)\s*$")


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    language: str
    path: str
    line: int


def read_examples(path: Path, language: str) -> list[Example]:
    """The examples in one Rasa NLU YAML file, with the line of each."""
    root = Node.root(path)
    examples = []
    for node in root.children("nlu"):
        intent = node.text("intent")
        block = node.text("examples")
        first_line = (node.line_of("examples") or node.line or 0) + 1
        for offset, raw in enumerate(block.splitlines()):
            match = _LIST_ITEM.match(raw)
            if not match and raw.strip():
                raise DataError(path, first_line + offset, f"{intent}.examples",
                                "every example must be a line starting with '- '")
            if match:
                examples.append(Example(_unquote(match.group(1)), intent, language, str(path),
                                        first_line + offset))
    return examples


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def training_examples(directory: Path = TRAINING_DIR) -> list[Example]:
    return [example for language in LANGUAGES
            for path in sorted((directory / language).glob("*.yml"))
            for example in read_examples(path, language)]


def holdout_examples(directory: Path = HOLDOUT_DIR) -> list[Example]:
    return [example for language in LANGUAGES
            for example in read_examples(directory / f"holdout_{language}.yml", language)]


def heldout_set_texts(directory: Path = HELDOUT_SETS_DIR) -> list[tuple[str, str]]:
    """(file, text) of every message in the held-out sets of tests/heldout/."""
    import yaml

    return [(str(path), str(message["text"]))
            for path in sorted(directory.glob("*.yml"))
            for message in yaml.safe_load(path.read_text(encoding="utf-8"))["messages"]]


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def check(training: list[Example], holdout: list[Example], intents: set[str],
          heldout_sets: list[tuple[str, str]] | None = None) -> list[str]:
    """Problems found, each naming the file and line; empty when all is well."""
    problems = []
    counts = Counter((e.intent, e.language) for e in training)
    for situation in SITUATIONS:
        for language in LANGUAGES:
            if counts[situation, language] < MIN_EXAMPLES_PER_SITUATION:
                problems.append(f"{situation} ({language}) has {counts[situation, language]} "
                                f"examples; at least {MIN_EXAMPLES_PER_SITUATION} are needed")
    seen: dict[str, Example] = {}
    for example in training:
        if example.intent not in intents:
            problems.append(f"{example.path}:{example.line}: intent {example.intent!r} is not "
                            "in domain.yml")
        first = seen.setdefault(_key(example.text), example)
        if first is not example and first.intent != example.intent:
            problems.append(f"{example.path}:{example.line}: also under {first.intent!r} at "
                            f"{first.path}:{first.line}")
    for example in holdout:
        if _key(example.text) in seen:
            problems.append(f"{example.path}:{example.line}: held-out example is also in the "
                            f"training data ({seen[_key(example.text)].path})")
    for path, text in heldout_sets or []:
        if _key(text) in seen:
            problems.append(f"{path}: held-out message {text!r} is also in the training data "
                            f"({seen[_key(text)].path}:{seen[_key(text)].line}); remove it "
                            "from the training data")
    return problems


def summary(examples: list[Example]) -> dict[str, dict[str, int]]:
    """Examples per intent per language, for reports."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LANGUAGES, 0))
    for example in examples:
        table[example.intent][example.language] += 1
    return dict(table)
