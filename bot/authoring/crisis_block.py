"""The crisis replies in domain.yml (113 and 112), written from the rule engine.

Rasa answers a crisis with fixed responses (``utter_crisis_suicide``, ``utter_emergency``),
so the numbers come first even when the action server is down. Their words and services
must be what the rule engine says; ``python -m bot crisis-block`` rewrites the two
responses in domain.yml from it, and ``python -m bot validate`` says when they drifted.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import yaml

from bot.hours import now
from bot.signposting import Circumstances
from bot.text import DEFAULT_LANGUAGE  # the variation without a condition
from bot.signpost import Signposter
from bot.paths import ROOT
from bot.vocabulary import EMERGENCY, SUICIDE

DOMAIN = ROOT / "domain.yml"
RESPONSES = {"utter_crisis_suicide": SUICIDE, "utter_emergency": EMERGENCY}
COMMAND = "python -m bot crisis-block"


def variations(signposter: Signposter, situation: str, when: datetime) -> list[dict[str, Any]]:
    """The response's variations: English under a language condition, then Dutch."""
    found = []
    for language in ("en", DEFAULT_LANGUAGE):
        message = signposter.message(signposter.decide(Circumstances(situation, language), when))
        custom = {key: value for key, value in message["custom"].items() if key != "explanation"}
        variation: dict[str, Any] = {"text": message["text"], "custom": custom}
        if language != DEFAULT_LANGUAGE:
            variation = {"condition": [{"type": "slot", "name": "language", "value": language}],
                         **variation}
        found.append(variation)
    return found


def drift(domain: dict[str, Any], signposter: Signposter, when: datetime) -> list[str]:
    """The crisis responses whose words or services differ from the rule engine's."""
    problems = []
    for response, situation in RESPONSES.items():
        expected = {_language(v): v for v in variations(signposter, situation, when)}
        for variation in domain["responses"].get(response, []):
            language = _language(variation)
            wanted = expected.get(language, {})
            if (variation.get("custom"), variation.get("text")) != (wanted.get("custom"),
                                                                    wanted.get("text")):
                problems.append(f"domain.yml: {response} ({language}) differs from what the rule "
                                f"engine says for {situation}; run `{COMMAND}` to write it again")
    return problems


def rewrite(text: str, signposter: Signposter, when: datetime) -> str:
    """domain.yml's text with the two crisis responses written again (the rest untouched)."""
    for response, situation in RESPONSES.items():
        block = re.compile(rf"^  {response}:\n(?:(?:    |  -|\n).*\n?)*", re.MULTILINE)
        found = block.search(text)
        if found is None:
            raise ValueError(f"domain.yml has no response {response}; add `  {response}:` "
                             "under `responses:` first")
        dumped = yaml.dump({response: variations(signposter, situation, when)},
                           Dumper=_BlockDumper, sort_keys=False, allow_unicode=True, width=100)
        indented = "".join(f"  {line}" if line.strip() else line
                           for line in dumped.splitlines(keepends=True))
        text = text[:found.start()] + indented + text[found.end():]
    return text


def write_domain() -> int:
    """``python -m bot crisis-block``: the crisis replies in domain.yml, written again."""
    text = DOMAIN.read_text(encoding="utf-8")
    DOMAIN.write_text(rewrite(text, Signposter.load(), now()), encoding="utf-8")
    print(f"wrote the crisis replies in {DOMAIN.relative_to(ROOT)}; `make model` retrains")
    return 0


def _language(variation: dict[str, Any]) -> str:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return DEFAULT_LANGUAGE


class _BlockDumper(yaml.SafeDumper):
    """Writes texts of several lines as ``|-`` blocks, as a person would."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _text)
