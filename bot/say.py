"""The "what you can say" card: a first line for a call or chat, and what happens then.

Moving from reading a number to calling it is the hardest step. With a signpost for a young
person or a parent the bot offers an example opening line in the person's language. The
line is filled in only from labels the bot understood (situation, topic, age), never from
the person's own words, which the bot does not keep. Beside it, per service, the card says
who answers, whether it is anonymous and that you can stop at any time, from the directory.

The lines and phrases are in ``data/say.yml``; like the signposting rules, the first
opening whose conditions hold is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Formatter
from typing import Any

from bot.datafile import DataError, Node
from bot.directory import Service
from bot.paths import DATA
from bot.signposting import CRISIS_SITUATIONS, Circumstances, Condition, Decision, read_condition
from bot.text import LANGUAGES, Text

SAY_PATH = DATA / "say.yml"
# Every signpost for these situations offers a card, so each needs a default opening.
CARD_SITUATIONS = ("young_person", "parent")
# The only blanks in an opening line: numbers the bot understood, never text.
PLACEHOLDERS = frozenset({"age", "child_age"})
MAX_LINE = 200  # a short line, one breath on the phone
PHRASES = ("anonymous", "not_anonymous", "anonymous_unknown", "stop")


@dataclass(frozen=True)
class Opening:
    """One opening line, with a variant that names an age when the bot knows it."""

    id: str
    when: Condition
    say: Text
    say_with_age: Text | None
    line: int | None

    def text(self, circumstances: Circumstances) -> str:
        """The line for these circumstances: with the age when every blank can be filled."""
        ages = {"age": circumstances.age, "child_age": circumstances.child_age}
        if self.say_with_age is not None:
            template = self.say_with_age.get(circumstances.language)
            if all(ages[name] is not None for name in _placeholders(template)):
                return template.format(**{k: int(v) for k, v in ages.items() if v is not None})
        return self.say.get(circumstances.language)


@dataclass(frozen=True)
class Sayings:
    openings: tuple[Opening, ...]
    phrases: dict[str, Text]
    path: str

    def opening(self, circumstances: Circumstances) -> Opening | None:
        return next((o for o in self.openings if o.when.matches(circumstances)), None)

    def card(self, decision: Decision) -> dict[str, Any] | None:
        """The card for a signpost (the ``say`` field of the payload), or None."""
        opening = self.opening(decision.circumstances)
        if opening is None:
            return None
        language = decision.circumstances.language
        return {"opening": opening.id, "line": opening.text(decision.circumstances),
                "services": [self.what_happens(c.service, language) for c in decision.choices]}

    def what_happens(self, service: Service, language: str) -> dict[str, Any]:
        """Who answers, whether it is anonymous (as the directory says) and that you can stop."""
        anonymous = ("anonymous_unknown" if service.anonymous is None
                     else "anonymous" if service.anonymous else "not_anonymous")
        parts = (service.who_answers, self.phrases[anonymous], self.phrases["stop"])
        return {"id": service.id, "name": service.name,
                "what_happens": " ".join(part.get(language) for part in parts)}


def load_sayings(path: str | Path = SAY_PATH) -> Sayings:
    """Load and validate data/say.yml; a mistake names the file, line and field."""
    root = Node.root(path)
    root.check_keys({"openings", "phrases"})
    phrases_node = root.child("phrases")
    phrases_node.check_keys(set(PHRASES))
    phrases = {key: _plain_text(phrases_node, key) for key in PHRASES}
    openings: list[Opening] = []
    for node in root.children("openings"):
        opening = _read_opening(node)
        for earlier in openings:
            if earlier.id == opening.id:
                raise node.error("id", f"{opening.id!r} is used twice")
            if earlier.when.covers(opening.when):
                raise node.error("when", f"opening {opening.id!r} can never be used: the earlier "
                                 f"opening {earlier.id!r} (line {earlier.line}) matches all it "
                                 "matches")
        openings.append(opening)
    for situation in CARD_SITUATIONS:
        if not any(o.when.is_default() and situation in o.when.situations for o in openings):
            raise DataError(path, None, "openings", f"situation {situation!r} has no default "
                            "opening (one with no topic, role or age condition)")
    return Sayings(tuple(openings), phrases, str(path))


def _read_opening(node: Node) -> Opening:
    node.check_keys({"id", "when", "say", "say_with_age"})
    when = read_condition(node.child("when"))
    crisis = sorted(when.situations & set(CRISIS_SITUATIONS))
    if crisis:
        raise node.child("when").error("situation", f"{crisis[0]!r}: a crisis reply stays "
                                       "short and has no card")
    say = _plain_text(node, "say")
    say_with_age = None
    if node.has("say_with_age"):
        say_with_age = Text.read(node, "say_with_age")
        texts = node.child("say_with_age")
        used = {lang: _blanks(texts, lang) for lang in LANGUAGES}
        for language in LANGUAGES:
            if not used[language]:
                raise texts.error(language, "needs {age} or {child_age}; without an age, "
                                  "use say")
            if used[language] != used["nl"]:
                raise texts.error(language, "must use the same blanks in both languages")
    return Opening(node.text("id"), when, say, say_with_age, node.line)


def _plain_text(node: Node, key: str) -> Text:
    """A text in both languages without blanks, short enough to read out."""
    text = Text.read(node, key)
    texts = node.child(key)
    for language in LANGUAGES:
        if _blanks(texts, language):
            raise texts.error(language, "has a blank ({...}); only say_with_age may have "
                              "{age} or {child_age}")
    return text


def _blanks(texts: Node, language: str) -> frozenset[str]:
    """The blanks in one language of a text, checked: known names, and short enough."""
    text = texts.text(language)
    try:
        names = _placeholders(text)
    except ValueError as error:
        raise texts.error(language, f"a {{ or }} that is not a blank: {error}") from None
    unknown = names - PLACEHOLDERS
    if unknown:
        raise texts.error(language, f"unknown blank {{{sorted(unknown)[0]}}}; use only "
                          "{age} (the writer's age) or {child_age} (the child's age)")
    if len(text) > MAX_LINE:
        raise texts.error(language, f"is {len(text)} characters; keep it under {MAX_LINE}")
    return names


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(field for _, field, _, _ in Formatter().parse(text) if field is not None)
