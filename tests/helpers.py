"""Helpers shared by the tests (fixtures live in the conftest.py files). The tools use some
of them too (Chromium, the held-out NLU report); tests never import from tools/."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from bot.authoring.training_data import holdout_examples
from bot.running.in_process import first_service_of_reply
from bot.vocabulary import CRISIS_NUMBERS, SITUATIONS


# The public contract (CONTRACT.md)

def new_sender() -> str:
    return f"test-{uuid.uuid4().hex}"


def signposts(reply):
    return [m["custom"] for m in reply if m.get("custom", {}).get("type") == "signpost"]


SERVICE_FIELDS = {"id", "name", "phone", "chat_url", "url", "hours", "open_now", "why"}


def check_contract(custom, situation, language):
    assert custom["type"] == "signpost"
    assert custom["situation"] == situation
    assert custom["language"] == language
    assert isinstance(custom["rule"], str) and custom["rule"]
    assert custom["services"]
    for service in custom["services"]:
        assert SERVICE_FIELDS <= set(service)
        assert service["open_now"] in (True, False, None)
        assert service["url"].startswith("https://")
        assert service["why"] and service["hours"] and service["name"]


# The operators' metrics

EXPECTED = {
    "wegwijzer_turns": (),
    "wegwijzer_conversations_started": (),
    "wegwijzer_signpost_replies": ("situation", "rule", "language"),
    "wegwijzer_signposts": ("situation", "rule", "service", "language"),
    "wegwijzer_crisis_replies": ("number",),
    "wegwijzer_fallback_answers": (),
    "wegwijzer_clarifying_questions": ("response",),
    "wegwijzer_out_of_scope_answers": (),
    "wegwijzer_quick_exits": (),
    "wegwijzer_taps": ("service", "kind"),
    "wegwijzer_errors": ("reason",),
}


def metrics(bot) -> Counter:
    """Our counters' samples: {(name, ((label, value), ...)): value}."""
    status, content_type, body = bot.get("/metrics")
    assert status == 200 and content_type.startswith("text/plain"), (status, content_type)
    found: Counter = Counter()
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            if sample.name.startswith("wegwijzer_"):
                found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


# The held-out NLU set (tests/nlu/), never trained on: tests/nlu/test_holdout.py checks it,
# `python -m tools.evaluate_nlu` writes it into docs/nlu-holdout.md.

@dataclass
class Result:
    text: str
    expected: str
    predicted: str
    language: str
    first_service: str | None = None  # for crisis messages: the first service of the reply


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def accuracy(self, language: str, intent: str | None = None) -> float:
        rows = [r for r in self.results if r.language == language
                and (intent is None or r.expected == intent)]
        return sum(r.predicted == r.expected for r in rows) / len(rows) if rows else 0.0

    def situation_accuracy(self, language: str) -> float:
        rows = [r for r in self.results if r.language == language and r.expected in SITUATIONS]
        return sum(r.predicted == r.expected for r in rows) / len(rows)

    def crisis_rows(self, language: str) -> list[Result]:
        return [r for r in self.results if r.language == language and r.expected in CRISIS_NUMBERS]

    def crisis_first(self, language: str) -> tuple[int, int]:
        """(crisis messages answered with 113 or 112 first, crisis messages)."""
        rows = self.crisis_rows(language)
        return sum(r.first_service in CRISIS_NUMBERS.values() for r in rows), len(rows)

    def errors(self) -> list[Result]:
        return [r for r in self.results if r.predicted != r.expected]


async def evaluate(agent: Any) -> Report:
    """Every held-out message through the model; crisis messages through the real dialogue
    too, for what its reply says first."""
    report = Report()
    for example in holdout_examples():
        parse = await agent.parse_message(example.text)
        result = Result(example.text, example.intent, parse["intent"]["name"], example.language)
        if example.intent in CRISIS_NUMBERS:
            result.first_service = await first_service_of_reply(agent, example.text)
        report.results.append(result)
    return report


# Debian's Chromium, driven by Playwright (which never downloads a browser here): for the
# browser tests, the screenshots and the widget's size.

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google's services.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


def launch_chromium(playwright: Any) -> Any:
    """A headless Chromium; fails with a clear message when it is not installed."""
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing; `make test` installs Debian's chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)


# The widget, in a browser page

SEXTORTION = "ik word afgeperst met m'n nudes, hij wil geld"


def open_widget(page):
    page.get_by_role("button", name="Praat met Wegwijzer").click()
    return page.get_by_role("textbox", name="Typ je bericht")


def say(page, box, text: str) -> None:
    """Type a message, send it with Enter, and wait until the bot's answer is shown."""
    answers = page.locator(".message.bot").count()
    box.fill(text)
    box.press("Enter")
    page.locator(".message.bot").nth(answers).wait_for()
    page.locator(".typing").wait_for(state="hidden")
