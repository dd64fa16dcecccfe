"""The trainers' demo scenarios (``data/scenarios.yml``): load, validate and check replies.

The same scenario data drives the demo page, the terminal player and the end-to-end
tests, and ``check_step`` is the one place that decides whether a reply did what the
scenario expects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.datafile import DataError, Node
from bot.signposting import SITUATIONS, RuleTable
from bot.directory import Directory
from bot.paths import DATA
from bot.text import LANGUAGES, Text
from bot.vocabulary import CRISIS_NUMBERS, CRISIS_SITUATIONS

SCENARIOS_PATH = DATA / "scenarios.yml"
_ID = re.compile(r"^[a-z0-9_]+$")
_EXPECT_KEYS = {"crisis", "situation", "rule", "services", "says"}


@dataclass(frozen=True)
class Step:
    say: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    persona: Text
    language: str
    audience: str | None
    clock: str | None
    steps: tuple[Step, ...]

    def metadata(self) -> dict[str, str]:
        """The metadata the demo sends with every message of this scenario."""
        metadata = {"language": self.language, "audience": "demo"}
        if self.clock:
            metadata["clock"] = self.clock
        return metadata

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": {"nl": self.title.nl, "en": self.title.en},
                "persona": {"nl": self.persona.nl, "en": self.persona.en},
                "language": self.language, "audience": self.audience, "clock": self.clock,
                "steps": [{"say": s.say, "expect": s.expect} for s in self.steps]}


def load_scenarios(directory: Directory, table: RuleTable,
                   path: str | Path = SCENARIOS_PATH) -> list[Scenario]:
    """Load and validate; unknown rules, services or situations name file, line and field."""
    root = Node.root(path)
    root.check_keys({"scenarios"})
    scenarios: list[Scenario] = []
    rule_ids = {rule.id for rule in table.rules}
    for node in root.children("scenarios"):
        node.check_keys({"id", "title", "persona", "language", "audience", "clock", "steps"})
        scenario_id = node.text("id")
        if not _ID.match(scenario_id) or scenario_id in {s.id for s in scenarios}:
            raise node.error("id", f"{scenario_id!r} must be unique, in a-z, 0-9 and _")
        language = node.text("language")
        if language not in LANGUAGES:
            raise node.error("language", f"must be one of {', '.join(LANGUAGES)}")
        audience = node.text("audience", None)
        if audience not in (None, "young", "parent", "professional"):
            raise node.error("audience", "must be young, parent or professional")
        clock = node.text("clock", None)
        if clock is not None:
            node.convert("clock", datetime.fromisoformat)
        steps = tuple(_read_step(step, directory, rule_ids) for step in node.children("steps"))
        if not steps:
            raise node.error("steps", "needs at least one step")
        scenarios.append(Scenario(scenario_id, Text.read(node, "title"),
                                  Text.read(node, "persona"), language, audience, clock, steps))
    missing = [f"{situation} ({language})" for situation in SITUATIONS for language in LANGUAGES
               if not any(language == s.language and situation in situations_of(s)
                          for s in scenarios)]
    if missing:
        raise DataError(path, None, "scenarios", f"no scenario shows {', '.join(missing)}")
    return scenarios


def situations_of(scenario: Scenario) -> set[str]:
    """The situations a scenario shows (crisis 113 is crisis_suicide, 112 emergency)."""
    crisis = {number: situation for situation, number in CRISIS_NUMBERS.items()}
    found = {step.expect.get("situation") or crisis.get(step.expect.get("crisis", ""))
             for step in scenario.steps}
    return {str(situation) for situation in found if situation}


def _read_step(node: Node, directory: Directory, rule_ids: set[str]) -> Step:
    node.check_keys({"say", "expect"})
    expect_node = node.child("expect")
    expect_node.check_keys(_EXPECT_KEYS)
    expect = dict(expect_node.data)
    if "crisis" in expect and str(expect["crisis"]) not in ("113", "112"):
        raise expect_node.error("crisis", "must be 113 or 112")
    if "situation" in expect and expect["situation"] not in SITUATIONS:
        raise expect_node.error("situation", f"{expect['situation']!r} is not a situation")
    if "rule" in expect and expect["rule"] not in rule_ids:
        raise expect_node.error("rule", f"{expect['rule']!r} is not a rule in signposting.yml")
    for service_id in expect_node.str_list("services", []):
        if service_id not in directory:
            raise expect_node.error("services", f"unknown service id {service_id!r}")
    if "crisis" in expect:
        expect["crisis"] = str(expect["crisis"])
    return Step(node.text("say"), expect)


@dataclass
class StepResult:
    """How one reply compares with what the scenario expects."""

    problems: list[str] = field(default_factory=list)
    signpost: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_step(step: Step, reply: list[dict[str, Any]]) -> StepResult:
    """Compare a bot reply (the list of messages) with the step's expectations."""
    result = StepResult()
    signposts = [m["custom"] for m in reply
                 if (m.get("custom") or {}).get("type") == "signpost"]
    expect = step.expect
    if "crisis" in expect:
        first = (reply[0].get("custom") or {}) if reply else {}
        services = [s.get("id") for s in first.get("services", [])]
        if services[:1] != [expect["crisis"]]:
            result.problems.append(f"expected {expect['crisis']} first, got {services[:1]}")
    non_crisis = [s for s in signposts if s.get("situation") not in CRISIS_SITUATIONS]
    result.signpost = non_crisis[0] if non_crisis else (signposts[0] if signposts else None)
    if {"situation", "rule", "services"} & set(expect):
        if result.signpost is None:
            result.problems.append("expected a signpost, got none")
            return result
        for key in ("situation", "rule"):
            if key in expect and result.signpost.get(key) != expect[key]:
                result.problems.append(f"expected {key} {expect[key]}, "
                                       f"got {result.signpost.get(key)}")
        got = [s["id"] for s in result.signpost.get("services", [])]
        if "services" in expect and got != list(expect["services"]):
            result.problems.append(f"expected services {expect['services']}, got {got}")
    if "says" in expect:
        texts = " ".join(m.get("text", "") for m in reply)
        if expect["says"].lower() not in texts.lower():
            result.problems.append(f"expected the reply to say {expect['says']!r}")
    return result
